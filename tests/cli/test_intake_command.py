"""``koers intake purge`` as the daily timer runs it: a dry run first, deleting with --apply."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from koers.cli.intake import app
from koers.web.accounts.models import User
from koers.web.accounts.roles import Role
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.intake.models import CallbackRequest, Status

runner = CliRunner()

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def koers(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def requests() -> dict[str, CallbackRequest]:
    old = timezone.now() - datetime.timedelta(days=40)

    def request(**values: object) -> CallbackRequest:
        return CallbackRequest.objects.create(
            first_name="Sandra", phone="06 12345678", fingerprint="x" * 64, **values
        )

    return {
        "old": request(created_at=old),
        "declined": request(created_at=old, status=Status.DECLINED),
        "recent": request(),
    }


def test_it_only_counts_without_apply(requests: dict[str, CallbackRequest]) -> None:
    code, out, _ = koers("purge")

    assert code == 0
    assert "Would delete (run with --apply) 2 call-back request(s)" in out
    assert CallbackRequest.objects.count() == 3
    assert not AuditEvent.objects.exists()


def test_it_deletes_old_untaken_requests_with_apply(requests: dict[str, CallbackRequest]) -> None:
    code, out, _ = koers("purge", "--apply", "--json")

    assert code == 0
    result = json.loads(out)
    assert result == {
        "applied": True,
        "today": timezone.localdate().isoformat(),
        "keep_days": 30,
        "requests": 2,
    }
    assert list(CallbackRequest.objects.all()) == [requests["recent"]]
    entry = AuditEvent.objects.get(action=AuditAction.INTAKE_PURGED)
    assert (entry.actor, entry.via, entry.detail) == (None, "cli", "2 requests deleted")


def test_it_says_so_when_there_is_nothing_to_delete() -> None:
    code, out, _ = koers("purge", "--apply")

    assert code == 0
    assert "No call-back requests older than 30 days." in out


def test_it_names_the_admin_who_ran_it(requests: dict[str, CallbackRequest]) -> None:
    carla = User.objects.create_user("carla", role=Role.ADMIN)

    assert koers("purge", "--apply", "--as", "carla")[0] == 0

    assert AuditEvent.objects.get(action=AuditAction.INTAKE_PURGED).actor == carla


def test_only_an_admin_may_run_it_by_name(requests: dict[str, CallbackRequest]) -> None:
    User.objects.create_user("anna", role=Role.COACH)

    code, _, err = koers("purge", "--apply", "--as", "anna")

    assert code == 1
    assert "only admins" in err
    assert CallbackRequest.objects.count() == 3


def test_it_has_help() -> None:
    code, out, _ = koers("purge", "--help")
    assert code == 0
    assert "--apply" in out
