"""The order of a calling round: who to call first, and why (documented in docs/calling-round.md).

Pure functions over plain data, so that the order can be read, tested and explained.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

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


def priority(candidate: Candidate, *, now: datetime.datetime, part_of_day: str) -> Priority:
    """Points for each reason to call now, biggest first."""
    today = now.date()
    c = candidate
    points: list[Because] = []
    if c.callback_at is not None and c.callback_at.date() <= today:
        callback_at = c.callback_at
        points.append(
            (
                CALLBACK_POINTS,
                lambda: (
                    _("call-back agreed for %(time)s")
                    % {"time": callback_at.strftime("%d-%m %H:%M")}
                ),
            )
        )
    urgency = URGENCY_POINTS.get(c.urgency, 0)
    if urgency:
        points.append(
            (urgency, lambda: _("urgency %(urgency)s") % {"urgency": Urgency(c.urgency).label})
        )
    if c.support_reasons:
        points.append(
            (
                min(SUPPORT_MAX, SUPPORT_POINTS * c.support_reasons),
                lambda: (
                    ngettext(
                        "%(count)d reason for extra support",
                        "%(count)d reasons for extra support",
                        c.support_reasons,
                    )
                    % {"count": c.support_reasons}
                ),
            )
        )
    if c.last_reached is None:
        points.append((SINCE_CONTACT_MAX_DAYS / 2, lambda: _("never reached")))
    else:
        days = (today - c.last_reached.date()).days
        if days > 0:
            points.append(
                (
                    min(days, SINCE_CONTACT_MAX_DAYS) / 2,
                    lambda: (
                        ngettext(
                            "last reached %(days)d day ago", "last reached %(days)d days ago", days
                        )
                        % {"days": days}
                    ),
                )
            )
    if c.follow_up_on is not None and c.follow_up_on <= today:
        points.append((FOLLOW_UP_POINTS, lambda: _("follow-up due")))
    if c.deadline_on is not None and (
        today <= c.deadline_on <= today + datetime.timedelta(days=DEADLINE_DAYS)
    ):
        date = c.deadline_on.strftime("%d-%m")
        points.append(
            (
                DEADLINE_POINTS,
                lambda: (
                    _("%(what)s on %(date)s") % {"what": c.deadline_what, "date": date}
                    if c.deadline_what
                    else _("deadline on %(date)s") % {"date": date}
                ),
            )
        )
    if c.pause_ended_on is not None:
        points.append((CHECK_IN_POINTS, lambda: _("back from a pause: check in")))
    if c.failed_parts_since_reached:
        if part_of_day in c.failed_parts_since_reached:
            points.append(
                (-SAME_PART_OF_DAY_PENALTY, lambda: _("not reached at this time of day before"))
            )
        else:
            points.append((RETRY_POINTS, lambda: _("not reached before: try another time of day")))
    if c.call_times:
        if part_of_day in c.call_times:
            points.append((CALL_TIME_POINTS, lambda: _("a good time to call")))
        else:
            points.append((-CALL_TIME_POINTS, lambda: _("prefers another time of day")))
    points.sort(key=lambda item: -abs(item[0]))
    return Priority(c.client_id, score=sum(p for p, _say in points), because=tuple(points))


def call_order(
    candidates: list[Candidate], *, now: datetime.datetime, part_of_day: str
) -> list[Priority]:
    """Pinned clients first (in pin order), then by score; ties by client number."""
    ranked = [(c.pinned, priority(c, now=now, part_of_day=part_of_day)) for c in candidates]
    ranked.sort(key=lambda item: (not item[0], -item[1].score, item[1].client_id))
    return [p for _pinned, p in ranked]
