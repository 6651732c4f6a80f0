"""Personal tokens: made once on the command line, only a hash kept, revoked on the account
page or the command line, and from then on refused."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client as Browser
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from typer.testing import CliRunner

from koers.cli.main import app
from koers.web.accounts.models import ApiToken
from koers.web.accounts.tokens import hash_of, revoke_token
from koers.web.audit.models import AuditAction, AuditEvent
from tests.api.conftest import MakeToken, bearer, enrol
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db(transaction=True)
runner = CliRunner()


def koers(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_it_makes_a_read_token_for_a_coach_that_lists_her_clients(
    client: Browser, people: People
) -> None:
    enrol(people.anna)
    own = make_client(people.anna)
    code, out, err = koers(
        "tokens", "create", "anna", "--scope", "read", "--expires", "90d", "--name", "planning"
    )
    assert code == 0, err
    token = out.split()[0]
    assert token.startswith("koers_")
    row = ApiToken.objects.get()
    assert row.key_hash == hash_of(token) and token not in {row.key_hash, row.prefix}
    assert (row.expires_at - row.created_at).days == 90 and row.name == "planning"
    created = AuditEvent.objects.get(action=AuditAction.TOKEN_CREATED)
    assert created.via == "cli" and "anna read" in created.detail
    page = client.get("/api/v1/clients", headers=bearer(token)).json()
    assert [row["id"] for row in page["results"]] == [own.pk]
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_it_makes_no_token_for_a_user_without_two_step_sign_in(people: People) -> None:
    code, _, err = koers("tokens", "create", "anna", "--scope", "write")
    assert code == 1
    assert "two-step sign-in" in err
    assert not ApiToken.objects.exists()


def test_it_refuses_a_wrong_scope_or_lifetime(people: People) -> None:
    enrol(people.anna)
    assert koers("tokens", "create", "anna", "--scope", "admin")[0] == 2
    assert koers("tokens", "create", "anna", "--scope", "read", "--expires", "soon")[0] == 2
    code, _, err = koers("tokens", "create", "anna", "--scope", "read", "--expires", "400d")
    assert code == 1 and "366" in err
    assert not ApiToken.objects.exists()


def test_it_lists_and_revokes_a_token_on_the_command_line(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    token = make_token(people.anna)
    code, out, _ = koers("tokens", "list", "anna", "--json")
    listed = json.loads(out)
    assert code == 0 and [t["revoked_at"] for t in listed] == [None]
    assert token not in out
    code, _, _ = koers("tokens", "revoke", str(listed[0]["id"]), "--as", "carla")
    assert code == 0
    revoked = AuditEvent.objects.get(action=AuditAction.TOKEN_REVOKED)
    assert revoked.actor == people.carla and revoked.via == "cli"
    response = client.get("/api/v1/clients", headers=bearer(token))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_it_answers_401_without_a_token_or_with_a_wrong_one(
    client: Browser, people: People
) -> None:
    assert client.get("/api/v1/clients").status_code == 401
    wrong = client.get("/api/v1/clients", headers=bearer("koers_nonsense"))
    assert wrong.status_code == 401 and wrong.json()["status"] == 401


def test_it_refuses_an_expired_token(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    token = make_token(people.anna)
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get("/api/v1/clients", headers=bearer(token)).status_code == 401


def test_it_stops_a_token_when_its_user_leaves_or_loses_the_second_factor(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    token = make_token(people.anna)
    assert client.get("/api/v1/clients", headers=bearer(token)).status_code == 200
    TOTPDevice.objects.filter(user=people.anna).delete()
    assert client.get("/api/v1/clients", headers=bearer(token)).status_code == 401
    enrol(people.anna)
    people.anna.is_active = False
    people.anna.save()
    assert client.get("/api/v1/clients", headers=bearer(token)).status_code == 401


def test_it_shows_the_tokens_on_the_account_page_with_revoke(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    token = make_token(people.anna)
    row = ApiToken.objects.get()
    client.force_login(people.anna)
    html = client.get("/en/account/").content.decode()
    assert row.prefix in html and token not in html
    assert client.post(f"/account/tokens/{row.pk}/intrekken/").status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert client.get("/api/v1/clients", headers=bearer(token)).status_code == 401


def test_it_lets_nobody_revoke_a_colleagues_token_on_the_account_page(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    make_token(people.eva)
    row = ApiToken.objects.get()
    client.force_login(people.anna)
    assert client.post(f"/account/tokens/{row.pk}/intrekken/").status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None


def test_it_revokes_once(people: People, make_token: MakeToken) -> None:
    make_token(people.anna)
    row = ApiToken.objects.get()
    revoke_token(by=people.anna, token=row)
    revoke_token(by=people.anna, token=row)
    assert AuditEvent.objects.filter(action=AuditAction.TOKEN_REVOKED).count() == 1
