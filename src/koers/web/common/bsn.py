"""Koers never stores a BSN: text that holds a number passing the 11-proef is refused."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What people (or a pasted document) put between the digits of a number: spaces of any kind,
# dots, slashes, dashes (also the typographic ones), underscores and zero-width characters
# (U+200B..U+200D, U+2060, U+FEFF), which hide a BSN from a plain search for nine digits.
_SEPARATOR = r"[\s./_\-\u2010-\u2015\u2212\u200b-\u200d\u2060\ufeff]"
# Digits joined by at most three separators at a time: 123 456 782, 1234.56.782, 1\u200b23...
_RUN = re.compile(rf"(?<![0-9])[0-9](?:{_SEPARATOR}{{0,3}}[0-9])*")
_NOT_DIGIT = re.compile(r"[^0-9]")


def _candidates(text: str) -> list[str]:
    """Each number of exactly nine digits in ``text``, whatever is written between them.

    A run of digits and separators counts as a whole, so that a phone number (ten digits,
    or +31 and nine) is never cut into a nine-digit part that happens to pass the 11-proef.
    """
    runs = (_NOT_DIGIT.sub("", run) for run in _RUN.findall(text))
    return [digits for digits in runs if len(digits) == 9]


def passes_elfproef(digits: str) -> bool:
    """The BSN 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (and not 0)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    return total % 11 == 0 and int(digits) != 0


def contains_bsn(text: str) -> bool:
    return any(passes_elfproef(digits) for digits in _candidates(text))


def refuse_bsn(value: object) -> None:
    """Validator for free-text and number fields."""
    if isinstance(value, str) and contains_bsn(value):
        raise ValidationError(
            _("This looks like a citizen service number (BSN). Koers does not store a BSN."),
            code="bsn",
        )


def refuse_bsn_in(values: Mapping[str, object]) -> None:
    """``refuse_bsn`` on each value; the error names the field it was found in."""
    for name, value in values.items():
        try:
            refuse_bsn(value)
        except ValidationError as error:
            raise ValidationError({name: error.messages}) from None


def bsn_message() -> str:
    """The message ``refuse_bsn`` gives, in the active language."""
    try:
        refuse_bsn("111222333")
    except ValidationError as error:
        return str(error.messages[0])
    raise AssertionError("111222333 passes the 11-proef")
