"""The explorer's promise: a coach calls back within KOERS_CALLBACK_WORKING_DAYS working days.

Working days are Monday to Friday; public holidays are not left out (a coach who is off
that day sees the request as due, which errs on the side of the person waiting).
"""

from __future__ import annotations

import datetime

from django.conf import settings


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5


def promised_by(received: datetime.date, *, working_days: int | None = None) -> datetime.date:
    """The last day of the promise: the N-th working day after the day the request came in."""
    left = settings.KOERS_CALLBACK_WORKING_DAYS if working_days is None else working_days
    day = received
    while left > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def _working_days_after(start: datetime.date, end: datetime.date) -> int:
    """How many working days lie after ``start``, up to and including ``end``."""
    days = (end - start).days
    return sum(is_working_day(start + datetime.timedelta(days=n)) for n in range(1, days + 1))


def working_days_left(deadline: datetime.date, *, today: datetime.date) -> int:
    """Working days after today up to and including the deadline (0: today is the last
    day); when late, minus the working days since the deadline."""
    if today <= deadline:
        return _working_days_after(today, deadline)
    return -_working_days_after(deadline, today)
