"""``koers plan share``: a coach sends the current plan to the commissioning party from the
shell, only on the client's consent; it is recorded, and she gets that version's PDF (#16)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader
from typer.testing import CliRunner

from koers.cli.main import app
from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import create_client, create_traject, give_consent
from koers.web.clients.models import Opdrachtgever, Traject
from koers.web.plans import actions
from koers.web.plans.models import Plan, PlanShare

runner = CliRunner()

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("imported_data_dir")]


def koers(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["plan", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def anna() -> User:
    return User.objects.create_user("anna", role=Role.COACH, team=Team.objects.create(name="Noord"))


@pytest.fixture
def dirk() -> User:
    return User.objects.create_user("dirk", role=Role.COACH, team=Team.objects.create(name="Zuid"))


@pytest.fixture
def traject(anna: User) -> Traject:
    sandra = create_client(
        by=anna, coach=anna, values={"first_name": "Sandra", "situation": "at_risk"}
    )
    fonds = Opdrachtgever.objects.create(name="O&O-fonds Detailhandel", kind="oo_fonds")
    return create_traject(
        by=anna,
        client=sandra,
        values={"opdrachtgever": fonds, "starts": timezone.localdate()},
    )


@pytest.fixture
def plan(anna: User, traject: Traject) -> Plan:
    """Sandra's plan in version 2, with a note for her and one that stays with Anna."""
    plan = actions.start_plan(by=anna, client=traject.client)
    return actions.update_plan(
        by=anna,
        plan=plan,
        version=plan.version,
        values={"client_notes": "Goed gedaan, Sandra!", "coach_notes": "alleen voor Anna"},
    )


def consent(anna: User, traject: Traject) -> None:
    give_consent(
        by=anna, client=traject.client, recipient="opdrachtgever", given_on=timezone.localdate()
    )


def share(
    plan: Plan, traject: Traject | int, out: Path, *extra: str, user: str = "anna"
) -> tuple[int, str, str]:
    number = traject if isinstance(traject, int) else traject.pk
    return koers(
        "share",
        str(plan.client_id),
        "--traject",
        str(number),
        "--out",
        str(out),
        "--as",
        user,
        *extra,
    )


def test_it_sends_the_current_version_and_prints_the_share_record(
    anna: User, traject: Traject, plan: Plan, tmp_path: Path
) -> None:
    consent(anna, traject)
    out = tmp_path / "plan.pdf"

    code, stdout, _ = share(plan, traject, out, "--json", "--note", "naar het fonds")

    assert code == 0
    data = json.loads(stdout)
    record = PlanShare.objects.get()
    assert data["share"] == record.pk
    assert (data["client"], data["version"], data["traject"]) == (plan.client_id, 2, traject.pk)
    assert data["opdrachtgever"] == {
        "id": traject.opdrachtgever_id,
        "name": "O&O-fonds Detailhandel",
        "kind": "oo_fonds",
    }
    assert (data["sent_by"], data["how"], data["note"]) == ("anna", "download", "naar het fonds")
    assert data["file"] == str(out)
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Goed gedaan, Sandra!" in text
    assert "alleen voor Anna" not in text
    entry = AuditEvent.objects.get(action=AuditAction.PLAN_SHARED)
    assert (entry.actor, entry.via, entry.detail) == (
        anna,
        "cli",
        f"v2 to opdrachtgever {traject.opdrachtgever_id}",
    )


def test_without_json_it_says_what_went_where(
    anna: User, traject: Traject, plan: Plan, tmp_path: Path
) -> None:
    consent(anna, traject)

    code, stdout, _ = share(plan, traject, tmp_path / "plan.pdf")

    assert code == 0
    assert "Sent version 2 to O&O-fonds Detailhandel" in stdout


def test_without_consent_nothing_is_sent_or_written(
    traject: Traject, plan: Plan, tmp_path: Path
) -> None:
    out = tmp_path / "plan.pdf"

    code, stdout, stderr = share(plan, traject, out)

    assert (code, stdout) == (1, "")
    assert "has not consented to sharing with the commissioning party" in stderr
    assert not out.exists()
    assert not PlanShare.objects.exists()


def test_a_file_that_cannot_be_written_leaves_no_share(
    anna: User, traject: Traject, plan: Plan, tmp_path: Path
) -> None:
    consent(anna, traject)

    code, _, stderr = share(plan, traject, tmp_path / "no-such-folder" / "plan.pdf")

    assert code == 1
    assert "No such file or directory" in stderr
    assert not PlanShare.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.PLAN_SHARED).exists()


def test_an_unknown_traject_is_refused(traject: Traject, plan: Plan, tmp_path: Path) -> None:
    code, _, stderr = share(plan, 999, tmp_path / "plan.pdf")

    assert code == 1
    assert "there is no traject 999" in stderr


def test_a_coach_of_another_team_is_refused(
    anna: User, dirk: User, traject: Traject, plan: Plan, tmp_path: Path
) -> None:
    consent(anna, traject)

    code, _, stderr = share(plan, traject, tmp_path / "plan.pdf", user="dirk")

    assert code == 1
    assert "dirk may not open client" in stderr
    assert not PlanShare.objects.exists()


def test_the_help_gives_an_example() -> None:
    code, stdout, _ = koers("share", "--help")

    assert code == 0
    assert "koers plan share 42 --traject 7 --out plan.pdf --as anna" in stdout
