"""An action agreed in the career plan falls due like the rest: "Aandacht nodig" lists it,
the calling round raises the client as for a follow-up, and a pause warns about it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from koers.web.casework import pauses
from koers.web.casework.attention import attention
from koers.web.casework.deadlines import deadlines_between
from koers.web.clients.actions import give_consent, log_contact
from koers.web.clients.models import Client, Traject
from koers.web.clients.queries import scope_of
from koers.web.plans import actions
from koers.web.rounds import actions as rounds
from koers.web.rounds import queries as round_queries
from koers.web.training.actions import create_application
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db


def agreed(people: People, client: Client, what: str, due_on: datetime.date) -> None:
    plan = actions.start_plan(by=people.anna, client=client)
    actions.add_action(
        by=people.anna, plan=plan, version=plan.version, what=what, who="client", due_on=due_on
    )


def test_an_agreed_action_due_today_is_in_aandacht_nodig(people: People) -> None:
    today = timezone.localdate()
    sandra = make_client(people.anna, first_name="Sandra")
    later = make_client(people.anna, first_name="Later")
    agreed(people, sandra, "proefdag regelen bij de salon", today - datetime.timedelta(days=2))
    agreed(people, later, "cv sturen", today + datetime.timedelta(days=5))
    sections = attention(scope_of(people.anna), today=today)
    rows = next(section.rows for section in sections if section.key == "agreed")
    assert [(listed.name, why.words, why.late_days) for listed, why in rows] == [
        ("Sandra de Vries", "proefdag regelen bij de salon", 2)
    ]


def test_the_page_says_so_in_dutch(people: People, client: Browser) -> None:
    sandra = make_client(people.anna, first_name="Sandra")
    agreed(people, sandra, "cv sturen", timezone.localdate())
    client.force_login(people.anna)
    with translation.override("nl"):
        page = " ".join(client.get(reverse("casework:attention")).content.decode().split())
    assert 'Afspraken uit het plan die aan de beurt zijn <span class="count">(1)</span>' in page
    assert "Sandra de Vries</a> · cv sturen" in page


def test_a_done_action_falls_due_no_more(people: People) -> None:
    today = timezone.localdate()
    sandra = make_client(people.anna, first_name="Sandra")
    plan = actions.start_plan(by=people.anna, client=sandra)
    action = actions.add_action(
        by=people.anna, plan=plan, version=plan.version, what="bellen", who="coach", due_on=today
    )
    actions.mark_action_done(by=people.anna, action=action, version=plan.version)
    sections = attention(scope_of(people.anna), today=today)
    assert next(section.rows for section in sections if section.key == "agreed") == []


def test_a_calling_round_raises_the_client_as_for_a_follow_up(people: People) -> None:
    today = timezone.localdate()
    clients = [make_client(people.anna, first_name=f"C{n}") for n in range(3)]
    agreed(people, clients[2], "vacatures bekijken", today)
    round_ = rounds.start_round(
        by=people.anna,
        coach=people.anna,
        title="Ronde",
        clients=Client.objects.filter(coach=people.anna),
    )
    rows = round_queries.call_list(round_)
    assert rows[0].entry.client.pk == clients[2].pk
    with translation.override("en"):
        assert "follow-up due" in rows[0].priority.reasons


def test_a_pause_over_an_agreed_action_asks_for_a_yes(people: People) -> None:
    today = timezone.localdate()
    sandra = make_client(people.anna, first_name="Sandra")
    agreed(people, sandra, "sollicitatie afronden", today + datetime.timedelta(days=3))
    with translation.override("en"):
        assert [
            d.what for d in deadlines_between(sandra, today, today + datetime.timedelta(7))
        ] == ["agreed action: sollicitatie afronden"]
        with pytest.raises(pauses.DeadlineInPauseError):
            pauses.pause_client(
                by=people.anna,
                client=sandra,
                until=today + datetime.timedelta(days=10),
                reason="gevraagd",
            )


def test_the_call_screen_shows_the_directions_and_open_actions_of_the_client_on_the_line(
    people: People, client: Browser
) -> None:
    today = timezone.localdate()
    sandra = make_client(people.anna, first_name="Sandra")
    plan = actions.start_plan(by=people.anna, client=sandra)
    actions.add_direction(
        by=people.anna, plan=plan, version=plan.version, kind="stay", why="eigen salon, anders"
    )
    plan.refresh_from_db()
    agreed_on = today - datetime.timedelta(days=1)
    actions.add_action(
        by=people.anna,
        plan=plan,
        version=plan.version,
        what="cv sturen",
        who="client",
        due_on=agreed_on,
    )
    round_ = rounds.start_round(
        by=people.anna,
        coach=people.anna,
        title="Ronde",
        clients=Client.objects.filter(pk=sandra.pk),
    )
    client.force_login(people.anna)
    with translation.override("en"):
        page = " ".join(
            client.get(reverse("rounds:call", args=[round_.pk])).content.decode().split()
        )
    assert "Career plan" in page
    assert "Stay in my own work, differently" in page
    assert "cv sturen · client · <strong>by " in page  # overdue: in bold
    assert "Start a plan" not in page  # one call's work: starting a plan is on the client page


def test_the_call_screen_says_when_there_is_no_plan_yet(people: People, client: Browser) -> None:
    sandra = make_client(people.anna, first_name="Sandra")
    round_ = rounds.start_round(
        by=people.anna,
        coach=people.anna,
        title="Ronde",
        clients=Client.objects.filter(pk=sandra.pk),
    )
    client.force_login(people.anna)
    with translation.override("en"):
        page = client.get(reverse("rounds:call", args=[round_.pk])).content.decode()
    assert "No career plan yet." in page
    assert "Start a plan" not in page


def test_the_call_screen_shows_the_client_at_a_glance(
    people: People, traject: Traject, client: Browser
) -> None:
    # Issue 19: occupation, preferred channel, consent and a running training application.
    sandra = traject.client
    Client.objects.filter(pk=sandra.pk).update(channel="whatsapp")
    give_consent(
        by=people.anna, client=sandra, recipient="werkgever", given_on=timezone.localdate()
    )
    create_application(
        by=people.anna,
        traject=traject,
        values={"course_title": "Helpende zorg", "provider": "ROC", "cost": Decimal(900)},
    )
    now = timezone.now()
    for days, summary in (
        (4, "Eerste gesprek"),
        (3, "Cv besproken"),
        (2, "Vacature"),
        (1, "Bellen"),
    ):
        log_contact(
            by=people.anna,
            client=sandra,
            values={
                "at": now - datetime.timedelta(days=days),
                "outcome": "bereikt",
                "summary": summary,
            },
        )
    round_ = rounds.start_round(
        by=people.anna,
        coach=people.anna,
        title="Ronde",
        clients=Client.objects.filter(pk=sandra.pk),
    )
    client.force_login(people.anna)
    page = " ".join(client.get(reverse("rounds:call", args=[round_.pk])).content.decode().split())
    # The open traject and the last three contacts, newest first.
    assert f"<dt>Traject</dt><dd>{escape(str(traject))} · aangemeld</dd>" in page
    assert page.index("Bellen") < page.index("Vacature") < page.index("Cv besproken")
    assert "Eerste gesprek" not in page
    assert "<dt>Beroep</dt><dd><span lang=" in page
    assert "<dt>Voorkeurskanaal</dt><dd>WhatsApp</dd>" in page
    assert "<dt>Toestemming om te delen met</dt><dd>werkgever</dd>" in page
    assert "<dt>Scholingsaanvraag</dt>" in page and ">Helpende zorg</a> · idee" in page
