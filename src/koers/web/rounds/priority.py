"""The order of a calling round: who to call first, and why (documented in docs/calling-round.md).

Pure functions over plain data, so that the order can be read, tested and explained.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.web.clients.choices import DEADLINE_DAYS, Urgency

URGENCY_POINTS = {"high": 40, "medium": 20, "low": 0}
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


@dataclass(frozen=True, slots=True)
class Priority:
    client_id: int
    score: float
    reasons: list[str] = field(default_factory=list)


def priority(candidate: Candidate, *, now: datetime.datetime, part_of_day: str) -> Priority:
    """Points for each reason to call now; the reasons in words, biggest first."""
    today = now.date()
    points: list[tuple[float, str]] = []
    if candidate.callback_at is not None and candidate.callback_at.date() <= today:
        points.append(
            (
                CALLBACK_POINTS,
                _("call-back agreed for %(time)s")
                % {"time": candidate.callback_at.strftime("%d-%m %H:%M")},
            )
        )
    urgency = URGENCY_POINTS.get(candidate.urgency, 0)
    if urgency:
        label = Urgency(candidate.urgency).label
        points.append((urgency, _("urgency %(urgency)s") % {"urgency": label}))
    if candidate.support_reasons:
        points.append(
            (
                min(SUPPORT_MAX, SUPPORT_POINTS * candidate.support_reasons),
                ngettext(
                    "%(count)d reason for extra support",
                    "%(count)d reasons for extra support",
                    candidate.support_reasons,
                )
                % {"count": candidate.support_reasons},
            )
        )
    if candidate.last_reached is None:
        points.append((SINCE_CONTACT_MAX_DAYS / 2, _("never reached")))
    else:
        days = (today - candidate.last_reached.date()).days
        if days > 0:
            points.append(
                (
                    min(days, SINCE_CONTACT_MAX_DAYS) / 2,
                    ngettext(
                        "last reached %(days)d day ago", "last reached %(days)d days ago", days
                    )
                    % {"days": days},
                )
            )
    if candidate.follow_up_on is not None and candidate.follow_up_on <= today:
        points.append((FOLLOW_UP_POINTS, _("follow-up due")))
    if (
        candidate.deadline_on is not None
        and today <= candidate.deadline_on <= today + datetime.timedelta(days=DEADLINE_DAYS)
    ):
        date = candidate.deadline_on.strftime("%d-%m")
        points.append(
            (
                DEADLINE_POINTS,
                _("%(what)s on %(date)s") % {"what": candidate.deadline_what, "date": date}
                if candidate.deadline_what
                else _("deadline on %(date)s") % {"date": date},
            )
        )
    if candidate.pause_ended_on is not None:
        points.append((CHECK_IN_POINTS, _("back from a pause: check in")))
    if candidate.failed_parts_since_reached:
        if part_of_day in candidate.failed_parts_since_reached:
            points.append((-SAME_PART_OF_DAY_PENALTY, _("not reached at this time of day before")))
        else:
            points.append((RETRY_POINTS, _("not reached before: try another time of day")))
    if candidate.call_times:
        if part_of_day in candidate.call_times:
            points.append((CALL_TIME_POINTS, _("a good time to call")))
        else:
            points.append((-CALL_TIME_POINTS, _("prefers another time of day")))
    points.sort(key=lambda item: -abs(item[0]))
    return Priority(
        candidate.client_id,
        score=sum(p for p, _reason in points),
        reasons=[reason for p, reason in points if p],
    )


def call_order(
    candidates: list[Candidate], *, now: datetime.datetime, part_of_day: str
) -> list[Priority]:
    """Pinned clients first (in pin order), then by score; ties by client number."""
    ranked = [(c.pinned, priority(c, now=now, part_of_day=part_of_day)) for c in candidates]
    ranked.sort(key=lambda item: (not item[0], -item[1].score, item[1].client_id))
    return [p for _pinned, p in ranked]
