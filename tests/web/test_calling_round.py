"""Anna's calling round: in a documented order, keyboard-fast, pauses respected, a report."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone, translation

from koers.web.accounts.models import Cover
from koers.web.casework import pauses
from koers.web.clients import actions as client_actions
from koers.web.clients import queries as client_queries
from koers.web.clients.inputs import ContactValues
from koers.web.clients.models import Client
from koers.web.rounds import actions, queries
from koers.web.rounds.models import Entry, Round
from koers.web.rounds.priority import Candidate, call_order, priority
from koers.web.rounds.report import round_report
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db
ZONE = timezone.get_current_timezone()
NOW = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=ZONE)


def candidate(client_id: int, **values: object) -> Candidate:
    fields: dict[str, object] = {
        "urgency": "medium",
        "support_reasons": 0,
        "last_reached": NOW - datetime.timedelta(days=10),
        "failed_parts_since_reached": frozenset(),
        "callback_at": None,
        "follow_up_on": None,
        "deadline_on": None,
        "pause_ended_on": None,
        "call_times": frozenset(),
    }
    fields.update(values)
    return Candidate(client_id=client_id, **fields)  # type: ignore[arg-type]


def test_a_call_back_due_today_comes_first_and_says_why() -> None:
    order = call_order(
        [
            candidate(1, urgency="high"),
            candidate(2, callback_at=NOW.replace(hour=14)),
            candidate(3, urgency="low"),
        ],
        now=NOW,
        part_of_day="ochtend",
    )
    assert [p.client_id for p in order] == [2, 1, 3]
    assert order[0].reasons[0] == "terugbelafspraak op 24-11 14:00"


def test_urgency_support_and_time_since_contact_add_up() -> None:
    quiet = priority(candidate(1, urgency="low"), now=NOW, part_of_day="ochtend")
    worried = priority(
        candidate(2, urgency="high", support_reasons=2, last_reached=None),
        now=NOW,
        part_of_day="ochtend",
    )
    assert worried.score > quiet.score
    assert len(worried.reasons) == 3


def test_failed_attempts_move_to_another_time_of_day() -> None:
    tried_this_morning = priority(
        candidate(1, failed_parts_since_reached=frozenset({"ochtend"})),
        now=NOW,
        part_of_day="ochtend",
    )
    tried_yesterday_evening = priority(
        candidate(2, failed_parts_since_reached=frozenset({"avond"})),
        now=NOW,
        part_of_day="ochtend",
    )
    assert tried_yesterday_evening.score > tried_this_morning.score


def test_best_times_to_call_count() -> None:
    mornings = priority(
        candidate(1, call_times=frozenset({"ochtend"})), now=NOW, part_of_day="ochtend"
    )
    evenings = priority(
        candidate(2, call_times=frozenset({"avond"})), now=NOW, part_of_day="ochtend"
    )
    assert mornings.score > evenings.score


def test_pinned_clients_come_first() -> None:
    order = call_order(
        [candidate(1, urgency="high"), candidate(2, urgency="low", pinned=True)],
        now=NOW,
        part_of_day="ochtend",
    )
    assert [p.client_id for p in order] == [2, 1]


def started(people: People, n: int = 5) -> tuple[Round, list[Client]]:
    clients = [make_client(people.anna, first_name=f"C{i}") for i in range(n)]
    round_ = actions.start_round(
        by=people.anna,
        coach=people.anna,
        title="Ronde",
        clients=Client.objects.filter(coach=people.anna),
    )
    return round_, clients


def test_it_hides_paused_clients_until_their_date(people: People) -> None:
    round_, clients = started(people, 3)
    pauses.pause_client(
        by=people.anna,
        client=clients[0],
        until=timezone.localdate() + datetime.timedelta(days=7),
        reason="gevraagd",
    )
    rows = queries.call_list(round_)
    assert rows[-1].entry.client_id == clients[0].pk and rows[-1].paused_until is not None
    later = timezone.now() + datetime.timedelta(days=8)
    rows = queries.call_list(round_, now=later)
    assert all(row.paused_until is None for row in rows)
    back = next(row for row in rows if row.entry.client_id == clients[0].pk)
    assert "terug van een pauze: vraag hoe het gaat" in back.priority.reasons


def test_the_work_through_screen_records_a_call_and_moves_on(
    people: People, client: Browser
) -> None:
    round_, _ = started(people, 3)
    client.force_login(people.anna)
    url = reverse("rounds:call", args=[round_.pk])
    page = client.get(url)
    assert page.status_code == 200
    first = Entry.objects.get(pk=page.context["row"].entry.pk)
    assert "tel:" in page.content.decode()
    response = client.post(
        url, {"entry": first.pk, "outcome": "bereikt", "urgency_after": "high", "minutes": "10"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.done_at is not None and first.contact is not None
    assert Client.objects.get(pk=first.client_id).urgency == "high"
    after = client.get(url)
    assert after.context["done"] == 1 and after.context["row"].entry.pk != first.pk
    assert "1 gebeld, 2 te gaan" in after.content.decode()  # issue 19: calls made, left


def test_three_failed_attempts_at_different_times_ask_for_another_route(
    people: People,
) -> None:
    round_, clients = started(people, 1)
    entry = Entry.objects.get(round=round_)
    for hour in (9, 14, 19):
        at = datetime.datetime(2026, 11, 20, hour, 0, tzinfo=ZONE)
        actions.record_call(
            by=people.anna, entry=entry, values={"at": at, "outcome": "niet_bereikt"}
        )
        entry.refresh_from_db()
    clients[0].refresh_from_db()
    assert clients[0].needs_other_route
    assert entry.done_at is not None and entry.attempts == 3


def test_a_failed_attempt_goes_to_the_back(people: People) -> None:
    round_, _ = started(people, 3)
    first = queries.next_call(queries.call_list(round_))
    assert first is not None
    actions.record_call(
        by=people.anna,
        entry=Entry.objects.get(pk=first.entry.pk),
        values={"at": timezone.now(), "outcome": "voicemail"},
    )
    rows = queries.call_list(round_)
    assert rows[-1].entry.pk == first.entry.pk and len(rows) == 3


def test_skip_and_pin(people: People, client: Browser) -> None:
    round_, _ = started(people, 3)
    client.force_login(people.anna)
    first = queries.next_call(queries.call_list(round_))
    assert first is not None
    client.post(reverse("rounds:skip", args=[round_.pk, first.entry.pk]))
    assert queries.next_call(queries.call_list(round_)).entry.pk != first.entry.pk  # type: ignore[union-attr]
    client.post(reverse("rounds:pin", args=[round_.pk, first.entry.pk]))
    assert queries.next_call(queries.call_list(round_)).entry.pk == first.entry.pk  # type: ignore[union-attr]


def test_the_report_counts_reached_changes_pauses_and_plans(
    people: People, client: Browser
) -> None:
    round_, clients = started(people, 3)
    entries = {e.client_id: e for e in round_.entries.all()}
    actions.record_call(
        by=people.anna,
        entry=entries[clients[0].pk],
        values={
            "at": timezone.now(),
            "outcome": "bereikt",
            "urgency_after": "high",
            "situation_after": "lost_job",
            "next_action_on": timezone.localdate() + datetime.timedelta(days=7),
        },
    )
    actions.record_call(
        by=people.anna,
        entry=entries[clients[1].pk],
        values={
            "at": timezone.now(),
            "outcome": "terugbellen",
            "callback_at": timezone.now() + datetime.timedelta(days=1),
        },
    )
    actions.record_call(
        by=people.anna,
        entry=entries[clients[2].pk],
        values={"at": timezone.now(), "outcome": "niet_bereikt"},
    )
    pauses.pause_client(
        by=people.anna,
        client=clients[1],
        until=timezone.localdate() + datetime.timedelta(days=20),
        reason="gevraagd",
        deadlines_confirmed=True,
    )
    report = round_report(round_, coach_ids={people.anna.pk})
    assert (report.called, report.reached, report.not_reached) == (3, 1, 1)
    assert (report.urgency_grew, report.situation_changed) == (1, 1)
    assert (report.pauses, report.callbacks, report.follow_ups) == (1, 1, 1)
    client.force_login(people.anna)
    csv_text = client.get(reverse("rounds:report", args=[round_.pk]), {"format": "csv"})
    assert csv_text["Content-Type"].startswith("text/csv")
    assert "C0 de Vries" in csv_text.content.decode()
    lines = csv_text.content.decode().lstrip("\ufeff").splitlines()
    follow_up = timezone.localdate() + datetime.timedelta(days=7)
    # Issue 19: in Dutch, with ";" as the other CSV files, labels rather than codes.
    assert lines[0] == (
        "Cliënt;Gesprekken;Laatste uitkomst;Situatie ervoor;Situatie;Urgentie ervoor;Urgentie;"
        "Gepauzeerd;Terugbellen op;Vervolgafspraak op"
    )
    assert lines[1] == (
        "C0 de Vries;1;bereikt;dreigt werk te verliezen;werk verloren;gemiddeld;hoog;nee;;"
        f"{follow_up}"
    )
    assert lines[3] == (
        "C2 de Vries;1;niet bereikt;dreigt werk te verliezen;dreigt werk te verliezen;gemiddeld;"
        "gemiddeld;nee;;"
    )
    assert client.get(reverse("rounds:report", args=[round_.pk])).status_code == 200


def test_a_team_lead_splits_a_team_round_across_coaches(people: People, client: Browser) -> None:
    make_client(people.anna)
    make_client(people.eva)
    make_client(people.dirk)
    client.force_login(people.bram)
    client.post(reverse("rounds:index"), {"title": "Team", "whole_team": "on"})
    rounds = Round.objects.all()
    assert sorted(r.coach.username for r in rounds) == ["anna", "eva"]
    assert all(r.entries.count() == 1 for r in rounds)
    # Anna sees her round; Dirk (other team) does not.
    anna_round = rounds.get(coach=people.anna)
    client.force_login(people.dirk)
    assert client.get(reverse("rounds:call", args=[anna_round.pk])).status_code == 404


def _handed_over(people: People) -> tuple[Round, Client, Client]:
    """Anna's round over Petra and Kees; Bram then takes Kees into his own caseload."""
    petra = make_client(people.anna, first_name="Petra")
    kees = make_client(people.anna, first_name="Kees", last_name="Jansen")
    round_ = actions.start_round(
        by=people.anna,
        coach=people.anna,
        title="Ronde",
        clients=Client.objects.filter(coach=people.anna),
    )
    client_actions.reassign_client(by=people.bram, client=kees, coach=people.bram)
    return round_, petra, kees


