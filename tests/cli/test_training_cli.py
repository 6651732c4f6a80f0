"""``koers training import-courses``: a catalogue keeper imports a course CSV from the shell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from koers.cli.main import app
from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.training.models import Course

TEAMWORK = "http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0"
HEADER = "titel;aanbieder;prijs;vorm;vaardigheden\n"

runner = CliRunner()

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("imported_data_dir")]


def koers(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["training", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def bram() -> User:
    team = Team.objects.create(name="Noord")
    return User.objects.create_user("bram", role=Role.TEAMLEAD, team=team)


@pytest.fixture
def anna() -> User:
    return User.objects.create_user("anna", role=Role.COACH)


def csv_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cursussen.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_it_imports_courses_and_marks_the_audit_entry_as_cli(bram: User, tmp_path: Path) -> None:
    path = csv_file(
        tmp_path, HEADER + f"Samenwerken;ROC;450;online;{TEAMWORK}\nKappen;Kapschool;;;\n"
    )

    code, out, _ = koers("import-courses", str(path), "--as", "bram", "--json")

    assert code == 0
    result = json.loads(out)
    assert (result["ok"], result["created"], result["updated"]) == (True, 2, 0)
    assert Course.objects.get(title="Samenwerken").skills == [TEAMWORK]
    entry = AuditEvent.objects.get(action=AuditAction.COURSES_IMPORTED)
    assert (entry.actor, entry.via) == (bram, "cli")

    code, out, _ = koers("import-courses", str(path), "--as", "bram")

    assert code == 0
    assert "0 added, 0 changed, 2 the same" in out


def test_it_prints_file_row_column_for_each_problem_and_saves_nothing(
    bram: User, tmp_path: Path
) -> None:
    path = csv_file(
        tmp_path,
        HEADER + "Goed;ROC;100;;\nFout;ROC;veel;cursus;\nDubbel;X;;;\ndubbel;x;;;http://nope\n",
    )

    code, _, err = koers("import-courses", str(path), "--as", "bram")

    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith(f"{path}:")]
    places = [line.removeprefix(f"{path}:").split(":")[:2] for line in lines]
    assert places == [["3", "prijs"], ["3", "vorm"], ["5", "vaardigheden"]]
    assert "no courses were saved" in err
    assert not Course.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_reports_problems_as_json_too(bram: User, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "titel;kleur\nA;rood\n")

    code, out, _ = koers("import-courses", str(path), "--as", "bram", "--json")

    assert code == 1
    result = json.loads(out)
    assert result["ok"] is False
    assert {(e["row"], e["column"]) for e in result["errors"]} == {(1, "kleur"), (1, "aanbieder")}


def test_it_refuses_a_coach_an_unknown_user_and_a_missing_file(
    anna: User, bram: User, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, HEADER + "A;B;;;\n")

    code, _, err = koers("import-courses", str(path), "--as", "anna")
    assert code == 1 and "may not keep the course catalogue" in err
    assert koers("import-courses", str(path), "--as", "nobody")[0] == 1
    code, _, err = koers("import-courses", str(tmp_path / "missing.csv"), "--as", "bram")
    assert code == 1 and "missing.csv" in err
    assert not Course.objects.exists()
