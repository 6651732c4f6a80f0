"""What falls due for clients, from every app: trajecten, contacts, training applications and
the actions agreed in the career plan."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.web.clients.models import Client, Traject
from koers.web.plans.queries import actions_due
from koers.web.training.deadlines import deadlines_between as training_deadlines
from koers.web.training.deadlines import training_deadline_words
from koers.web.training.queries import coming_deadlines


def agreed_action_words(what: str) -> str:
    """'agreed action: apply at the salon' — an action of the career plan, for a list."""
    return str(_("agreed action: %(what)s") % {"what": what})


@dataclass(frozen=True, slots=True)
class Deadline:
    on: datetime.date
    what: str


def deadlines_between(
    client: Client, starts: datetime.date, until: datetime.date
) -> list[Deadline]:
    """What falls due for a client in a period: traject ends, follow-ups, call-backs and the
    deadlines of training applications, and the plan's open agreed actions."""
    found = [
        Deadline(traject.ends or until, str(_("end of traject %(traject)s") % {"traject": traject}))
        for traject in client.trajecten.open()
        .filter(ends__range=(starts, until))
        .select_related("opdrachtgever")
    ]
    for contact in client.contacts.filter(next_action_on__range=(starts, until)):
        assert contact.next_action_on is not None
        found.append(Deadline(contact.next_action_on, contact.next_action or str(_("follow-up"))))
    for contact in client.contacts.filter(callback_at__date__range=(starts, until)):
        assert contact.callback_at is not None
        found.append(Deadline(timezone.localdate(contact.callback_at), str(_("call-back"))))
    for application in training_deadlines(client, starts, until):
        assert application.deadline_on is not None
        words = training_deadline_words(application.deadline_kind)
        found.append(Deadline(application.deadline_on, f"{words} ({application.course_title})"))
    for action in actions_due(Client.objects.filter(pk=client.pk), starts, until):
        assert action.due_on is not None  # within the range
        found.append(Deadline(action.due_on, agreed_action_words(action.what)))
    return sorted(found, key=lambda deadline: deadline.on)


def first_deadlines(
    ids: QuerySet[Any, Any] | list[int], *, today: datetime.date
) -> dict[int, Deadline]:
    """Per client, the first of what falls due from today: a traject's end or a training
    application's next deadline (what a calling round shows)."""
    return earliest_deadlines(traject_ends(ids, today=today), coming_deadlines(ids, today=today))


def traject_ends(
    ids: QuerySet[Any, Any] | list[int], *, today: datetime.date
) -> QuerySet[Traject, tuple[int, datetime.date]]:
    """The first end from today on of each client's open trajecten, as (client id, day) rows."""
    return (
        Traject.objects.open()
        .filter(client_id__in=ids, ends__gte=today)
        .values("client_id")
        .annotate(first=Min("ends"))
        .values_list("client_id", "first")
    )


def earliest_deadlines(
    ends: Iterable[tuple[int, datetime.date]],
    applications: Iterable[tuple[int, datetime.date | None, str]],
) -> dict[int, Deadline]:
    """Per client, the earliest of the rows of ``traject_ends`` and ``coming_deadlines``."""
    deadlines = {client_id: Deadline(on, str(_("end of traject"))) for client_id, on in ends}
    for client_id, on, kind in applications:
        if on is not None and (client_id not in deadlines or on < deadlines[client_id].on):
            deadlines[client_id] = Deadline(on, training_deadline_words(kind))
    return deadlines
