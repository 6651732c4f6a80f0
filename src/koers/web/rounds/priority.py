"""The order of a calling round: who to call first, and why (documented in docs/calling-round.md).

Pure functions over plain data, so that the order can be read, tested and explained.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.web.clients.choices import DEADLINE_DAYS, Urgency

# 40 points for high, 20 for medium, none for low.
URGENCY_POINTS: dict[str, int] = {
    urgency: 20 * (Urgency.LOW.rank - urgency.rank) for urgency in Urgency
}
SUPPORT_POINTS = 5
SUPPORT_MAX = 15
SINCE_CONTACT_MAX_DAYS = 60
CALLBACK_POINTS = 100
FOLLOW_UP_POINTS = 15
DEADLINE_POINTS = 15
CHECK_IN_POINTS = 20
RETRY_POINTS = 5
SAME_PART_OF_DAY_PENALTY = 10
CALL_TIME_POINTS = 10


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the order looks at for one client."""

    client_id: int
    urgency: str
    support_reasons: int
    last_reached: datetime.datetime | None
    failed_parts_since_reached: frozenset[str]
    callback_at: datetime.datetime | None
    follow_up_on: datetime.date | None
    deadline_on: datetime.date | None
    pause_ended_on: datetime.date | None
    call_times: frozenset[str]
    pinned: bool = False
    deadline_what: str = ""


def day(on: datetime.date) -> str:
    """A day of this year as the page's language writes it (Dutch 02-12, English December 2)."""
    return date_format(on, "MONTH_DAY_FORMAT")


def day_and_time(at: datetime.datetime) -> str:
    """A moment of this year as the page's language writes it (02-12 14:30)."""
    return f"{day(at)} {time_format(at, 'TIME_FORMAT')}"


# Points for one reason, and the reason in words. The words are made only when shown: a
# round orders every client at each call, and shows the reasons of one.
Because = tuple[float, Callable[[], str]]


@dataclass(frozen=True, slots=True)
class Priority:
    client_id: int
    score: float
    because: tuple[Because, ...] = ()

    @property
    def reasons(self) -> list[str]:
        """The reasons in words, biggest first."""
        return [say() for points, say in self.because if points]


def _callback(c: Candidate, today: datetime.date, part_of_day: str) -> Because | None:
    """A call-back agreed for today or earlier: the first thing to do."""
    callback_at = c.callback_at
    if callback_at is None or callback_at.date() > today:
        return None
    return (
        CALLBACK_POINTS,
        lambda: _("call-back agreed for %(time)s") % {"time": day_and_time(callback_at)},
    )


def _urgency(c: Candidate, today: datetime.date, part_of_day: str) -> Because | None:
    points = URGENCY_POINTS.get(c.urgency, 0)
    if not points:
        return None
    return (points, lambda: _("urgency %(urgency)s") % {"urgency": Urgency(c.urgency).label})


def _support(c: Candidate, today: datetime.date, part_of_day: str) -> Because | None:
    """Reasons for extra support, each worth some points up to a maximum."""
    count = c.support_reasons
    if not count:
        return None
    return (
        min(SUPPORT_MAX, SUPPORT_POINTS * count),
        lambda: (
            ngettext(
                "%(count)d reason for extra support", "%(count)d reasons for extra support", count
            )
            % {"count": count}
        ),
    )


def _since_reached(c: Candidate, today: datetime.date, part_of_day: str) -> Because | None:
    """Half a point a day since the client was last reached (never: the most there is)."""
    if c.last_reached is None:
        return (SINCE_CONTACT_MAX_DAYS / 2, lambda: _("never reached"))
    days = (today - c.last_reached.date()).days
    if days <= 0:
        return None
    return (
        min(days, SINCE_CONTACT_MAX_DAYS) / 2,
        lambda: (
            ngettext("last reached %(days)d day ago", "last reached %(days)d days ago", days)
            % {"days": days}
        ),
    )


def _follow_up(c: Candidate, today: datetime.date, part_of_day: str) -> Because | None:
    if c.follow_up_on is None or c.follow_up_on > today:
        return None
    return (FOLLOW_UP_POINTS, lambda: _("follow-up due"))


def _deadline(c: Candidate, today: datetime.date, part_of_day: str) -> Because | None:
    """Something falls due within DEADLINE_DAYS: a traject's end or a training deadline."""
    on = c.deadline_on
    if on is None or not today <= on <= today + datetime.timedelta(days=DEADLINE_DAYS):
        return None
    return (
        DEADLINE_POINTS,
        lambda: (
            _("%(what)s on %(date)s") % {"what": c.deadline_what, "date": day(on)}
            if c.deadline_what
            else _("deadline on %(date)s") % {"date": day(on)}
        ),
    )


def _check_in(c: Candidate, today: datetime.date, part_of_day: str) -> Because | None:
    if c.pause_ended_on is None:
        return None
    return (CHECK_IN_POINTS, lambda: _("back from a pause: check in"))


def _retry(c: Candidate, today: datetime.date, part_of_day: str) -> Because | None:
    """Failed attempts since last reached: try another time of day than those."""
    if not c.failed_parts_since_reached:
        return None
    if part_of_day in c.failed_parts_since_reached:
        return (-SAME_PART_OF_DAY_PENALTY, lambda: _("not reached at this time of day before"))
    return (RETRY_POINTS, lambda: _("not reached before: try another time of day"))


def _call_time(c: Candidate, today: datetime.date, part_of_day: str) -> Because | None:
    """The client's best times to call: now is one of them, or it is not."""
    if not c.call_times:
        return None
    if part_of_day in c.call_times:
        return (CALL_TIME_POINTS, lambda: _("a good time to call"))
    return (-CALL_TIME_POINTS, lambda: _("prefers another time of day"))


# Each reason to call now (or not yet); on equal points, this order decides which is said first.
REASONS: tuple[Callable[[Candidate, datetime.date, str], Because | None], ...] = (
    _callback,
    _urgency,
    _support,
    _since_reached,
    _follow_up,
    _deadline,
    _check_in,
    _retry,
    _call_time,
)


def priority(candidate: Candidate, *, now: datetime.datetime, part_of_day: str) -> Priority:
    """Points for each reason to call now, biggest first."""
    today = now.date()
    points = [
        because
        for reason in REASONS
        if (because := reason(candidate, today, part_of_day)) is not None
    ]
    points.sort(key=lambda item: -abs(item[0]))
    return Priority(candidate.client_id, score=sum(p for p, _say in points), because=tuple(points))


def call_order(
    candidates: list[Candidate], *, now: datetime.datetime, part_of_day: str
) -> list[Priority]:
    """Pinned clients first (in pin order), then by score; ties by client number."""
    ranked = [(c.pinned, priority(c, now=now, part_of_day=part_of_day)) for c in candidates]
    ranked.sort(key=lambda item: (not item[0], -item[1].score, item[1].client_id))
    return [p for _pinned, p in ranked]
