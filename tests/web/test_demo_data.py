"""Demo data: a realistic synthetic workspace, the same for the same seed, never mixed in."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client as Browser
from django.urls import reverse
from pytest_django.fixtures import Settings

from koers import knowledge
from koers.web import demo_data
from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.choices import DEADLINE_DAYS
from koers.web.clients.models import Client, Consent, Contact, Pause, StatusChange, Traject
from koers.web.demo_data import CaseloadNotEmptyError, create_demo_data
from koers.web.demo_data import caseload as demo_caseload
from koers.web.demo_data import generate as demo_generate
from koers.web.intake.models import CallbackRequest
from koers.web.rounds.actions import start_round
from koers.web.rounds.models import Round
from koers.web.training.choices import ApplicationStatus
from koers.web.training.deadlines import next_deadline
from koers.web.training.demo import generate as training_demo
from koers.web.training.models import (
    Application,
    ApplicationStep,
    Course,
    FundingLine,
    Scheme,
    Window,
)
from koers.web.training.queries import deadlines_until
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
PASSWORD = "demo passphrase 42"


def make(**options: Any) -> demo_data.DemoData:
    values: dict[str, Any] = {
        "clients": 40,
        "contacts": 300,
        "coaches": 10,
        "seed": 1,
        "password": PASSWORD,
        "today": TODAY,
        "occupations": [],
    }
    values.update(options)
    return create_demo_data(**values)


def caseload() -> list[tuple[Any, ...]]:
    clients = Client.objects.order_by("id").values_list(
        "first_name", "last_name", "situation", "urgency", "employer", "coach__username"
    )
    contacts = Contact.objects.order_by("id").values_list(
        "client__first_name", "at", "outcome", "channel", "minutes"
    )
    return [*clients, *contacts]


def test_it_makes_teams_of_coaches_with_a_lead_an_admin_and_the_caseload() -> None:
    made = make()
    assert (made.clients, made.contacts, made.coaches, made.teams) == (40, 300, 10, 2)
    assert Client.objects.count() == 40 and Contact.objects.count() == 300
    assert Traject.objects.count() == made.trajecten > 0
    assert User.objects.filter(role=Role.COACH, username__startswith="demo.").count() == 10
    assert User.objects.filter(role=Role.TEAMLEAD).count() == Team.objects.count() == 2
    assert User.objects.get(username=made.admin).role == Role.ADMIN
    # Every client starts with a situation and an urgency in their history.
    assert StatusChange.objects.filter(old="").count() == 80
    assert made.status_changes == StatusChange.objects.count()
    # Contacts lie in the 18 months before today, never in the future.
    first, last = Contact.objects.order_by("at").values_list("at", flat=True)[::299]
    assert first.date() >= TODAY - datetime.timedelta(days=550)
    assert last.date() < TODAY
    # Each client's latest successful contact is on the client, as log_contact keeps it.
    for client in Client.objects.all():
        reached = client.contacts.filter(outcome="bereikt").order_by("-at").first()
        assert client.last_reached_at == (reached.at if reached else None)


def test_some_clients_pause_now_or_paused_before_and_consents_run_out(
    settings: Settings,
) -> None:
    made = make(clients=600, contacts=600)
    assert made.pauses == Pause.objects.count()
    running = [p for p in Pause.objects.all() if p.covers(TODAY)]
    past = [p for p in Pause.objects.all() if p.ends < TODAY]
    assert 5 <= len(running) <= 40 and 10 <= len(past) <= 60
    longest = datetime.timedelta(days=settings.KOERS_MAX_PAUSE_DAYS)
    assert all(p.starts <= p.until <= p.starts + longest for p in Pause.objects.all())
    assert not Pause.objects.filter(starts__gt=TODAY).exists()
    # Those who work more than ever pause for that reason.
    busy = Pause.objects.filter(client__situation="working_more")
    assert set(busy.values_list("reason", flat=True)) <= {"drukte"}
    # Consents hold a year mostly: some run out in the coming weeks, some ran out already.
    assert Consent.objects.filter(expires_on__isnull=False).exists()
    assert Consent.objects.filter(expires_on__lt=TODAY).exists()


def test_a_reset_removes_the_old_caseload_in_chunks_with_its_rounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Regression (issue 7): one DELETE for 100,000 clients needed more SQL variables than
    # SQLite takes, to unlink their call-back requests.
    made = make(seed=5)
    old = set(Client.objects.values_list("pk", flat=True))
    coach = User.objects.get(username=made.coach)
    start_round(by=coach, coach=coach, title="Maandag", clients=Client.objects.filter(coach=coach))
    converted = CallbackRequest.objects.create(
        first_name="", phone="", status="converted", client=Client.objects.first()
    )
    monkeypatch.setattr(demo_generate, "WIPE_CHUNK", 7)
    make(seed=6, reset=True)
    assert not old & set(Client.objects.values_list("pk", flat=True))
    assert Client.objects.count() == 40
    assert not Round.objects.exists()
    converted.refresh_from_db()
    assert converted.client is None


def test_the_same_seed_gives_the_same_caseload_and_another_seed_another() -> None:
    make(seed=7)
    first = caseload()
    make(seed=7, reset=True)
    assert caseload() == first
    make(seed=8, reset=True)
    assert caseload() != first


def test_it_refuses_to_mix_with_clients_that_are_there(people: People) -> None:
    make_client(people.anna)
    with pytest.raises(CaseloadNotEmptyError):
        make()
    assert Client.objects.count() == 1
    assert not User.objects.filter(username__startswith="demo.").exists()


def test_a_reset_that_fails_half_way_leaves_the_old_caseload(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make(seed=3)
    before = caseload()
    monkeypatch.setattr(demo_caseload, "CHUNK", 10)
    real_write = demo_caseload._Rows.write
    calls = []

    def write_then_fail(rows: demo_caseload._Rows) -> dict[str, int]:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real_write(rows)

    monkeypatch.setattr(demo_caseload._Rows, "write", write_then_fail)
    with pytest.raises(RuntimeError):
        make(seed=4, reset=True)
    assert caseload() == before


def test_it_writes_one_audit_entry_for_the_whole_generation() -> None:
    make()
    event = AuditEvent.objects.get()
    assert event.action == AuditAction.DEMO_DATA
    assert "40 clients" in event.detail


def test_it_picks_occupations_from_the_knowledge_base() -> None:
    known = {occupation.uri for occupation in knowledge.taxonomy().occupations}
    make(occupations=None)
    chosen = set(Client.objects.values_list("occupation_uri", flat=True))
    assert chosen and chosen <= known


def test_the_demo_coach_signs_in_and_sees_their_caseload(client: Browser) -> None:
    made = make()
    signed_in = client.post(
        reverse("accounts:login"), {"username": made.coach, "password": made.password}
    )
    assert signed_in.status_code == 302
    response = client.get(reverse("clients:caseload"))
    assert response.status_code == 200
    mine = Client.objects.filter(coach__username=made.coach).count()
    assert response.context["page"].paginator.count == mine > 0


# Training (issue 8) -------------------------------------------------------------------


def applications() -> list[tuple[Any, ...]]:
    found = Application.objects.order_by("id").values_list(
        "traject__client__first_name", "course_title", "status", "status_on", "deadline_on"
    )
    lines = FundingLine.objects.order_by("id").values_list("scheme__name", "asked", "granted")
    steps = ApplicationStep.objects.order_by("id").values_list("status", "on")
    return [*found, *lines, *steps]


def test_it_makes_schemes_with_windows_and_a_catalogue_that_teaches_real_skills() -> None:
    made = make()
    assert made.schemes == 4 and made.courses == Course.objects.count() >= 15
    windows = Window.objects.all()
    assert any(window.is_open(TODAY) for window in windows)
    assert any(window.closes_on < TODAY for window in windows)
    assert any(window.opens_on.year == TODAY.year + 1 for window in windows)
    known = {skill.uri for skill in knowledge.taxonomy().skills}
    taught = [set(course.skills) for course in Course.objects.all()]
    # Each course teaches its curated skills that the knowledge base holds; the small fixture
    # lacks an electrician's, so one course teaches none here.
    assert all(skills <= known for skills in taught)
    assert sum(bool(skills) for skills in taught) >= len(taught) - 1


def test_courses_teach_no_skills_when_no_knowledge_base_is_loaded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KOERS_DATA_DIR", str(tmp_path / "empty"))
    knowledge.forget()
    made = make()
    assert made.courses >= 15 and not Course.objects.exclude(skills=[]).exists()


def test_about_one_in_twenty_clients_with_an_open_traject_has_an_application() -> None:
    made = make(clients=600, contacts=0, coaches=6)
    open_trajecten = Traject.objects.exclude(status="afgesloten").count()
    assert made.applications == Application.objects.count()
    assert 0.02 * open_trajecten <= made.applications <= 0.1 * open_trajecten


def test_applications_run_through_every_status_with_their_history_lines_and_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(training_demo, "APPLICATION_SHARE", 1.0)
    make(clients=300, contacts=0, coaches=3)
    found = list(Application.objects.prefetch_related("lines__window", "steps"))
    assert {application.status for application in found} == set(ApplicationStatus.values)
    for application in found:
        steps = list(application.steps.all())
        assert steps[0].status == "idee" and steps[-1].status == application.status
        assert [step.on for step in steps] == sorted(step.on for step in steps)
        assert steps[-1].on == application.status_on <= TODAY
        assert application.created_at.date() == steps[0].on
        lines = list(application.lines.all())
        assert lines and sum(line.asked for line in lines) <= application.cost
        for line in lines:
            assert line.granted is None or line.granted <= line.asked
            assert line.paid is None or line.paid <= (line.granted or 0)
        due = next_deadline(
            application.status,
            window_closes=[line.window.closes_on for line in lines if line.window],
            latest_start=application.latest_start_on,
            completion=application.completion_on,
            claim=application.claim_on,
        )
        assert (application.deadline_on, application.deadline_kind) == (due or (None, ""))
    # Some deadlines fall within two weeks: the calling rounds and "Aandacht nodig" show them.
    until = TODAY + datetime.timedelta(days=DEADLINE_DAYS)
    assert deadlines_until(Client.objects.all(), until=until).count() >= 10


def test_the_same_seed_gives_the_same_applications_and_a_reset_replaces_them() -> None:
    make(seed=7, clients=400, contacts=0, coaches=4)
    first = applications()
    assert first
    make(seed=7, clients=400, contacts=0, coaches=4, reset=True)
    assert applications() == first
    assert Scheme.objects.count() == 4 and Window.objects.count() == 10