def _cover_ended(people: People) -> tuple[Round, Client, Client]:
    """Anna's round over her client Petra and Eva's client Kees while she covers for Eva;
    the cover then ends."""
    petra = make_client(people.anna, first_name="Petra")
    kees = make_client(people.eva, first_name="Kees", last_name="Jansen")
    round_ = actions.start_round(
        by=people.anna,
        coach=people.anna,
        title="Ronde",
        clients=client_queries.caseload_for(people.anna, today=timezone.localdate()),
    )
    assert round_.entries.count() == 2
    Cover.objects.filter(substitute=people.anna).update(
        ends=timezone.localdate() - datetime.timedelta(days=1)
    )
    return round_, petra, kees


@pytest.mark.parametrize("setup", [_handed_over, _cover_ended], ids=["hand-over", "cover-ended"])
def test_it_leaves_clients_anna_may_no_longer_open_out_of_the_report(
    people: People, client: Browser, setup: Callable[[People], tuple[Round, Client, Client]]
) -> None:
    round_, petra, _ = setup(people)
    client.force_login(people.anna)
    url = reverse("rounds:report", args=[round_.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert [row.client.pk for row in page.context["report"].rows] == [petra.pk]
    assert page.context["report"].clients == 1 and page.context["report"].left_out == 1
    assert "Kees" not in page.content.decode()
    csv_text = client.get(url, {"format": "csv"}).content.decode()
    assert "Petra" in csv_text and "Kees" not in csv_text


@pytest.mark.parametrize("setup", [_handed_over, _cover_ended], ids=["hand-over", "cover-ended"])
def test_anna_cannot_skip_or_pin_a_client_she_may_no_longer_open(
    people: People, client: Browser, setup: Callable[[People], tuple[Round, Client, Client]]
) -> None:
    round_, petra, kees = setup(people)
    entry = Entry.objects.get(round=round_, client=kees)
    client.force_login(people.anna)
    for name in ("rounds:skip", "rounds:pin"):
        assert client.post(reverse(name, args=[round_.pk, entry.pk])).status_code == 404
    entry.refresh_from_db()
    assert entry.skipped_at is None and not entry.pinned
    mine = Entry.objects.get(round=round_, client=petra)
    assert client.post(reverse("rounds:pin", args=[round_.pk, mine.pk])).status_code == 302


def test_the_team_lead_still_sees_a_client_handed_over_within_the_team(
    people: People, client: Browser
) -> None:
    round_, _, kees = _handed_over(people)
    client.force_login(people.bram)
    rows = client.get(reverse("rounds:report", args=[round_.pk])).context["report"].rows
    assert kees.pk in {row.client.pk for row in rows}


def test_a_retried_call_is_recorded_once(people: People, client: Browser) -> None:
    round_, _ = started(people, 2)
    client.force_login(people.anna)
    url = reverse("rounds:call", args=[round_.pk])
    page = client.get(url)
    entry = page.context["row"].entry
    token = page.context["form"]["submit_token"].value()
    assert token and f'value="{token}"' in page.content.decode()
    form = {"entry": entry.pk, "outcome": "voicemail", "minutes": "2", "submit_token": token}
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302
    recorded = Entry.objects.get(pk=entry.pk)
    assert recorded.attempts == 1 and recorded.contact is not None
    assert recorded.contact.form_token == token
    assert Client.objects.get(pk=recorded.client_id).contacts.count() == 1
    # The action itself answers a retry with the first call's contact, changing nothing.
    again = actions.record_call(
        by=people.anna,
        entry=recorded,
        values={"at": timezone.now(), "outcome": "voicemail"},
        token=token,
    )
    assert again == recorded.contact
    assert Entry.objects.get(pk=entry.pk).attempts == 1


@pytest.mark.parametrize(
    ("language", "callback", "deadline"),
    [
        ("nl", "terugbelafspraak op 24-11 09:30", "deadline op 03-12"),
        ("en", "call-back agreed for 24 Nov 9:30 a.m.", "deadline on 3 Dec"),
    ],
)
def test_the_reasons_write_days_as_the_language_does(
    language: str, callback: str, deadline: str
) -> None:
    now = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    candidate = Candidate(
        client_id=1,
        urgency="low",
        support_reasons=0,
        last_reached=now,
        failed_parts_since_reached=frozenset(),
        callback_at=now - datetime.timedelta(minutes=30),
        follow_up_on=None,
        deadline_on=datetime.date(2026, 12, 3),
        pause_ended_on=None,
        call_times=frozenset(),
    )
    with translation.override(language):
        reasons = priority(candidate, now=now, part_of_day="ochtend").reasons
    assert reasons == [callback, deadline]


def test_a_round_of_a_size_holds_the_first_to_call_today_and_no_paused_client(
    people: People, client: Browser
) -> None:
    # Issue 19: "the 20 most urgent today", here the 2 of 5.
    for name in ("Laag", "Ook laag", "Hoog"):
        make_client(people.anna, first_name=name, urgency="low")
    make_client(people.anna, first_name="Dringend", urgency="high")
    paused = make_client(people.anna, first_name="Gepauzeerd", urgency="high")
    pauses.pause_client(
        by=people.anna,
        client=paused,
        until=timezone.localdate() + datetime.timedelta(days=5),
        reason="zorg",
    )
    Client.objects.filter(first_name="Hoog").update(urgency="high")
    client.force_login(people.anna)
    response = client.post(reverse("rounds:index"), {"title": "De eerste twee", "size": "2"})
    round_ = Round.objects.get(title="De eerste twee")
    assert response.status_code == 302
    called = {entry.client.first_name for entry in round_.entries.select_related("client")}
    assert called == {"Dringend", "Hoog"}


def test_a_round_size_must_be_a_positive_number(people: People, client: Browser) -> None:
    client.force_login(people.anna)
    response = client.post(reverse("rounds:index"), {"title": "Nul", "size": "0"})
    assert response.status_code == 200
    assert not Round.objects.filter(title="Nul").exists()
    assert response.context["form"].errors["size"]


def test_a_round_can_be_closed_part_way_from_the_call_screen(
    people: People, client: Browser
) -> None:
    for name in ("Een", "Twee", "Drie"):
        make_client(people.anna, first_name=name)
    round_ = actions.start_round(
        by=people.anna, coach=people.anna, title="Ronde", clients=Client.objects.all()
    )
    client.force_login(people.anna)
    page = client.get(reverse("rounds:call", args=[round_.pk])).content.decode()
    assert "Ronde nu afsluiten (3 niet gebeld)" in page
    response = client.post(reverse("rounds:close", args=[round_.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("rounds:report", args=[round_.pk])
    round_.refresh_from_db()
    assert round_.closed_at is not None


def test_the_report_lists_the_calls_made_and_what_is_left_to_do(
    people: People, client: Browser
) -> None:
    # Issue 19: not all clients of the round, but the calls made (notes only when they may be
    # shared) and a to-do list.
    round_, clients = started(people, 5)
    entries = {e.client_id: e for e in round_.entries.all()}
    now = timezone.now()
    calls: list[ContactValues] = [
        {
            "at": now,
            "outcome": "bereikt",
            "summary": "Wil de zorg in.",
            "shareable": True,
            "next_action": "cv sturen",
            "next_action_on": timezone.localdate(),
        },
        {"at": now, "outcome": "bereikt", "summary": "Zorgen over geld.", "shareable": False},
        {"at": now, "outcome": "verkeerd_nummer"},
        {"at": now, "outcome": "wil_stoppen"},
    ]
    for person, values in zip(clients, calls, strict=False):
        actions.record_call(by=people.anna, entry=entries[person.pk], values=values)
    client.force_login(people.anna)
    page = " ".join(client.get(reverse("rounds:report", args=[round_.pk])).content.decode().split())
    made = page[page.index('id="calls-made"') : page.index('id="to-do"')]
    assert made.count('<th scope="row">') == 4  # the fifth was not called
    assert "Wil de zorg in." in made and "Zorgen over geld." not in made
    todo = page[page.index('id="to-do"') :]
    assert f"{clients[0].name}</a> · cv sturen" in todo
    assert f"{clients[2].name}</a> · verkeerd nummer: zoek het goede nummer" in todo
    assert f"{clients[3].name}</a> · wil stoppen: sluit het traject af" in todo
    assert "<dt>Niet gebeld</dt><dd>1</dd>" in page


def test_wants_to_stop_asks_the_coach_to_close_the_traject_and_the_round_goes_on(
    people: People, client: Browser
) -> None:
    round_, _clients = started(people, 2)
    client.force_login(people.anna)
    url = reverse("rounds:call", args=[round_.pk])
    entry = client.get(url).context["row"].entry
    response = client.post(
        url, {"entry": entry.pk, "outcome": "wil_stoppen", "minutes": "5"}, follow=True
    )
    page = response.content.decode()
    assert f"{entry.client.name} wil stoppen. Op de pagina van de cliënt: sluit het traject" in page
    assert response.context["row"].entry.pk != entry.pk  # on to the next call


def test_a_round_starts_over_one_section_of_aandacht_nodig(people: People, client: Browser) -> None:
    due = make_client(people.anna, first_name="Vervolg")
    make_client(people.anna, first_name="Rustig")
    client_actions.log_contact(
        by=people.anna,
        client=due,
        values={"at": timezone.now(), "outcome": "bereikt", "next_action_on": timezone.localdate()},
    )
    client.force_login(people.anna)
    page = client.get(reverse("casework:attention")).content.decode()
    assert reverse("rounds:from_attention", args=["follow_ups"]) in page
    response = client.post(reverse("rounds:from_attention", args=["follow_ups"]))
    round_ = Round.objects.get()
    assert response["Location"] == reverse("rounds:call", args=[round_.pk])
    assert [entry.client.first_name for entry in round_.entries.all()] == ["Vervolg"]
    assert round_.scope == "Vervolgafspraken die nu aan de beurt zijn"
    empty = client.post(reverse("rounds:from_attention", args=["budget"]))
    assert empty["Location"] == reverse("casework:attention")
    assert Round.objects.count() == 1
