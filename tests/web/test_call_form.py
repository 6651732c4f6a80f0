"""The faster call form (issue 19, §1): a call-back in one key, the next action in words, and a
pause set from inside the form that logs the call as well, or neither."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import create_traject
from koers.web.clients.models import Client, Opdrachtgever
from koers.web.rounds.forms import quick_callback_at
from koers.web.rounds.models import CallScript, Entry, NoteTemplate
from tests.web.conftest import People, make_client

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response
from tests.web.test_calling_round import started


def local(year: int, month: int, day: int, hour: int, minute: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))  # noqa: DTZ001


MONDAY_MORNING = local(2026, 11, 30, 9, 5)


@pytest.mark.parametrize(
    ("when", "now", "expected"),
    [
        ("vanmiddag", MONDAY_MORNING, local(2026, 11, 30, 14, 0)),
        # Past two o'clock: in an hour, rounded up to the quarter.
        (
            "vanmiddag",
            MONDAY_MORNING.replace(hour=15, minute=20),
            local(2026, 11, 30, 16, 30),
        ),
        ("morgenochtend", MONDAY_MORNING, local(2026, 12, 1, 10, 0)),
        ("volgende_week", MONDAY_MORNING, local(2026, 12, 7, 10, 0)),
    ],
)
def test_a_one_key_call_back_lands_on_a_sensible_moment(
    when: str, now: datetime.datetime, expected: datetime.datetime
) -> None:
    assert quick_callback_at(when, now=now) == expected


def call(client: Browser, people: People, **fields: str) -> tuple[Entry, Response]:
    round_, _ = started(people, 2)
    client.force_login(people.anna)
    url = reverse("rounds:call", args=[round_.pk])
    entry = Entry.objects.get(pk=client.get(url).context["row"].entry.pk)
    response = client.post(url, {"entry": str(entry.pk), "minutes": "5", **fields})
    return entry, response


@pytest.mark.django_db
def test_a_call_back_tomorrow_morning_with_the_next_action_in_words(
    people: People, client: Browser
) -> None:
    entry, response = call(
        client,
        people,
        outcome="terugbellen",
        callback_when="morgenochtend",
        next_action="vacatures in de zorg sturen",
    )

    assert response.status_code == 302
    contact = Client.objects.get(pk=entry.client_id).contacts.get()
    assert contact.next_action == "vacatures in de zorg sturen"
    assert timezone.localtime(contact.callback_at).time() == datetime.time(10, 0)


@pytest.mark.django_db
def test_a_pause_from_the_call_form_logs_the_call_too(people: People, client: Browser) -> None:
    until = timezone.localdate() + datetime.timedelta(days=14)
    entry, response = call(
        client, people, outcome="bereikt", pause_until=until.isoformat(), pause_reason="zorg"
    )

    assert response.status_code == 302
    paused = Client.objects.get(pk=entry.client_id)
    assert paused.contacts.get().outcome == "bereikt"
    assert (paused.pauses.get().until, paused.pauses.get().reason) == (until, "zorg")


@pytest.mark.django_db
def test_a_pause_without_a_reason_asks_for_one_and_logs_nothing(
    people: People, client: Browser
) -> None:
    until = timezone.localdate() + datetime.timedelta(days=14)
    entry, response = call(client, people, outcome="bereikt", pause_until=until.isoformat())

    assert response.status_code == 200
    assert "Kies waarom de cliënt pauzeert." in response.content.decode()
    assert not Client.objects.get(pk=entry.client_id).contacts.exists()


@pytest.mark.django_db
def test_a_deadline_inside_the_pause_needs_a_yes_and_until_then_nothing_is_logged(
    people: People, client: Browser
) -> None:
    round_, clients = started(people, 1)
    create_traject(
        by=people.anna,
        client=clients[0],
        values={
            "opdrachtgever": Opdrachtgever.objects.create(name="UWV", kind="uwv"),
            "starts": timezone.localdate(),
            "ends": timezone.localdate() + datetime.timedelta(days=5),
        },
    )
    client.force_login(people.anna)
    url = reverse("rounds:call", args=[round_.pk])
    entry = client.get(url).context["row"].entry
    until = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    fields = {
        "entry": str(entry.pk),
        "minutes": "5",
        "outcome": "bereikt",
        "pause_until": until,
        "pause_reason": "zorg",
    }

    refused = client.post(url, fields)

    assert refused.status_code == 200
    assert "Bevestig" in refused.content.decode()
    assert not clients[0].contacts.exists() and not clients[0].pauses.exists()

    confirmed = client.post(url, {**fields, "pause_confirmed": "on"})

    assert confirmed.status_code == 302
    assert clients[0].contacts.count() == 1 and clients[0].pauses.count() == 1


# The call scripts and note templates admins keep.


@pytest.mark.django_db
def test_carla_writes_a_call_script_that_a_new_round_offers_first(
    people: People, client: Browser
) -> None:
    client.force_login(people.carla)
    response = client.post(
        reverse("rounds:scripts"),
        {"name": "Ronde zorg", "questions": "Hoe gaat het?\n\nWerk je nu?", "is_default": "on"},
    )
    assert response.status_code == 302
    script = CallScript.objects.get(name="Ronde zorg")
    assert script.lines == ["Hoe gaat het?", "Werk je nu?"]
    # One script at most is offered first: the one saved last.
    assert list(CallScript.objects.filter(is_default=True)) == [script]
    assert AuditEvent.objects.filter(action=AuditAction.CALL_TEXT_SAVED, actor=people.carla)

    client.force_login(people.anna)
    start = client.get(reverse("rounds:index")).content.decode()
    assert f'<option value="{script.pk}" selected>Ronde zorg</option>' in start
    make_client(people.anna, first_name="Piet")
    started = client.post(reverse("rounds:index"), {"title": "Maandag", "script": script.pk})
    call_screen = client.get(started["Location"]).content.decode()
    assert "Belscript: Ronde zorg" in call_screen and "<li>Werk je nu?</li>" in call_screen


@pytest.mark.django_db
def test_the_call_screen_carries_the_note_templates(people: People, client: Browser) -> None:
    NoteTemplate.objects.update_or_create(outcome="voicemail", defaults={"text": "Ingesproken."})
    entry, _ = call(client, people)

    page = client.get(reverse("rounds:call", args=[entry.round_id])).content.decode()

    assert '<script id="note-templates" type="application/json">' in page
    assert '"voicemail": "Ingesproken."' in page


@pytest.mark.django_db
def test_a_coach_cannot_change_the_call_texts(people: People, client: Browser) -> None:
    client.force_login(people.anna)

    response = client.post(reverse("rounds:scripts"), {"name": "Eigen", "questions": "?"})

    assert response.status_code == 404
    assert not CallScript.objects.filter(name="Eigen").exists()
