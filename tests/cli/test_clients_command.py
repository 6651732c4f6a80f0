"""``koers clients import | export | erase | retention`` as coordinators and timers use them."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from koers.cli.main import app
from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import change_traject_status, create_client, create_traject
from koers.web.clients.models import Client, Opdrachtgever

CASELOAD = Path(__file__).parent.parent / "fixtures" / "caseload"

runner = CliRunner()

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def koers(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["clients", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def anna() -> User:
    team = Team.objects.create(name="Noord")
    return User.objects.create_user("anna", role=Role.COACH, team=team)


@pytest.fixture
def carla() -> User:
    return User.objects.create_user("carla", role=Role.ADMIN)


@pytest.fixture
def petra(anna: User) -> Client:
    return create_client(
        by=anna,
        coach=anna,
        values={"first_name": "Petra", "last_name": "de Vries", "situation": "at_risk"},
    )


def test_import_adds_every_client_and_marks_the_audit_entries_as_cli(anna: User) -> None:
    code, out, _ = koers(
        "import", str(CASELOAD / "semicolon-bom.csv"), "--coach", "anna", "--as", "anna", "--json"
    )

    assert code == 0
    result = json.loads(out)
    assert result["ok"] is True
    assert result["created"] == 2
    assert sorted(result["clients"]) == sorted(Client.objects.values_list("pk", flat=True))
    entry = AuditEvent.objects.get(action=AuditAction.CLIENTS_IMPORTED)
    assert (entry.actor, entry.via) == (anna, "cli")


def test_import_prints_file_row_column_for_each_problem_and_writes_nothing(anna: User) -> None:
    path = CASELOAD / "problems.csv"

    code, _, err = koers("import", str(path), "--coach", "anna", "--as", "anna")

    assert code == 1
    prefix = f"{path}:"
    places = [
        line.removeprefix(prefix).split(":")[:2]
        for line in err.splitlines()
        if line.startswith(prefix)
    ]
    assert places == [
        ["2", "contract"],
        ["3", "achternaam"],
        ["4", "email"],
        ["5", "notities"],
        ["6", "voornaam"],
        ["7", "situatie"],
    ]
    assert f"{path}:5:notities: This looks like a citizen service number" in err
    assert not Client.objects.exists()
    assert not AuditEvent.objects.exists()


def test_import_reports_problems_as_json_too(anna: User) -> None:
    code, out, _ = koers(
        "import", str(CASELOAD / "bad-header.csv"), "--coach", "anna", "--as", "anna", "--json"
    )

    assert code == 1
    result = json.loads(out)
    assert result["ok"] is False
    assert {(e["row"], e["column"]) for e in result["errors"]} == {(1, "kleur"), (1, "situatie")}


def test_import_refuses_an_unknown_user_a_missing_file_and_another_coach(
    anna: User, carla: User
) -> None:
    good = str(CASELOAD / "semicolon-bom.csv")

    assert koers("import", good, "--coach", "anna", "--as", "nobody")[0] == 1
    code, _, err = koers("import", "missing.csv", "--coach", "anna", "--as", "anna")
    assert code == 1 and "missing.csv" in err
    code, _, err = koers("import", good, "--coach", "anna", "--as", "carla")
    assert code == 1 and "may not import" in err
    assert not Client.objects.exists()


def test_import_refuses_an_inactive_user(anna: User) -> None:
    User.objects.filter(pk=anna.pk).update(is_active=False)

    code, _, err = koers(
        "import", str(CASELOAD / "semicolon-bom.csv"), "--coach", "anna", "--as", "anna"
    )

    assert code == 1
    assert "no active user" in err


def test_export_prints_json_for_an_admin(carla: User, petra: Client) -> None:
    code, out, _ = koers("export", str(petra.pk), "--as", "carla")

    assert code == 0
    data = json.loads(out)
    assert data["number"] == petra.pk
    assert data["client"]["first_name"] == "Petra"
    entry = AuditEvent.objects.get(action=AuditAction.CLIENT_EXPORTED)
    assert (entry.actor, entry.via) == (carla, "cli")


def test_export_is_for_admins_and_known_clients(anna: User, carla: User, petra: Client) -> None:
    code, out, err = koers("export", str(petra.pk), "--as", "anna")
    assert code == 1 and out == "" and "admin" in err

    code, _, err = koers("export", "999", "--as", "carla")
    assert code == 1 and "999" in err
    assert not AuditEvent.objects.filter(action=AuditAction.CLIENT_EXPORTED).exists()


def test_erase_needs_yes_without_a_terminal(carla: User, petra: Client) -> None:
    code, _, err = koers("erase", str(petra.pk), "--as", "carla")

    assert code == 1
    assert "--yes" in err
    assert Client.objects.get(pk=petra.pk).erased_at is None


def test_erase_with_yes_erases_once(carla: User, petra: Client) -> None:
    code, out, _ = koers("erase", str(petra.pk), "--yes", "--as", "carla", "--json")

    assert code == 0
    assert json.loads(out)["client"] == petra.pk
    erased = Client.objects.get(pk=petra.pk)
    assert erased.first_name == ""
    assert erased.erased_at is not None
    entry = AuditEvent.objects.get(action=AuditAction.CLIENT_ERASED)
    assert (entry.actor, entry.via) == (carla, "cli")

    code, _, err = koers("erase", str(petra.pk), "--yes", "--as", "carla")
    assert code == 1 and "already erased" in err


def test_erase_is_for_admins(anna: User, petra: Client) -> None:
    code, _, _ = koers("erase", str(petra.pk), "--yes", "--as", "anna")

    assert code == 1
    assert Client.objects.get(pk=petra.pk).erased_at is None


@pytest.fixture
def expired(anna: User) -> Client:
    client = create_client(
        by=anna, coach=anna, values={"first_name": "Oud", "situation": "working"}
    )
    fund = Opdrachtgever.objects.create(name="Fonds", kind="oo_fonds", retention_months=1)
    traject = create_traject(
        by=anna,
        client=client,
        values={"opdrachtgever": fund, "starts": datetime.date(2020, 1, 1)},
    )
    change_traject_status(
        by=anna, traject=traject, status="afgesloten", outcome="vwnw", on=datetime.date(2020, 6, 1)
    )
    return client


def test_retention_lists_then_anonymises_with_apply(expired: Client) -> None:
    code, out, _ = koers("retention", "--json")
    assert code == 0
    assert json.loads(out)["clients"] == [expired.pk]
    assert json.loads(out)["applied"] is False
    assert Client.objects.get(pk=expired.pk).first_name == "Oud"

    code, out, _ = koers("retention", "--apply")
    assert code == 0
    assert f"Anonymised 1 client(s): {expired.pk}" in out
    assert Client.objects.get(pk=expired.pk).first_name == ""
    entry = AuditEvent.objects.get(action=AuditAction.CLIENT_ANONYMISED)
    assert (entry.actor_name, entry.via) == ("system", "cli")

    code, out, _ = koers("retention")
    assert code == 0 and "No clients" in out


def test_retention_as_a_named_admin(carla: User, expired: Client) -> None:
    code, _, _ = koers("retention", "--apply", "--as", "carla")

    assert code == 0
    assert AuditEvent.objects.get(action=AuditAction.CLIENT_ANONYMISED).actor == carla


def test_retention_refuses_a_coach(anna: User, expired: Client) -> None:
    code, _, err = koers("retention", "--apply", "--as", "anna")
    assert "admin" in err

    assert code == 1
    assert Client.objects.get(pk=expired.pk).first_name == "Oud"


def test_import_names_the_cell_with_a_nul_and_writes_nothing(anna: User, tmp_path: Path) -> None:
    path = tmp_path / "caseload.csv"
    path.write_bytes(b"voornaam;situatie\nEen;working\nT\x00wee;working\n")

    code, _, err = koers("import", str(path), "--coach", "anna", "--as", "anna")

    assert code == 1
    assert f"{path}:3:voornaam: Remove the control character U+0000" in err
    assert not Client.objects.exists()


def test_import_refuses_a_file_imported_twice_unless_duplicates_are_allowed(anna: User) -> None:
    path = str(CASELOAD / "semicolon-bom.csv")
    assert koers("import", path, "--coach", "anna", "--as", "anna")[0] == 0
    first = Client.objects.order_by("pk").first()
    assert first is not None

    code, _, err = koers("import", path, "--coach", "anna", "--as", "anna")

    assert code == 1
    assert f"{path}:2::" in err and f"client {first.pk}" in err
    assert Client.objects.count() == 2
    assert koers("import", path, "--coach", "anna", "--as", "anna", "--allow-duplicates")[0] == 0
    assert Client.objects.count() == 4
