"""Koers never stores a BSN: text that holds a number passing the 11-proef is refused."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Nine digits, optionally written in groups (123 456 789, 1234.56.789).
_CANDIDATE = re.compile(r"(?<!\d)(\d[\d .-]{7,12}\d)(?!\d)")


def passes_elfproef(digits: str) -> bool:
    """The BSN 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (and not 0)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    return total % 11 == 0 and int(digits) != 0


def contains_bsn(text: str) -> bool:
    for match in _CANDIDATE.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if passes_elfproef(digits):
            return True
    return False


def refuse_bsn(value: object) -> None:
    """Validator for free-text and number fields."""
    if isinstance(value, str) and contains_bsn(value):
        raise ValidationError(
            _("This looks like a citizen service number (BSN). Koers does not store a BSN."),
            code="bsn",
        )
