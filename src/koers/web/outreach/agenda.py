"""The coach's private calendar feed and a client's appointment, as iCalendar.

The feed lists, for the coach's own clients, the call-backs and follow-ups their latest
contact planned (as "Aandacht nodig" reads them), the agreed actions of their career plans
and the deadlines a calling round shows (a traject's end, a training application's next
deadline), from a week ago to KOERS_CALENDAR_DAYS ahead. An event names the client by first
name and says what to do, with a link to the client's page; nothing else about the client.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from koers.web.accounts.models import User
from koers.web.casework.attention import with_planned_contact
from koers.web.casework.deadlines import agreed_action_words, first_deadlines
from koers.web.clients.models import Client
from koers.web.outreach.channels import language_of
from koers.web.outreach.models import CalendarFeed
from koers.web.plans.queries import actions_due

PAST_DAYS = 7
CALL_MINUTES = 15
# Longer tokens than any made here are refused before hashing.
TOKEN_MAX = 64


def hash_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_owner(token: str) -> User:
    """The coach whose feed ``token`` opens; 404 for an unknown, renewed or overlong token,
    or a coach who may no longer sign in."""
    feed = None
    if 0 < len(token) <= TOKEN_MAX:
        feed = (
            CalendarFeed.objects.select_related("coach").filter(token_hash=hash_of(token)).first()
        )
    if feed is None or not feed.coach.is_active:
        raise Http404
    return feed.coach


@dataclass(frozen=True, slots=True)
class Item:
    """One event: a moment (a call-back) or a whole day."""

    uid: str
    summary: str
    client_pk: int
    day: datetime.date | None = None
    moment: datetime.datetime | None = None


def _planned_contacts(
    clients: dict[int, str], coach: User, starts: datetime.date, until: datetime.date
) -> list[Item]:
    first = timezone.make_aware(datetime.datetime.combine(starts, datetime.time.min))
    last = timezone.make_aware(datetime.datetime.combine(until, datetime.time.max))
    items = []
    for pk, callback, follow_up, what in (
        with_planned_contact(Client.objects.filter(coach=coach, erased_at__isnull=True))
        .filter(Q(callback__range=(first, last)) | Q(follow_up__range=(starts, until)))
        .values_list("pk", "callback", "follow_up", "follow_up_what")
    ):
        if callback is not None and first <= callback <= last:
            summary = _("%(name)s: call back") % {"name": clients[pk]}
            items.append(
                Item(f"callback-{pk}-{callback:%Y%m%dT%H%M}", summary, pk, moment=callback)
            )
        if follow_up is not None and starts <= follow_up <= until:
            summary = f"{clients[pk]}: {what or _('follow-up')}"
            items.append(Item(f"follow-up-{pk}-{follow_up:%Y%m%d}", summary, pk, day=follow_up))
    return items


def coach_items(coach: User, *, today: datetime.date) -> list[Item]:
    """What the coach's feed lists, from PAST_DAYS ago to KOERS_CALENDAR_DAYS ahead."""
    starts = today - datetime.timedelta(days=PAST_DAYS)
    until = today + datetime.timedelta(days=settings.KOERS_CALENDAR_DAYS)
    own = Client.objects.filter(coach=coach, erased_at__isnull=True)
    clients = dict(own.values_list("pk", "first_name"))
    items = _planned_contacts(clients, coach, starts, until)
    for action in actions_due(own, starts, until):
        pk = action.plan.client_id
        summary = f"{clients[pk]}: {agreed_action_words(action.what)}"
        items.append(Item(f"action-{action.pk}", summary, pk, day=action.due_on))
    for pk, deadline in first_deadlines(own.values("pk"), today=starts).items():
        if deadline.on <= until:
            summary = f"{clients[pk]}: {deadline.what}"
            items.append(Item(f"deadline-{pk}-{deadline.on:%Y%m%d}", summary, pk, day=deadline.on))
    return sorted(items, key=lambda item: (item.day or timezone.localdate(item.moment), item.uid))


def _calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Koers//Koers//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(uid: str, summary: str, *, url: str = "") -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid}@koers")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("summary", summary)
    if url:
        event.add("url", url)
    return event


def feed_of(items: list[Item], *, name: str, url_of: Callable[[int], str]) -> bytes:
    """The feed as iCalendar: call-backs at their moment, the rest as whole days."""
    calendar = _calendar(name)
    for item in items:
        event = _event(item.uid, item.summary, url=url_of(item.client_pk))
        if item.moment is not None:
            event.add("dtstart", item.moment.astimezone(datetime.UTC))
            event.add("duration", datetime.timedelta(minutes=CALL_MINUTES))
        else:
            event.add("dtstart", item.day)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def appointment_of(
    client: Client, *, coach: User, moment: datetime.datetime, minutes: int
) -> bytes:
    """One appointment with ``coach`` for the client to put in their own calendar, in their
    language; it names the coach and the organisation, nothing about the client."""
    organisation = settings.KOERS_ORGANISATION
    names = {"coach": coach.display_name, "organisation": organisation["name"]}
    with translation.override(language_of(client)):
        summary = _("Appointment with %(coach)s (%(organisation)s)") % names
        description = summary
        if organisation["phone"]:
            description += ". " + _("Cannot make it? Call %(phone)s.") % {
                "phone": organisation["phone"]
            }
    calendar = _calendar(organisation["name"])
    event = _event(f"appointment-{client.pk}-{moment:%Y%m%dT%H%M}", summary)
    event.add("dtstart", moment.astimezone(datetime.UTC))
    event.add("duration", datetime.timedelta(minutes=minutes))
    event.add("description", description)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
