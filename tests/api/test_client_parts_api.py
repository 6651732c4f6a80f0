"""A client's trajecten, pauses, training applications and career plan with a personal token:
the pages' actions and access underneath, the career plan as `koers plan show --json`."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client as Browser
from django.utils import timezone
from typer.testing import CliRunner

from koers.cli.main import app
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.models import Client, Opdrachtgever, Traject
from koers.web.plans import actions as plan_actions
from koers.web.training.actions import create_application
from tests.api.conftest import MakeToken, bearer
from tests.web.conftest import HAIRDRESSER, People

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def send(browser: Browser, method: str, url: str, token: str, body: Any = None) -> Any:
    return browser.generic(
        method,
        f"/api/v1{url}",
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers=bearer(token),
    )


def test_it_starts_and_changes_a_traject_at_the_version_read(
    client: Browser, people: People, make_token: MakeToken, traject: Traject
) -> None:
    token = make_token(people.anna, "write")
    sandra = traject.client
    started = send(
        client,
        "POST",
        f"/clients/{sandra.pk}/trajecten",
        token,
        {"opdrachtgever": traject.opdrachtgever_id, "starts": "2026-12-01", "budget": "12"},
    )
    assert started.status_code == 201, started.content
    new = started.json()
    assert (new["status"], new["budget"], new["version"]) == ("aangemeld", "12.00", 1)
    assert new["minutes_used"] == 0
    listed = send(client, "GET", f"/clients/{sandra.pk}/trajecten", token).json()
    assert {row["id"] for row in listed} == {traject.pk, new["id"]}
    # Without contacts logged on it, a traject has used 0 minutes, in the list as on creation.
    assert {row["id"]: row["minutes_used"] for row in listed}[new["id"]] == 0
    url = f"/clients/{sandra.pk}/trajecten/{new['id']}"
    changed = send(client, "PATCH", url, token, {"version": 1, "order_number": "A-7"})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = send(client, "PATCH", url, token, {"version": 1, "order_number": "B-8"})
    assert stale.status_code == 409
    assert Traject.objects.get(pk=new["id"]).order_number == "A-7"


def test_it_names_the_field_of_a_traject_that_cannot_be_saved(
    client: Browser, people: People, make_token: MakeToken, traject: Traject
) -> None:
    token = make_token(people.anna, "write")
    url = f"/clients/{traject.client_id}/trajecten"
    unknown = send(client, "POST", url, token, {"opdrachtgever": 999, "starts": "2026-12-01"})
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["opdrachtgever"]
    bsn = send(
        client,
        "POST",
        url,
        token,
        {
            "opdrachtgever": traject.opdrachtgever_id,
            "starts": "2026-12-01",
            "order_number": "111222333",
        },
    )
    assert bsn.status_code == 422
    assert Traject.objects.filter(client_id=traject.client_id).count() == 1


def test_it_moves_a_traject_one_step_and_closes_it_with_an_outcome(
    client: Browser, people: People, make_token: MakeToken, traject: Traject
) -> None:
    token = make_token(people.anna, "write")
    url = f"/clients/{traject.client_id}/trajecten/{traject.pk}/status"
    moved = send(client, "POST", url, token, {"status": "intake"})
    assert moved.status_code == 200 and moved.json()["status"] == "intake"
    skipped = send(client, "POST", url, token, {"status": "gepauzeerd"})
    assert skipped.status_code == 409
    unsaid = send(client, "POST", url, token, {"status": "afgesloten"})
    assert unsaid.status_code == 422
    assert [e["field"] for e in unsaid.json()["errors"]] == ["outcome"]
    closed = send(client, "POST", url, token, {"status": "afgesloten", "outcome": "vwnw"})
    assert closed.json()["outcome"] == "vwnw" and closed.json()["closed_on"]
    assert send(client, "POST", url, token, {"status": "actief"}).status_code == 409
    traject.refresh_from_db()
    assert (traject.status, traject.outcome) == ("afgesloten", "vwnw")


def test_it_pauses_only_with_a_yes_for_what_falls_due(
    client: Browser, people: People, make_token: MakeToken, traject: Traject
) -> None:
    token = make_token(people.anna, "write")
    sandra = traject.client
    plan = plan_actions.start_plan(by=people.anna, client=sandra)
    plan_actions.add_action(
        by=people.anna,
        plan=plan,
        version=plan.version,
        what="Bellen met de salon",
        who="client",
        due_on=TODAY() + datetime.timedelta(days=3),
    )
    url = f"/clients/{sandra.pk}/pauses"
    until = (TODAY() + datetime.timedelta(days=10)).isoformat()
    refused = send(client, "POST", url, token, {"until": until, "reason": "zorg"})
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"
    due = refused.json()["deadlines"]
    assert [d["on"] for d in due] == [(TODAY() + datetime.timedelta(days=3)).isoformat()]
    assert "Bellen met de salon" in due[0]["what"]
    assert send(client, "GET", url, token).json() == []
    confirmed = {"until": until, "reason": "zorg", "deadlines_confirmed": True}
    paused = send(client, "POST", url, token, confirmed)
    assert paused.status_code == 201, paused.content
    assert [p["until"] for p in send(client, "GET", url, token).json()] == [until]
    event = AuditEvent.objects.get(action=AuditAction.CLIENT_PAUSED)
    assert event.via == "api" and event.detail == "1 deadlines confirmed"


def test_it_refuses_a_pause_in_the_past_naming_the_field(
    client: Browser, people: People, make_token: MakeToken, traject: Traject
) -> None:
    token = make_token(people.anna, "write")
    yesterday = (TODAY() - datetime.timedelta(days=1)).isoformat()
    body = {"until": yesterday, "reason": "zorg"}
    refused = send(client, "POST", f"/clients/{traject.client_id}/pauses", token, body)
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["until"]


def test_it_lists_a_clients_training_applications_with_their_lines(
    client: Browser, people: People, make_token: MakeToken, traject: Traject
) -> None:
    made = create_application(
        by=people.anna,
        traject=traject,
        values={"course_title": "Helpende zorg", "provider": "ROC", "cost": Decimal(900)},
    )
    token = make_token(people.anna)
    listed = send(client, "GET", f"/clients/{traject.client_id}/applications", token).json()
    assert [(a["id"], a["cost"], a["lines"]) for a in listed] == [(made.pk, "900.00", [])]
    one = send(client, "GET", f"/applications/{made.pk}", token).json()
    assert one["course_title"] == "Helpende zorg" and one["traject"] == traject.pk
    assert (
        send(client, "GET", f"/applications/{made.pk}", make_token(people.dirk)).status_code == 404
    )


def test_it_gives_the_career_plan_as_koers_plan_show_does(
    client: Browser, people: People, make_token: MakeToken, opdrachtgever: Opdrachtgever
) -> None:
    sandra = Client.objects.create(coach=people.anna, first_name="Sandra", last_name="Bos")
    token = make_token(people.anna)
    missing = send(client, "GET", f"/clients/{sandra.pk}/plan", token)
    assert missing.status_code == 404 and "no career plan" in missing.json()["detail"]
    plan = plan_actions.start_plan(by=people.anna, client=sandra)
    plan_actions.add_direction(
        by=people.anna,
        plan=plan,
        version=plan.version,
        kind="new",
        occupation_uri=HAIRDRESSER,
        why="Minder staan.",
    )
    read = send(client, "GET", f"/clients/{sandra.pk}/plan", token)
    assert read.status_code == 200, read.content
    shown = CliRunner().invoke(app, ["plan", "show", str(sandra.pk), "--json", "--as", "anna"])
    assert shown.exit_code == 0, shown.stderr
    assert read.json() == json.loads(shown.stdout)
    viewed = AuditEvent.objects.filter(action=AuditAction.PLAN_VIEWED, via="api")
    assert viewed.count() == 1
