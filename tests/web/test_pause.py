"""Pausing a client: until a date, at most a set length, deadlines need a yes, then back."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.fixtures import Settings

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.casework import pauses
from koers.web.clients import actions, queries
from koers.web.clients.models import Opdrachtgever, Pause
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 24)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def test_it_pauses_until_a_date_with_a_reason(people: People) -> None:
    petra = make_client(people.anna)
    pause = pauses.pause_client(
        by=people.anna, client=petra, until=days(30), reason="drukte", today=TODAY
    )
    assert queries.active_pause(petra, today=days(10)) == pause
    assert queries.active_pause(petra, today=days(31)) is None
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_PAUSED, client_id=petra.pk).exists()


def test_a_pause_has_a_maximum_length(people: People, settings: Settings) -> None:
    settings.KOERS_MAX_PAUSE_DAYS = 60
    petra = make_client(people.anna)
    # The longest end date, written as the language writes dates.
    for language, message in [
        ("nl", "Een pauze duurt hoogstens 60 dagen (tot 23-01-2027)."),
        ("en", "A pause lasts at most 60 days (until 01/23/2027)."),
    ]:
        with translation.override(language), pytest.raises(ValidationError) as refused:
            pauses.pause_client(
                by=people.anna, client=petra, until=days(61), reason="zorg", today=TODAY
            )
        assert refused.value.message_dict == {"until": [message]}
    with pytest.raises(ValidationError):
        pauses.pause_client(
            by=people.anna, client=petra, until=days(-1), reason="zorg", today=TODAY
        )
    assert not Pause.objects.exists()


def test_a_deadline_inside_the_pause_needs_a_yes(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    petra = make_client(people.anna)
    actions.create_traject(
        by=people.anna,
        client=petra,
        values={"opdrachtgever": opdrachtgever, "starts": days(-100), "ends": days(20)},
    )
    with pytest.raises(pauses.DeadlineInPauseError) as warned:
        pauses.pause_client(
            by=people.anna, client=petra, until=days(30), reason="zorg", today=TODAY
        )
    assert [d.on for d in warned.value.deadlines] == [days(20)]
    assert not Pause.objects.exists()
    pauses.pause_client(
        by=people.anna,
        client=petra,
        until=days(30),
        reason="zorg",
        today=TODAY,
        deadlines_confirmed=True,
    )
    assert Pause.objects.count() == 1


def test_the_pause_page_warns_and_then_pauses(
    people: People, client: Browser, opdrachtgever: Opdrachtgever
) -> None:
    petra = make_client(people.anna)
    today = timezone.localdate()
    actions.create_traject(
        by=people.anna,
        client=petra,
        values={
            "opdrachtgever": opdrachtgever,
            "starts": today,
            "ends": today + datetime.timedelta(days=5),
        },
    )
    client.force_login(people.anna)
    url = reverse("casework:pause", args=[petra.pk])
    until = (today + datetime.timedelta(days=14)).isoformat()
    response = client.post(url, {"until": until, "reason": "gevraagd"})
    assert response.status_code == 200
    assert ": einde van traject O&amp;O-fonds Detailhandel</li>" in response.content.decode()
    response = client.post(url, {"until": until, "reason": "gevraagd", "deadlines_confirmed": "on"})
    assert response.status_code == 302
    page = client.get(reverse("casework:client", args=[petra.pk])).content.decode()
    assert reverse("casework:end_pause", args=[petra.pk]) in page
    assert Pause.objects.filter(client=petra).count() == 1
    client.post(reverse("casework:end_pause", args=[petra.pk]))
    assert queries.active_pause(petra, today=today) is None
