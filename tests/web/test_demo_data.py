"""Demo data: a realistic synthetic workspace, the same for the same seed, never mixed in."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client as Browser
from django.urls import reverse

from koers import knowledge
from koers.web import demo_data
from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.models import Client, Contact, StatusChange, Traject
from koers.web.demo_data import CaseloadNotEmptyError, create_demo_data
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
    monkeypatch.setattr(demo_data, "CHUNK", 10)
    real_write = demo_data._Rows.write
    calls = []

    def write_then_fail(rows: demo_data._Rows) -> dict[str, int]:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real_write(rows)

    monkeypatch.setattr(demo_data._Rows, "write", write_then_fail)
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
