"""``koers report`` (issue 20): the report page's figures as JSON or CSV, for whom may see them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from koers.cli.main import app
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.models import Client, Contact, Opdrachtgever
from koers.web.reports.report import SECTIONS
from tests.web.conftest import People, opdrachtgever, people  # noqa: F401 (fixtures)
from tests.web.report_world import NOVEMBER, build_world

runner = CliRunner()

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


@pytest.fixture
def world(people: People, opdrachtgever: Opdrachtgever) -> dict[str, Client]:  # noqa: F811
    return build_world(people, opdrachtgever)


def koers(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["report", *args])
    return result.exit_code, result.stdout, result.stderr


def report(*args: str) -> dict[str, Any]:
    code, out, err = koers("--period", NOVEMBER, *args)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.mark.usefixtures("world")
def test_it_prints_one_key_per_section_and_the_period() -> None:
    data = report("--as", "bram")
    assert list(data) == ["period", "scope", *SECTIONS]
    assert data["period"] == {
        "code": NOVEMBER,
        "kind": "month",
        "starts": "2025-11-01",
        "ends": "2025-11-30",
    }
    assert AuditEvent.objects.filter(action=AuditAction.REPORT_VIEWED, via="cli").exists()


@pytest.mark.usefixtures("world")
def test_its_totals_are_what_the_database_holds() -> None:
    data = report("--as", "carla")
    assert data["clients"]["total"] == Client.objects.filter(erased_at__isnull=True).count()
    # Counted apart: every contact with a client on a Dutch November day.
    november = [
        c
        for c in Contact.objects.all()
        if c.with_whom == "client" and timezone.localtime(c.at).strftime("%Y-%m") == NOVEMBER
    ]
    assert data["reach"]["tried"] == len(november)
    assert data["reach"]["reached"] == len([c for c in november if c.outcome == "bereikt"])


@pytest.mark.usefixtures("world")
def test_it_gives_a_team_only_to_its_lead_and_admins() -> None:
    assert report("--as", "carla", "--team", "Zuid")["clients"]["total"] == 2
    assert report("--as", "bram", "--team", "Noord")["scope"] == {"kind": "team", "name": "Noord"}
    code, out, err = koers("--period", NOVEMBER, "--as", "dirk", "--team", "Noord")
    assert code == 1
    assert out == ""
    assert "Only the team lead of Noord and admins" in err
    assert report("--as", "dirk")["clients"]["total"] == 2


@pytest.mark.usefixtures("world")
def test_it_writes_every_table_as_csv_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "noord.csv"
    code, out, err = koers(
        "--period", NOVEMBER, "--as", "bram", "--format", "csv", "--out", str(target)
    )
    assert code == 0, err
    assert out == ""
    text = target.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Cliënten per situatie, nu"]
    assert ["Budgetgebruik per opdrachtgever"] in rows
    assert AuditEvent.objects.filter(action=AuditAction.REPORT_EXPORTED, detail=f"{NOVEMBER} csv")


@pytest.mark.parametrize(
    ("period", "message"),
    [("2025-13", "there is no month 13"), ("nov", "is not a period"), ("2025-Q5", "not a period")],
)
def test_it_refuses_a_bad_period_with_a_clear_error(
    people: People,  # noqa: F811
    period: str,
    message: str,
) -> None:
    code, out, err = koers("--period", period, "--as", "anna")
    assert code == 2
    assert out == ""
    assert message in err
    assert not AuditEvent.objects.filter(action=AuditAction.REPORT_VIEWED).exists()


def test_it_refuses_an_unknown_user(people: People) -> None:  # noqa: F811
    code, _out, err = koers("--period", NOVEMBER, "--as", "nobody")
    assert code == 1
    assert "no active user" in err


@pytest.mark.usefixtures("world")
def test_it_makes_a_partys_report_with_small_groups_hidden(
    opdrachtgever: Opdrachtgever,  # noqa: F811
) -> None:
    data = report("--as", "carla", "--opdrachtgever", str(opdrachtgever.pk))
    assert data["scope"] == {"kind": "opdrachtgever", "name": "O&O-fonds Detailhandel"}
    assert data["clients"]["total"] == "< 5"
    assert data["named"] == []
    code, _out, err = koers(
        "--period", NOVEMBER, "--as", "bram", "--opdrachtgever", str(opdrachtgever.pk)
    )
    assert code == 1
    assert "Only admins" in err


@pytest.mark.usefixtures("world")
def test_it_writes_the_report_as_a_pdf(tmp_path: Path) -> None:
    code, _out, err = koers("--period", NOVEMBER, "--as", "bram", "--format", "pdf")
    assert code == 2
    assert "--out" in err
    target = tmp_path / "noord.pdf"
    code, _out, err = koers(
        "--period", NOVEMBER, "--as", "bram", "--format", "pdf", "--out", str(target)
    )
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.usefixtures("world")
def test_it_records_a_partys_pdf_as_sent(
    tmp_path: Path,
    opdrachtgever: Opdrachtgever,  # noqa: F811
) -> None:
    from koers.web.reports.models import SentReport

    party = str(opdrachtgever.pk)
    code, _out, err = koers("--period", NOVEMBER, "--as", "carla", "--record", "--out", "x")
    assert code == 2
    assert "--record needs" in err
    target = tmp_path / "fonds.pdf"
    args = ("--period", NOVEMBER, "--opdrachtgever", party, "--format", "pdf", "--record")
    code, _out, err = koers(*args, "--as", "bram", "--out", str(target))
    assert code == 1
    # The refusal is in --lang: recording makes the PDF, in that language, in one go.
    assert "Alleen beheerders" in err
    code, _out, err = koers(*args, "--as", "carla", "--out", str(target))
    assert code == 0, err
    assert "version 1" in err
    sent = SentReport.objects.get()
    assert target.read_bytes() == bytes(sent.pdf)
    assert sent.period == NOVEMBER and sent.sent_by.username == "carla"
