"""``koers plan show``: a coach reads a client's whole career plan from the shell (#16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader
from typer.testing import CliRunner

from koers import knowledge
from koers.cli.main import app
from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import create_client
from koers.web.clients.models import Client
from koers.web.plans import actions
from koers.web.plans.models import Plan
from koers.web.plans.queries import personal_transitions

HAIRDRESSER = "http://data.europa.eu/esco/occupation/099c6bb0-22d3-4c5d-8bf5-70910af381ef"

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
def sandra(anna: User) -> Client:
    return create_client(
        by=anna,
        coach=anna,
        values={"first_name": "Sandra", "situation": "at_risk", "occupation_uri": HAIRDRESSER},
    )


@pytest.fixture
def plan(anna: User, sandra: Client) -> Plan:
    """Sandra's plan: a skill from volunteer work, reflection, a direction and an action."""
    plan = actions.start_plan(by=anna, client=sandra)
    actions.update_plan(
        by=anna,
        plan=plan,
        version=plan.version,
        values={"reflection": {"gives": ["people"]}, "standing": "Ik wil verder."},
    )
    best = personal_transitions(plan, 1)[0]
    actions.add_skill(
        by=anna,
        plan=plan,
        version=plan.version,
        skill_uri=best.missing_essential[0],
        source="volunteer",
        own_words="bij de voetbalclub",
    )
    actions.add_direction(
        by=anna, plan=plan, version=plan.version, kind="new", occupation_uri=best.uri
    )
    actions.add_action(
        by=anna,
        plan=plan,
        version=plan.version,
        what="proefdag regelen",
        who="client",
        due_on=timezone.localdate(),
    )
    return plan


def test_show_json_gives_the_whole_current_plan(anna: User, plan: Plan) -> None:
    code, out, _ = koers("show", str(plan.client_id), "--json", "--as", "anna")

    assert code == 0
    data = json.loads(out)
    assert {"directions", "skills", "actions", "reflection", "version"} <= set(data)
    assert data["version"] == plan.version == 5
    assert data["client"] == plan.client_id
    assert data["skills"][0]["source"] == "volunteer"
    assert data["reflection"] == {"gives": ["people"]}
    assert data["directions"][0]["kind"] == "new"
    assert data["actions"][0]["what"] == "proefdag regelen"
    entry = AuditEvent.objects.get(action=AuditAction.PLAN_VIEWED)
    assert (entry.actor, entry.via, entry.client_id) == (anna, "cli", plan.client_id)


def test_show_without_json_reads_as_a_plan_with_labels(plan: Plan) -> None:
    code, out, _ = koers("show", str(plan.client_id), "--as", "anna")

    assert code == 0
    direction = plan.directions.get()
    assert knowledge.taxonomy().occupation(direction.occupation_uri).label("nl") in out
    assert "bij de voetbalclub" in out
    assert "proefdag regelen" in out
    assert "Career plan of Sandra" in out


def test_a_coach_of_another_team_is_refused(dirk: User, plan: Plan) -> None:
    code, out, err = koers("show", str(plan.client_id), "--json", "--as", "dirk")

    assert (code, out) == (1, "")
    assert "dirk may not open client" in err
    assert not AuditEvent.objects.filter(action=AuditAction.PLAN_VIEWED).exists()


def test_a_client_without_a_plan_is_a_failure(sandra: Client) -> None:
    code, _, err = koers("show", str(sandra.pk), "--as", "anna")

    assert code == 1
    assert "has no career plan yet" in err


def test_without_as_it_is_a_usage_error(plan: Plan) -> None:
    code, _, _ = koers("show", str(plan.client_id))

    assert code == 2


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_pdf_writes_the_clients_copy_in_dutch(anna: User, plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    code, _, err = koers("pdf", str(plan.client_id), "--out", str(out), "--as", "anna")

    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF-")
    text = pdf_text(out)
    direction = plan.directions.get()
    assert "Loopbaanplan van Sandra" in text
    assert knowledge.taxonomy().occupation(direction.occupation_uri).label("nl") in text
    assert "Wat we hebben afgesproken" in text
    entry = AuditEvent.objects.get(action=AuditAction.PLAN_PRINTED)
    assert (entry.actor, entry.via, entry.client_id) == (anna, "cli", plan.client_id)


def test_pdf_for_a_coach_of_another_team_is_refused(dirk: User, plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    code, _, err = koers("pdf", str(plan.client_id), "--out", str(out), "--as", "dirk")

    assert code == 1
    assert "dirk may not open client" in err
    assert not out.exists()
