"""Anna's private calendar feed: her call-backs, follow-ups, agreed actions and deadlines,
by first name and what to do; a secret URL she can renew (only its hash is kept), and an
appointment as an .ics file for the client."""

from __future__ import annotations

import datetime
import re
from typing import Any

import icalendar
import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import create_traject, log_contact
from koers.web.clients.models import Opdrachtgever
from koers.web.outreach.actions import renew_feed
from koers.web.outreach.models import CalendarFeed
from tests.web.conftest import People, make_client
from tests.web.test_plan_copy import sandras_plan

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def at(n: int, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(days(n), datetime.time(hour)))


def events_of(response: Any) -> dict[str, Any]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def feed_url(token: str) -> str:
    return reverse("calendar_feed", args=[token])


def test_anna_makes_her_private_link_on_her_account_page(people: People) -> None:
    anna = signed_in(people.anna)
    assert reverse("outreach:my_feed") in anna.get(reverse("accounts:account")).content.decode()
    page = anna.post(reverse("outreach:my_feed")).content.decode()
    url = re.search(r'value="(http://testserver/agenda/[^"]+\.ics)"', page)
    assert url
    token = url.group(1).rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get(coach=people.anna)
    assert token not in feed.token_hash and len(feed.token_hash) == 64
    again = anna.get(reverse("outreach:my_feed")).content.decode()
    assert token not in again and ".ics" not in again
    assert AuditEvent.objects.filter(action=AuditAction.CALENDAR_FEED_RENEWED).count() == 1


def test_the_feed_lists_what_to_do_by_first_name_only(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    petra = make_client(people.anna, last_name="de Vries", phone="06 12345678")
    log_contact(
        by=people.anna,
        client=petra,
        values={"at": at(-1, 9), "outcome": "terugbellen", "callback_at": at(1, 10)},
    )
    karim = make_client(people.anna, first_name="Karim", last_name="El Amrani")
    log_contact(
        by=people.anna,
        client=karim,
        values={
            "at": at(-1, 11),
            "outcome": "bereikt",
            "next_action": "cv nakijken",
            "next_action_on": days(3),
        },
    )
    sandras_plan(people)  # an agreed action due today
    ending = make_client(people.anna, first_name="Ellen")
    create_traject(
        by=people.anna,
        client=ending,
        values={"opdrachtgever": opdrachtgever, "starts": days(-100), "ends": days(10)},
    )
    make_client(people.eva, first_name="Evas", last_name="Client")
    token = renew_feed(by=people.anna)
    response = Browser().get(feed_url(token))
    events = events_of(response)
    assert set(events) == {
        "Petra: terugbellen",
        "Karim: cv nakijken",
        "Sandra: afspraak uit het plan: proefdag regelen",
        "Ellen: einde van traject",
    }
    callback = events["Petra: terugbellen"]
    assert callback.decoded("DTSTART") == at(1, 10)
    assert events["Karim: cv nakijken"].decoded("DTSTART") == days(3)
    assert str(callback["URL"]) == f"http://testserver/clienten/{petra.pk}/"
    body = response.content.decode()
    for private in ["de Vries", "El Amrani", "12345678", "Evas", "O&O"]:
        assert private not in body
    read = AuditEvent.objects.get(action=AuditAction.CALENDAR_FEED_READ)
    assert (read.actor, read.client_id, read.via) == (people.anna, None, "feed")


def test_a_call_back_made_up_by_a_later_contact_leaves_the_feed(people: People) -> None:
    petra = make_client(people.anna)
    log_contact(
        by=people.anna,
        client=petra,
        values={"at": at(-2, 9), "outcome": "terugbellen", "callback_at": at(2, 10)},
    )
    log_contact(by=people.anna, client=petra, values={"at": at(-1, 9), "outcome": "bereikt"})
    assert events_of(Browser().get(feed_url(renew_feed(by=people.anna)))) == {}


def test_a_wrong_or_renewed_token_opens_nothing(people: People) -> None:
    old = renew_feed(by=people.anna)
    new = renew_feed(by=people.anna)
    browser = Browser()
    assert browser.get(feed_url(old)).status_code == 404
    assert browser.get(feed_url(new)).status_code == 200
    assert browser.get(feed_url("x" * 43)).status_code == 404
    assert browser.get(feed_url(new + "x" * 64)).status_code == 404
    people.anna.is_active = False
    people.anna.save()
    assert browser.get(feed_url(new)).status_code == 404


def test_an_appointment_file_for_the_client_in_her_language(people: People) -> None:
    petra = make_client(people.anna, language="en")
    url = reverse("outreach:appointment", args=[petra.pk])
    response = signed_in(people.anna).get(url, {"moment": "2026-12-08T14:30", "minutes": "45"})
    assert response["Content-Disposition"] == 'attachment; filename="afspraak.ics"'
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Appointment with Anna (Koers)"
    start = event.decoded("DTSTART")
    assert timezone.localtime(start).strftime("%Y-%m-%d %H:%M") == "2026-12-08 14:30"
    assert event.decoded("DURATION") == datetime.timedelta(minutes=45)
    assert "Petra" not in response.content.decode()
    unreadable = signed_in(people.anna).get(url, {"moment": "morgen"})
    assert unreadable.status_code == 400
    assert "moment" in unreadable.content.decode()
    assert signed_in(people.dirk).get(url, {"moment": "2026-12-08T14:30"}).status_code == 404
