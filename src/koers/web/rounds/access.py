"""Opening a round: its coach, or the team lead of the coach's team; else 404.

Inside a round, the user works only with the clients she may still open: see
``workable_coach_ids``.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.accounts.queries import coaches_of, covered_coach_ids
from koers.web.common.kept_rows import kept_row
from koers.web.rounds.models import Entry, Round


def may_open(user: User, round_: Round) -> bool:
    if round_.coach_id == user.pk:
        return True
    return user.leads_team_of(round_.coach)


def workable_coach_ids(user: User) -> set[int]:
    """The coaches whose clients ``user`` works with in a round today.

    Herself, the coaches she covers for today, and a team lead's team. The call list, the
    report, skip and pin all follow this one rule: a round keeps its entries when a client is
    handed over or a cover ends, but the user no longer sees or changes those clients in it.
    """
    coaches = {user.pk, *covered_coach_ids(user, today=timezone.localdate())}
    coaches |= set(coaches_of(user.led_team_id).values_list("pk", flat=True))
    return coaches


# Every call screen opens its round: kept, with its coach (``may_open`` needs it).
_round_with_coach = kept_row(Round, related="coach")


def get_round_for(user: User, pk: int) -> Round:
    round_ = _round_with_coach(pk)
    if round_ is None:
        raise Http404
    if not may_open(user, round_):
        raise Http404
    return round_


def get_entry_for(user: User, round_: Round, entry_pk: int) -> Entry:
    """An entry of ``round_`` (one ``get_round_for`` gave), for a client the user may still work
    with, its client loaded with it; else 404. This is the one access check for a client in a
    round: ``workable_coach_ids`` is the rule that ``get_client_for`` follows elsewhere."""
    try:
        entry = round_.entries.select_related("client").get(
            pk=entry_pk, client__erased_at__isnull=True
        )
    except Entry.DoesNotExist:
        raise Http404 from None
    if entry.client.coach_id not in workable_coach_ids(user):
        raise Http404
    return entry
