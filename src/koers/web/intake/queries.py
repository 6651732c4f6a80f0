"""Reads of the intake queue."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from koers import knowledge
from koers.taxonomy import SnapshotError
from koers.web.accounts.models import Cover, User
from koers.web.accounts.permissions import can_lead_team, can_work_with_clients
from koers.web.accounts.queries import coaches_of
from koers.web.common.kept_queries import KeptQuery
from koers.web.explorer.short_code import InvalidCodeError, decode
from koers.web.intake.models import KEEP_DAYS, CallbackRequest, Status


def _queue(user_id: int, *team_id: int) -> Q:
    """The open requests of a coach: those assigned to her; with ``team_id`` (the team she
    leads), the new ones and her team's assigned ones instead."""
    if team_id:
        (team,) = team_id
        return Q(status=Status.NEW) | Q(status=Status.ASSIGNED, coach__team_id=team)
    return Q(status=Status.ASSIGNED, coach_id=user_id)


def _led_team(user: User) -> tuple[int, ...]:
    """What ``_queue`` takes after the user's id: the team she leads, if any."""
    return (user.led_team_id,) if can_lead_team(user) and user.led_team_id is not None else ()


def queue_for(user: User) -> QuerySet[CallbackRequest]:
    """Open requests, oldest first: for a team lead the new ones and their team's assigned
    ones; for a coach the ones assigned to them; for anyone else none."""
    requests = CallbackRequest.objects.select_related("coach").order_by("created_at", "id")
    if not can_work_with_clients(user):
        return requests.none()
    return requests.filter(_queue(user.pk, *_led_team(user)))


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


# What the list shows of a request (not who its coach is: no join to the coach, whose columns
# the count would also have to group by), then the attempts so far.
_LISTED = ("id", "first_name", "best_time", "short_code", "created_at", "status", "coach_id")


def _to_call_back(user_id: int, *team_id: int, limit: int) -> QuerySet[CallbackRequest, Any]:
    """The user's queue (``_queue``); of a team lead's, the new ones and her own."""
    requests = _queue(user_id, *team_id)
    if team_id:
        requests &= Q(status=Status.NEW) | Q(coach_id=user_id)
    return (
        CallbackRequest.objects.filter(requests)
        .annotate(tries=Count("attempts"))
        .order_by("created_at", "id")
        .values_list(*_LISTED, "tries")[:limit]
    )


# Kept (decision 0010): "Aandacht nodig" and every call screen list these.
_TO_CALL_BACK = KeptQuery(_to_call_back)


def to_call_back(user: User, *, limit: int) -> list[CallbackRequest]:
    """The open requests the user should call back, oldest (most urgent promise) first, at
    most ``limit``: a coach's assigned ones; a team lead's own ones and the new ones waiting
    for a coach (as ``queue_for`` and her own). Each with ``tries`` (attempts so far); only
    the fields the list shows are read."""
    if not can_work_with_clients(user):
        return []
    found = []
    for *values, tries in _TO_CALL_BACK(user.pk, *_led_team(user), limit=limit):
        request = CallbackRequest.from_db(DEFAULT_DB_ALIAS, _LISTED, values)
        request.tries = tries  # type: ignore[attr-defined]
        found.append(request)
    return found


def assignable_coaches(team_id: int | None, *, today: datetime.date) -> QuerySet[User]:
    """The team's coaches to assign a request to, each with ``caseload`` (clients, erased ones
    left out) and ``away_until`` (the end of a cover running today, else None)."""
    away = Cover.objects.filter(coach=OuterRef("pk"), starts__lte=today, ends__gte=today)
    return coaches_of(team_id).annotate(
        caseload=Count("clients", filter=Q(clients__erased_at__isnull=True)),
        away_until=Subquery(away.order_by("-ends").values("ends")[:1]),
    )
