"""Opening a round: its coach, or the team lead of the coach's team; else 404."""

from __future__ import annotations

from django.http import Http404

from koers.web.accounts.models import User
from koers.web.accounts.roles import Role
from koers.web.rounds.models import Entry, Round


def may_open(user: User, round_: Round) -> bool:
    if round_.coach_id == user.pk:
        return True
    return (
        user.role == Role.TEAMLEAD
        and user.team_id is not None
        and round_.coach.team_id == user.team_id
    )


def get_round_for(user: User, pk: int) -> Round:
    try:
        round_ = Round.objects.select_related("coach").get(pk=pk)
    except Round.DoesNotExist:
        raise Http404 from None
    if not may_open(user, round_):
        raise Http404
    return round_


def get_entry_for(user: User, round_pk: int, entry_pk: int) -> Entry:
    round_ = get_round_for(user, round_pk)
    try:
        return round_.entries.select_related("client", "round").get(pk=entry_pk)
    except Entry.DoesNotExist:
        raise Http404 from None
