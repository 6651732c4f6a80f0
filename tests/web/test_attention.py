"""'Aandacht nodig': Anna's list and Bram's team list, each client with the reason."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from koers.web.accounts.models import Cover, User
from koers.web.casework import pauses
from koers.web.casework.attention import SHOWN, attention
from koers.web.clients import actions
from koers.web.clients.models import Client, Contact, Opdrachtgever
from koers.web.clients.queries import scope_of
from koers.web.rounds.actions import start_round
from koers.web.rounds.queries import call_list
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db


def sections(user: User) -> dict[str, list[str]]:
    today = timezone.localdate()
    return {
        s.key: [client.first_name for client, _why in s.rows]
        for s in attention(scope_of(user), today=today)
    }


def one_client_per_reason(people: People, opdrachtgever: Opdrachtgever) -> None:
    """Anna's clients: one for each section of the list (Stil only for not being reached)."""
    today = timezone.localdate()
    now = timezone.now()
    make_client(people.anna, first_name="Stil")
    callback = make_client(people.anna, first_name="Terugbel")
    follow = make_client(people.anna, first_name="Vervolg")
    deadline = make_client(people.anna, first_name="Einde")
    pausing = make_client(people.anna, first_name="Pauze")
    consent = make_client(people.anna, first_name="Toestemming")
    budget = make_client(people.anna, first_name="Budget")
    actions.log_contact(
        by=people.anna,
        client=callback,
        values={
            "at": now - datetime.timedelta(days=1),
            "outcome": "terugbellen",
            "callback_at": now - datetime.timedelta(hours=1),
        },
    )
    actions.log_contact(
        by=people.anna,
        client=follow,
        values={
            "at": now - datetime.timedelta(days=3),
            "outcome": "bereikt",
            "next_action_on": today,
        },
    )
    actions.create_traject(
        by=people.anna,
        client=deadline,
        values={
            "opdrachtgever": opdrachtgever,
            "starts": today - datetime.timedelta(days=90),
            "ends": today + datetime.timedelta(days=10),
        },
    )
    pauses.pause_client(
        by=people.anna, client=pausing, until=today + datetime.timedelta(days=3), reason="zorg"
    )
    actions.give_consent(
        by=people.anna,
        client=consent,
        recipient="werkgever",
        given_on=today,
        expires_on=today + datetime.timedelta(days=20),
    )
    traject = actions.create_traject(
        by=people.anna,
        client=budget,
        values={
            "opdrachtgever": opdrachtgever,
            "starts": today,
            "budget": Decimal(1),
            "budget_unit": "uren",
        },
    )
    actions.log_contact(
        by=people.anna,
        client=budget,
        values={"at": now, "outcome": "bereikt", "minutes": 50, "traject": traject},
    )


def test_it_lists_each_reason_for_attention(people: People, opdrachtgever: Opdrachtgever) -> None:
    one_client_per_reason(people, opdrachtgever)
    found = sections(people.anna)
    assert found["callbacks"] == ["Terugbel"]
    assert found["follow_ups"] == ["Vervolg"]
    assert found["deadlines"] == ["Einde"]
    assert found["pauses"] == ["Pauze"]
    assert found["consent"] == ["Toestemming"]
    assert found["budget"] == ["Budget"]
    assert "Stil" in found["quiet"] and "Budget" not in found["quiet"]
    assert "Pauze" not in found["quiet"]  # paused clients are not chased


def test_it_says_why_with_the_day_in_dutch(
    people: People, opdrachtgever: Opdrachtgever, client: Browser
) -> None:
    one_client_per_reason(people, opdrachtgever)
    long_ago = make_client(people.anna, first_name="Lang")
    reached = timezone.now() - datetime.timedelta(days=60)
    actions.log_contact(
        by=people.anna, client=long_ago, values={"at": reached, "outcome": "bereikt"}
    )
    callback = Contact.objects.get(client__first_name="Terugbel").callback_at
    assert callback is not None
    today = timezone.localdate()

    def day(days: int) -> str:
        """As the page writes it: with the year when it is not this year's."""
        shown = today + datetime.timedelta(days=days)
        return f"{shown:%d-%m}" if shown.year == today.year else f"{shown:%d-%m-%Y}"

    client.force_login(people.anna)
    page = client.get(reverse("casework:attention")).content.decode()
    if timezone.localdate(callback) == today:  # an hour ago: yesterday, just after midnight
        assert f">Terugbel de Vries</a> · {timezone.localtime(callback):%d-%m %H:%M}</li>" in page
    assert f">Vervolg de Vries</a> · {day(0)}</li>" in page
    assert f">Einde de Vries</a> · O&amp;O-fonds Detailhandel {day(10)}</li>" in page
    assert f">Pauze de Vries</a> · {day(3)}</li>" in page
    assert f">Toestemming de Vries</a> · werkgever {day(20)}</li>" in page
    assert ">Budget de Vries</a> · O&amp;O-fonds Detailhandel</li>" in page
    assert ">Stil de Vries</a> · nooit</li>" in page
    assert f">Lang de Vries</a> · {timezone.localtime(reached):%d-%m-%Y}</li>" in page


def test_the_team_lead_sees_the_teams_list(people: People, client: Browser) -> None:
    make_client(people.anna, first_name="Petra")
    make_client(people.eva, first_name="Joost")
    make_client(people.dirk, first_name="Ahmed")
    client.force_login(people.bram)
    page = client.get(reverse("casework:attention")).content.decode()
    assert "Petra" in page and "Joost" in page and "Ahmed" not in page
    # Whose client it is, in a team's list.
    assert f"<small>{people.anna.display_name}</small>" in page
    assert f"<small>{people.eva.display_name}</small>" in page
    client.force_login(people.dirk)
    page = client.get(reverse("casework:attention")).content.decode()
    assert "Ahmed" in page and "Petra" not in page


