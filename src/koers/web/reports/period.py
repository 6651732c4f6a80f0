"""The period a report covers: one calendar month (2026-11) or one quarter (2026-Q4)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])")


class PeriodError(ValueError):
    """A period that is not a month (2026-11) or a quarter (2026-Q4)."""


@dataclass(frozen=True, slots=True)
class Period:
    """From ``starts`` up to (not including) ``ends``, both first days of a month."""

    kind: Literal["month", "quarter"]
    starts: datetime.date
    ends: datetime.date

    @property
    def code(self) -> str:
        """How the period is written in a URL or on the command line: 2026-11, 2026-Q4."""
        if self.kind == "month":
            return f"{self.starts:%Y-%m}"
        return f"{self.starts.year}-Q{(self.starts.month - 1) // 3 + 1}"

    @property
    def last_day(self) -> datetime.date:
        return self.ends - datetime.timedelta(days=1)

    @property
    def start_moment(self) -> datetime.datetime:
        """Midnight at the start, local time (contacts and changes are stored as moments)."""
        return midnight(self.starts)

    @property
    def end_moment(self) -> datetime.datetime:
        return midnight(self.ends)

    def parts(self) -> list[tuple[datetime.date, datetime.date]]:
        """The weeks of a month (from Monday; the first may start before the month) or the
        months of a quarter, each as (first day, the day after the last)."""
        if self.kind == "quarter":
            return [
                (
                    _month_after(self.starts.year, self.starts.month, i),
                    _month_after(self.starts.year, self.starts.month, i + 1),
                )
                for i in range(3)
            ]
        monday = self.starts - datetime.timedelta(days=self.starts.weekday())
        weeks = []
        while monday < self.ends:
            weeks.append((monday, monday + datetime.timedelta(days=7)))
            monday += datetime.timedelta(days=7)
        return weeks

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "kind": self.kind,
            "starts": self.starts.isoformat(),
            "ends": self.last_day.isoformat(),
        }


def midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _month_after(year: int, month: int, months: int) -> datetime.date:
    index = year * 12 + month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def parse_period(text: str) -> Period:
    """``2026-11`` for a month, ``2026-Q4`` for a quarter; else PeriodError saying so."""
    value = text.strip()
    if match := _MONTH.fullmatch(value):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError(
                _("%(value)s: there is no month %(month)s; use 01 to 12.")
                % {"value": value, "month": month}
            )
        kind: Literal["month", "quarter"] = "month"
        length = 1
    elif match := _QUARTER.fullmatch(value):
        year, month = int(match[1]), (int(match[2]) - 1) * 3 + 1
        kind, length = "quarter", 3
    else:
        raise PeriodError(
            _("%(value)s is not a period: give a month as 2026-11 or a quarter as 2026-Q4.")
            % {"value": value}
        )
    if not 2000 <= year <= 2999:
        raise PeriodError(
            _("%(value)s: the year must be between 2000 and 2999.") % {"value": value}
        )
    starts = datetime.date(year, month, 1)
    return Period(kind, starts, _month_after(year, month, length))


def last_month(today: datetime.date) -> Period:
    """The month before ``today``'s: what a monthly report is usually about."""
    return parse_period(f"{_month_after(today.year, today.month, -1):%Y-%m}")
