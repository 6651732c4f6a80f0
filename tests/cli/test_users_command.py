"""``koers users``: create the first admin, list accounts, reset a lost phone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from typer.testing import CliRunner

from koers.cli.main import app
from koers.web.accounts.codes import matches
from koers.web.accounts.models import EnrolmentCode, Team, User
from koers.web.audit.models import AuditAction, AuditEvent

runner = CliRunner()
PASSWORD = "a sturdy passphrase"

pytestmark = pytest.mark.usefixtures("data_dir", "db")


def koers(
    *args: str, stdin: str | None = None, password: str | None = None
) -> tuple[int, str, str]:
    env = {"KOERS_PASSWORD": password} if password is not None else {"KOERS_PASSWORD": ""}
    result = runner.invoke(app, ["users", *args], input=stdin, env=env)
    return result.exit_code, result.stdout, result.stderr


def test_it_creates_the_first_admin_with_the_password_from_the_environment() -> None:
    code, out, err = koers("create", "carla", "--role", "admin", "--json", password=PASSWORD)
    assert code == 0, err
    carla = User.objects.get(username="carla")
    printed = json.loads(out)
    code, expires = printed.pop("enrolment_code"), printed.pop("enrolment_code_expires")
    assert printed == {"id": carla.pk, "username": "carla", "role": "admin", "team": None}
    assert carla.check_password(PASSWORD)
    enrolment = EnrolmentCode.objects.get(user=carla)
    assert matches(code, enrolment.digest) and expires == enrolment.expires_at.isoformat()
    event = AuditEvent.objects.get(action=AuditAction.USER_CREATED)
    assert (event.actor, event.via) == (None, "cli")


def test_it_reads_the_password_from_stdin_and_makes_the_team(data_dir: Path) -> None:
    code, out, err = koers(
        "create",
        "anna",
        "--role",
        "coach",
        "--team",
        "Noord",
        "--email",
        "anna@example.org",
        stdin=PASSWORD + "\n",
    )
    assert code == 0, err
    assert "anna" in out
    anna = User.objects.get(username="anna")
    assert anna.check_password(PASSWORD)
    # Issue 14: the one-time enrolment code is printed once, and she chooses her own password.
    printed = re.search(r"Enrolment code for anna, to set up two-step sign-in: (\S+)", out)
    assert printed is not None
    assert matches(printed.group(1), EnrolmentCode.objects.get(user=anna).digest)
    assert anna.must_set_password
    assert anna.team == Team.objects.get(name="Noord")
    assert anna.email == "anna@example.org"


def test_it_puts_a_user_in_an_existing_team() -> None:
    Team.objects.create(name="Noord")
    code, out, _ = koers(
        "create", "bram", "--role", "teamlead", "--team", "noord", "--json", password=PASSWORD
    )
    assert code == 0
    assert json.loads(out)["team"] == "Noord"
    assert Team.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "password", "message", "exit_code"),
    [
        (["--role", "boss"], PASSWORD, "Unknown role", 2),
        (["--role", "coach"], "short", "password", 1),
        (["--role", "coach"], None, "KOERS_PASSWORD", 1),
    ],
)
def test_it_explains_what_went_wrong_and_exits_with_2_for_usage_and_1_for_the_rest(
    args: list[str], password: str | None, message: str, exit_code: int
) -> None:
    code, out, err = koers("create", "fenna", *args, "--team", "Oost", password=password)
    assert code == exit_code
    assert message in err
    assert out == ""
    assert not User.objects.filter(username="fenna").exists()
    # Nothing half-done: the team of a refused user is not made either.
    assert not Team.objects.filter(name="Oost").exists()


def test_it_refuses_a_second_user_with_the_same_name() -> None:
    assert koers("create", "anna", "--role", "coach", password=PASSWORD)[0] == 0
    code, _, err = koers("create", "Anna", "--role", "admin", password=PASSWORD)
    assert code == 1
    assert "already" in err
    assert User.objects.count() == 1


def test_it_lists_the_users() -> None:
    koers("create", "anna", "--role", "coach", "--team", "Noord", password=PASSWORD)
    koers("create", "carla", "--role", "admin", password=PASSWORD)
    TOTPDevice.objects.create(user=User.objects.get(username="anna"), name="app", confirmed=True)
    code, out, _ = koers("list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["username"], r["role"], r["team"], r["two_factor"]) for r in rows] == [
        ("anna", "coach", "Noord", True),
        ("carla", "admin", None, False),
    ]
    code, out, _ = koers("list")
    assert code == 0
    assert "anna" in out and "Noord" in out


def test_it_resets_the_second_step_of_a_user() -> None:
    koers("create", "anna", "--role", "coach", password=PASSWORD)
    anna = User.objects.get(username="anna")
    TOTPDevice.objects.create(user=anna, name="app", confirmed=True)
    first = EnrolmentCode.objects.get(user=anna).digest
    code, out, _ = koers("reset-2fa", "anna", "--json")
    assert code == 0
    printed = json.loads(out)
    assert printed["two_factor"] is False
    assert not TOTPDevice.objects.filter(user=anna).exists()
    # A new enrolment code; the one printed at creation no longer works.
    new = EnrolmentCode.objects.get(user=anna).digest
    assert new != first and matches(printed["enrolment_code"], new)
    event = AuditEvent.objects.get(action=AuditAction.USER_2FA_RESET)
    assert (event.target, event.via) == (f"user:{anna.pk}", "cli")
    code, out, _ = koers("reset-2fa", "anna")
    assert code == 0 and "Enrolment code for anna" in out


def test_resetting_an_unknown_user_exits_with_1() -> None:
    code, _, err = koers("reset-2fa", "nobody")
    assert code == 1
    assert "nobody" in err


def test_an_admin_named_with_as_is_in_the_audit_trail() -> None:
    assert koers("create", "carla", "--role", "admin", password=PASSWORD)[0] == 0
    code, _, err = koers("create", "anna", "--role", "coach", "--as", "carla", password=PASSWORD)
    assert code == 0, err
    created = AuditEvent.objects.filter(action=AuditAction.USER_CREATED, actor__username="carla")
    assert created.count() == 1


def test_as_must_name_an_active_admin() -> None:
    assert koers("create", "anna", "--role", "coach", password=PASSWORD)[0] == 0
    code, _, err = koers("create", "bram", "--role", "coach", "--as", "anna", password=PASSWORD)
    assert code == 1 and "not an active admin" in err
    assert not User.objects.filter(username="bram").exists()