def test_whose_clients_a_coach_with_those_she_covers_a_lead_her_team_or_her_own(
    people: People,
) -> None:
    """Everyone starts never reached: the quiet section lists whose clients are in view."""
    for coach, name in (
        (people.anna, "Petra"),
        (people.eva, "Joost"),
        (people.bram, "Bert"),
        (people.dirk, "Ahmed"),
    ):
        make_client(coach, first_name=name)
    Cover.objects.create(
        coach=people.dirk,
        substitute=people.bram,
        starts=timezone.localdate(),
        ends=timezone.localdate(),
        created_by=people.carla,
    )
    assert sorted(sections(people.anna)["quiet"]) == ["Joost", "Petra"]  # Anna covers Eva
    assert sorted(sections(people.bram)["quiet"]) == ["Ahmed", "Bert", "Joost", "Petra"]
    today = timezone.localdate()
    own = attention(scope_of(people.bram, team=False), today=today)
    assert sorted(c.first_name for s in own if s.key == "quiet" for c, _why in s.rows) == [
        "Ahmed",
        "Bert",
    ]
    # Tomorrow Anna's cover of Eva still runs; Bram's of Dirk has ended.
    tomorrow = attention(scope_of(people.bram), today=today + datetime.timedelta(days=1))
    assert sorted(c.first_name for s in tomorrow if s.key == "quiet" for c, _why in s.rows) == [
        "Bert",
        "Joost",
        "Petra",
    ]
    assert all(not s.rows for s in attention(scope_of(people.carla), today=today))


def test_a_long_section_shows_the_first_and_opens_in_full(people: People, client: Browser) -> None:
    for n in range(SHOWN + 5):
        make_client(people.anna, first_name=f"Stil{n:02d}")
    client.force_login(people.anna)
    page = client.get(reverse("casework:attention")).content.decode()
    assert page.count("Stil") == SHOWN
    assert "?alle=quiet" in page
    page = client.get(reverse("casework:attention"), {"alle": "quiet"}).content.decode()
    assert page.count("Stil") == SHOWN + 5


@pytest.mark.usefixtures("in_english")
def test_it_says_why_with_the_day_in_english(
    people: People, opdrachtgever: Opdrachtgever, client: Browser
) -> None:
    one_client_per_reason(people, opdrachtgever)
    long_ago = make_client(people.anna, first_name="Lang")
    reached = timezone.now() - datetime.timedelta(days=60)
    actions.log_contact(
        by=people.anna, client=long_ago, values={"at": reached, "outcome": "bereikt"}
    )
    today = timezone.localdate()
    client.force_login(people.anna)
    page = client.get(reverse("casework:attention")).content.decode()
    assert f">Vervolg de Vries</a> · {today.day} {today:%b}</li>" in page
    assert ">Toestemming de Vries</a> · employer " in page
    assert ">Stil de Vries</a> · never</li>" in page
    assert f">Lang de Vries</a> · {timezone.localtime(reached):%m/%d/%Y}</li>" in page


def test_it_says_how_late_and_writes_the_year_of_another_year(
    people: People, client: Browser
) -> None:
    today = timezone.localdate()
    weeks_ago = today - datetime.timedelta(days=57)
    last_year = datetime.date(today.year - 1, 1, 15)
    for name, due in (("Weken", weeks_ago), ("Vorigjaar", last_year)):
        actions.log_contact(
            by=people.anna,
            client=make_client(people.anna, first_name=name),
            values={
                "at": timezone.make_aware(datetime.datetime.combine(due, datetime.time(9))),
                "outcome": "bereikt",
                "next_action_on": due,
            },
        )
    client.force_login(people.anna)
    page = client.get(reverse("casework:attention")).content.decode()
    shown = f"{weeks_ago:%d-%m}" if weeks_ago.year == today.year else f"{weeks_ago:%d-%m-%Y}"
    assert f">Weken de Vries</a> · {shown} · <strong>8 weken te laat</strong></li>" in page
    months = (today - last_year).days // 30
    assert (
        f">Vorigjaar de Vries</a> · {last_year:%d-%m-%Y} · <strong>{months} maanden te laat" in page
    )


def test_a_message_between_calls_leaves_the_call_back_and_the_follow_up_due(
    people: People,
) -> None:
    now = timezone.now()
    petra = make_client(people.anna, first_name="Petra")
    for values in (
        {
            "at": now - datetime.timedelta(days=2),
            "outcome": "terugbellen",
            "callback_at": now - datetime.timedelta(hours=1),
            "next_action_on": timezone.localdate(),
        },
        # "We probeerden je te bellen", sent after the call (issue 19, §4).
        {"at": now - datetime.timedelta(hours=3), "outcome": "bericht", "channel": "email"},
    ):
        actions.log_contact(by=people.anna, client=petra, values=values)  # type: ignore[arg-type]

    listed = sections(people.anna)

    assert listed["callbacks"] == ["Petra"] and listed["follow_ups"] == ["Petra"]
    round_ = start_round(
        by=people.anna,
        coach=people.anna,
        title="Ronde",
        clients=Client.objects.filter(coach=people.anna),
    )
    first = call_list(round_)[0]
    assert first.priority.reasons and "terugbel" in " ".join(first.priority.reasons).lower()
