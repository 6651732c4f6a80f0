"""Reads of the intake queue."""

from __future__ import annotations

import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from koers import knowledge
from koers.taxonomy import SnapshotError
from koers.web.accounts.models import Cover, User
from koers.web.accounts.permissions import can_lead_team, can_work_with_clients
from koers.web.accounts.queries import coaches_of, in_led_team
from koers.web.explorer.short_code import InvalidCodeError, decode
from koers.web.intake.models import KEEP_DAYS, CallbackRequest, Status


def queue_for(user: User) -> QuerySet[CallbackRequest]:
    """Open requests, oldest first: for a team lead the new ones and their team's assigned
    ones; for a coach the ones assigned to them; for anyone else none."""
    requests = CallbackRequest.objects.select_related("coach").order_by("created_at", "id")
    if not can_work_with_clients(user):
        return requests.none()
    if can_lead_team(user):
        return requests.filter(
            Q(status=Status.NEW) | (Q(status=Status.ASSIGNED) & in_led_team(user))
        )
    return requests.filter(status=Status.ASSIGNED, coach=user)


def sent_since(since: datetime.datetime, *, fingerprint: str | None = None) -> int:
    """How many requests came in since ``since`` (from one sender, if given)."""
    requests = CallbackRequest.objects.filter(created_at__gte=since)
    if fingerprint is not None:
        requests = requests.filter(fingerprint=fingerprint)
    return requests.count()


def expired(*, today: datetime.date) -> QuerySet[CallbackRequest]:
    """Requests that did not become a client and came in at least KEEP_DAYS days ago."""
    return CallbackRequest.objects.exclude(status=Status.CONVERTED).filter(
        created_at__date__lte=today - datetime.timedelta(days=KEEP_DAYS)
    )


def occupation_uri_of(short_code: str) -> str:
    """The occupation a short code starts from, or "" (no code, or no knowledge base)."""
    return places_of(short_code)[0]


def places_of(short_code: str) -> tuple[str, str]:
    """The occupation a short code starts from and the step the person chose ("" for none,
    for no code, or without a knowledge base)."""
    if not short_code:
        return "", ""
    try:
        place = decode(short_code)
        occupations = knowledge.taxonomy().occupations
        target = occupations[place.target].uri if place.target is not None else ""
        return occupations[place.origin].uri, target
    except (InvalidCodeError, IndexError, SnapshotError, OSError):
        return "", ""


def to_call_back(user: User) -> QuerySet[CallbackRequest]:
    """The open requests the user should call back, oldest (most urgent promise) first:
    a coach's assigned ones; a team lead's own ones and the new ones waiting for a coach.
    Each with ``tries`` (attempts so far)."""
    # The list shows whether a request has a coach, not who: no join to the coach (whose
    # columns the count would also have to group by).
    requests = queue_for(user).select_related(None)
    if can_lead_team(user):
        requests = requests.filter(Q(status=Status.NEW) | Q(coach=user))
    return requests.annotate(tries=Count("attempts"))


def assignable_coaches(team_id: int | None, *, today: datetime.date) -> QuerySet[User]:
    """The team's coaches to assign a request to, each with ``caseload`` (clients, erased ones
    left out) and ``away_until`` (the end of a cover running today, else None)."""
    away = Cover.objects.filter(coach=OuterRef("pk"), starts__lte=today, ends__gte=today)
    return coaches_of(team_id).annotate(
        caseload=Count("clients", filter=Q(clients__erased_at__isnull=True)),
        away_until=Subquery(away.order_by("-ends").values("ends")[:1]),
    )
