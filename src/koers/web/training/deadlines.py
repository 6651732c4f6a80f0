"""Which date an application must be acted on next, given where it stands."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from koers.web.clients.models import Client
from koers.web.training.choices import FINISHED, DeadlineKind
from koers.web.training.choices import ApplicationStatus as S
from koers.web.training.models import Application

# Applications with something still to do by a date.
RUNNING = Q(deadline_on__isnull=False) & ~Q(status__in=FINISHED)

# The deadlines that matter in each status; the earliest of those set is the next one.
WATCHED: dict[str, tuple[str, ...]] = {
    S.IDEA: (DeadlineKind.WINDOW_CLOSES, DeadlineKind.LATEST_START),
    S.SUBMITTED: (DeadlineKind.LATEST_START,),
    S.WAITING_LIST: (DeadlineKind.LATEST_START,),
    S.GRANTED: (DeadlineKind.LATEST_START,),
    S.STARTED: (DeadlineKind.COMPLETION,),
    S.COMPLETED: (DeadlineKind.CLAIM,),
    S.DROPPED: (DeadlineKind.CLAIM,),
}


def next_deadline(
    status: str,
    *,
    window_closes: Iterable[datetime.date | None],
    latest_start: datetime.date | None,
    completion: datetime.date | None,
    claim: datetime.date | None,
) -> tuple[datetime.date, str] | None:
    """The earliest deadline the status watches, with its kind; None when nothing is due.

    >>> next_deadline("gestart", window_closes=[], latest_start=None,
    ...               completion=datetime.date(2027, 3, 1), claim=None)
    (datetime.date(2027, 3, 1), 'completion')
    """
    closes = [on for on in window_closes if on is not None]
    dates: dict[str, datetime.date | None] = {
        DeadlineKind.WINDOW_CLOSES: min(closes) if closes else None,
        DeadlineKind.LATEST_START: latest_start,
        DeadlineKind.COMPLETION: completion,
        DeadlineKind.CLAIM: claim,
    }
    due = [(on, str(kind)) for kind in WATCHED.get(status, ()) if (on := dates[kind]) is not None]
    return min(due) if due else None


def training_deadline_words(kind: str) -> str:
    """'training application: claim' — a deadline named for a calling round or a pause."""
    label = DeadlineKind(kind).label if kind in DeadlineKind.values else kind
    return str(_("training application: %(deadline)s") % {"deadline": label})


def deadlines_between(
    client: Client, starts: datetime.date, until: datetime.date
) -> QuerySet[Application]:
    """A client's running applications with their next deadline in a period."""
    return Application.objects.filter(
        RUNNING, traject__client=client, deadline_on__range=(starts, until)
    ).order_by("deadline_on")
