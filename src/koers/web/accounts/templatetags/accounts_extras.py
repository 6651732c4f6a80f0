"""Template filters for the accounts pages."""

from __future__ import annotations

import datetime
import math

from django import template

register = template.Library()


@register.filter
def minutes(value: datetime.timedelta | None) -> int:
    """A waiting time in whole minutes, rounded up (0 when there is none)."""
    if value is None:
        return 0
    return math.ceil(value.total_seconds() / 60)
