"""Rules that many pages share, each written once: who a team lead sees, a running pause, an
open traject, the order of urgency and a call-back's time."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from koers.web.accounts.models import Team, User
from koers.web.accounts.queries import in_led_team
from koers.web.accounts.roles import Role
from koers.web.casework import pauses
from koers.web.clients import queries
from koers.web.clients.choices import TrajectStatus, Urgency
from koers.web.clients.forms import ContactForm
from koers.web.clients.models import Client, Pause, Traject
from koers.web.rounds.forms import CallForm
from koers.web.rounds.priority import URGENCY_POINTS
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db


def test_a_team_lead_sees_the_coaches_of_her_own_team_and_no_one_else_does(
    people: People,
) -> None:
    assert people.bram.led_team_id == people.bram.team_id
    assert people.bram.leads_team_of(people.anna)
    assert not people.bram.leads_team_of(people.dirk)
    for nobody in (people.anna, people.carla, people.dirk):
        assert nobody.led_team_id is None
        assert not nobody.leads_team_of(people.anna)
    anna_client = make_client(people.anna)
    make_client(people.dirk)
    seen = set(Client.objects.filter(in_led_team(people.bram)))
    assert seen == {anna_client}
    assert not Client.objects.filter(in_led_team(people.anna)).exists()


def test_a_team_lead_without_a_team_leads_nobody(people: People) -> None:
    loose = User.objects.create_user("loes", role=Role.TEAMLEAD, team=None)
    make_client(people.anna)
    assert loose.led_team_id is None
    assert not loose.is_teamlead
    assert not Client.objects.filter(in_led_team(loose)).exists()
    assert not queries.caseload_for(loose, today=timezone.localdate()).exists()


def test_a_team_lead_of_another_team_sees_that_team_only(people: People) -> None:
    zuid = Team.objects.get(name="Zuid")
    zoe = User.objects.create_user("zoe", role=Role.TEAMLEAD, team=zuid)
    dirk_client = make_client(people.dirk)
    make_client(people.anna)
    assert list(queries.caseload_for(zoe, today=timezone.localdate())) == [dirk_client]


def test_a_pause_runs_from_its_start_to_its_end_unless_ended_early(people: People) -> None:
    today = timezone.localdate()
    petra = make_client(people.anna)
    pause = pauses.pause_client(
        by=people.anna, client=petra, until=today + datetime.timedelta(days=10), reason="drukte"
    )
    assert list(Pause.objects.active_on(today)) == [pause]
    assert list(Pause.objects.active_on(today + datetime.timedelta(days=10))) == [pause]
    assert not Pause.objects.active_on(today + datetime.timedelta(days=11)).exists()
    assert not Pause.objects.active_on(today - datetime.timedelta(days=1)).exists()
    pauses.end_pause(by=people.anna, pause=pause)
    assert not Pause.objects.active_on(today).exists()
    assert list(petra.pauses.active_on(today)) == []


def test_every_traject_status_but_closed_is_open(traject: Traject) -> None:
    for status in TrajectStatus:
        Traject.objects.filter(pk=traject.pk).update(status=status, outcome="werk_behouden")
        is_open = Traject.objects.open().filter(pk=traject.pk).exists()
        assert is_open == (status != TrajectStatus.CLOSED), status


def test_urgency_has_one_order_that_the_caseload_and_the_round_follow(people: People) -> None:
    assert [urgency.rank for urgency in Urgency] == [0, 1, 2]
    assert list(Urgency) == [Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW]
    assert URGENCY_POINTS == {"high": 40, "medium": 20, "low": 0}
    for urgency in ("low", "high", "medium"):
        make_client(people.anna, first_name=urgency, urgency=urgency)
    listed = queries.filtered_caseload(
        queries.caseload_for(people.anna, today=timezone.localdate()),
        queries.CaseloadFilters(sort="urgency"),
    )
    assert [client.first_name for client in listed] == ["high", "medium", "low"]


def test_a_call_back_needs_its_date_and_time_on_every_form(people: People) -> None:
    forms = [
        ContactForm(data={"outcome": "terugbellen"}, client=make_client(people.anna)),
        CallForm(data={"outcome": "terugbellen"}),
    ]
    with translation.override("en"):
        for form in forms:
            assert not form.is_valid()
            assert form.errors["callback_at"] == ["Give the date and time of the call-back."]
