"""Short codes a person can read out on the phone: an occupation, a target and the filters.

Nothing is stored: the code *is* the data. Seven characters from an alphabet without
look-alikes (no 0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V), the last one a check character, so a misheard
code is refused instead of opening someone else's page. Codes index the occupations of the
knowledge base in URI order; after an ESCO update an old code may point elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

# 23 characters: a prime, so that the check character catches every single wrong one.
ALPHABET = "ACDEFGHJKMNPRTUWXY34679"
LENGTH = 7
_BASE = len(ALPHABET)
_NONE = 4095  # "no target": an index no occupation has (3,007 occupations, 12 bits)


class InvalidCodeError(ValueError):
    """Not a code Koers made (a typo, or a misheard character)."""


@dataclass(frozen=True, slots=True)
class Place:
    """What a code points at: indexes into the occupations, and the next-steps filters."""

    origin: int
    target: int | None = None
    vital_only: bool = False
    small_steps: bool = False


def encode(place: Place) -> str:
    """The short code of a place in the explorer."""
    target = _NONE if place.target is None else place.target
    if not (0 <= place.origin < _NONE and 0 <= target <= _NONE):
        raise ValueError("occupation index out of range for a short code")
    value = (((place.origin << 12) | target) << 2) | (place.vital_only << 1) | place.small_steps
    digits = []
    for _ in range(LENGTH - 1):
        value, digit = divmod(value, _BASE)
        digits.append(ALPHABET[digit])
    body = "".join(reversed(digits))
    return body + _check(body)


def decode(code: str) -> Place:
    """The place a code points at; :class:`InvalidCodeError` if it is not a code Koers made."""
    cleaned = code.strip().upper().replace(" ", "").replace("-", "")
    if len(cleaned) != LENGTH or any(c not in ALPHABET for c in cleaned):
        raise InvalidCodeError(code)
    body, check = cleaned[:-1], cleaned[-1]
    if _check(body) != check:
        raise InvalidCodeError(code)
    value = 0
    for character in body:
        value = value * _BASE + ALPHABET.index(character)
    flags, value = value & 3, value >> 2
    target, origin = value & 4095, value >> 12
    if target == origin:
        raise InvalidCodeError(code)
    return Place(origin, None if target == _NONE else target, bool(flags & 2), bool(flags & 1))


def _check(body: str) -> str:
    """A weighted sum modulo a prime: catches any single wrong character and any swap of
    two neighbours."""
    total = sum((i + 1) * ALPHABET.index(c) for i, c in enumerate(body))
    return ALPHABET[total % _BASE]
