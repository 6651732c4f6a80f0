"""Short codes a person can read out on the phone: a person's result, their occupation and the
choices they made on the next-steps list.

One code per result (issue 18): the list and every step page of that list show the same code,
which opens the list with the same choices. Older codes also named a step (a target); they
still open it.

Nothing is stored: the code *is* the data. Seven characters from an alphabet without
look-alikes (no 0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V), the last one a check character, so a misheard
code is refused instead of opening someone else's page. Codes index the occupations of the
knowledge base in URI order; after an ESCO update an old code may point elsewhere.

**What the person can also do** (the explorer's "Wat kun je nog meer?", issue 18) does not
fit in seven characters: the place codes fill 67 million of the 148 million values and the
reflection codes the 77 million at the top. A result with ticked things therefore has a
*long* code of nine characters, read out in three groups of three (``ACD-EFG-HJK``): the
occupation, the four choices of the list and a bit per ticked thing (the ``bit`` of each
thing in ``koers.taxonomy.everyday_skills``), under the same alphabet and check character
(which still catches every single wrong character and every swap of two neighbours). A
result without ticks keeps its seven characters, and every code made before stays valid.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.taxonomy.everyday_skills import BITS, shipped

# 23 characters: a prime, so that the check character catches every single wrong one.
ALPHABET = "ACDEFGHJKMNPRTUWXY34679"
LENGTH = 7
LONG_LENGTH = 9
"""A code with what the person can also do: eight characters, then the check character."""
_BASE = len(ALPHABET)
_NONE = 4095  # "no target": an index no occupation has (3,007 occupations, 12 bits)
# Target values from here to _NONE mean "no target" too, with two more choices in
# ``_NONE - value``: 1 also secondary work, 2 the far steps. Occupations stay below it.
_CHOICES = 4092
# How many numbers a code can stand for: six characters before the check character.
VALUES = _BASE ** (LENGTH - 1)


# Place values stay below this (origin < 4095, then 12 bits of target and 2 of flags), so
# place codes start with A to N.
PLACE_VALUES = _NONE << 14
# Reflection codes (``reflection_code``) take the values from here up: 11 * 23**5, the first
# whose code starts with P, so that the first character alone tells the two kinds apart.
REFLECTION_VALUES = 11 * _BASE ** (LENGTH - 2)
# A long code: the ticked things' bits above 12 bits of origin and 4 of choices, 36 bits in all,
# below 23**8 (about 2**36.2).
_LONG_VALUES = 1 << (BITS + 16)


class InvalidCodeError(ValueError):
    """Not a code Koers made (a typo, or a misheard character); ``reason`` says what is wrong:
    ``length``, ``character`` (one that never occurs in a code), ``check`` (the check character
    does not match: misheard or mistyped) or ``kind`` (a code of another kind)."""

    def __init__(self, code: str, reason: str = "check") -> None:
        super().__init__(code)
        self.code = code
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Place:
    """What a code points at: indexes into the occupations, and the next-steps filters.

    ``vital_only`` opens the filter "werk dat op de lijst stond", which since issue 18 keeps
    crucial work only (it kept crucial and secondary work before); old codes still open the
    same list with that filter. ``small_steps`` shows the small steps only (the routes' own
    ``small`` step; it meant at most five essential skills to learn before). ``helps`` adds
    secondary work ("ook werk dat mensen helpt"), ``far`` the far steps; ``can`` holds the keys
    of the everyday things the person can also do (``koers.taxonomy.everyday_skills``), in the
    order of that list. Only a code without a target carries these three."""

    origin: int
    target: int | None = None
    vital_only: bool = False
    small_steps: bool = False
    helps: bool = False
    far: bool = False
    can: tuple[str, ...] = ()


def encode(place: Place) -> str:
    """The short code of a place in the explorer: nine characters when ``can`` holds a tick,
    else seven."""
    if place.can:
        return _encode_long(place)
    if place.target is None:
        target = _NONE - (place.helps | place.far << 1)
    elif place.helps or place.far:
        raise ValueError("a code with a target carries no helps or far choice")
    else:
        target = place.target
    if not (0 <= place.origin < _CHOICES and 0 <= target <= _NONE):
        raise ValueError("occupation index out of range for a short code")
    value = (((place.origin << 12) | target) << 2) | (place.vital_only << 1) | place.small_steps
    return write(value)


def decode(code: str) -> Place:
    """The place a code points at; :class:`InvalidCodeError` if it is not a code Koers made."""
    if is_long(code):
        return _decode_long(code, read(code, length=LONG_LENGTH))
    value = read(code)
    if value >= PLACE_VALUES:
        raise InvalidCodeError(code, "kind" if value >= REFLECTION_VALUES else "check")
    flags, value = value & 3, value >> 2
    target, origin = value & 4095, value >> 12
    if target == origin or origin >= _CHOICES:
        raise InvalidCodeError(code)
    vital_only, small_steps = bool(flags & 2), bool(flags & 1)
    if target < _CHOICES:
        return Place(origin, target, vital_only, small_steps)
    choices = _NONE - target
    return Place(origin, None, vital_only, small_steps, bool(choices & 1), bool(choices & 2))


def _encode_long(place: Place) -> str:
    if place.target is not None:
        raise ValueError("a code with a target carries no ticked things")
    if not 0 <= place.origin < _CHOICES:
        raise ValueError("occupation index out of range for a short code")
    things = shipped()
    bits = 0
    for key in place.can:
        thing = things.get(key)
        if thing is None:
            raise ValueError(f"no everyday skill with the key {key!r}")
        bits |= 1 << thing.bit
    flags = place.vital_only << 3 | place.small_steps << 2 | place.helps << 1 | place.far
    return write((bits << 16) | (place.origin << 4) | flags, length=LONG_LENGTH)


def _decode_long(code: str, value: int) -> Place:
    bits, origin, flags = value >> 16, (value >> 4) & 4095, value & 15
    things = shipped()
    ticked = [things.by_bit(bit) for bit in range(BITS) if bits >> bit & 1]
    # No tick (a long code always has one), a bit no thing has, or an index past the
    # occupations: not a code this Koers made.
    if value >= _LONG_VALUES or not ticked or None in ticked or origin >= _CHOICES:
        raise InvalidCodeError(code)
    return Place(
        origin,
        vital_only=bool(flags & 8),
        small_steps=bool(flags & 4),
        helps=bool(flags & 2),
        far=bool(flags & 1),
        can=things.chosen(thing.key for thing in ticked if thing is not None),
    )


def spoken(code: str) -> str:
    """A code as it is shown, read out and written down: a long one in three groups of three
    (``ACD-EFG-HJK``); a short one as it is."""
    if len(code) == LONG_LENGTH:
        return f"{code[:3]}-{code[3:6]}-{code[6:]}"
    return code


def write(value: int, *, length: int = LENGTH) -> str:
    """A number as a code of ``length`` characters, the last one the check character."""
    if not 0 <= value < _BASE ** (length - 1):
        raise ValueError("value out of range for a short code")
    digits = []
    for _ in range(length - 1):
        value, digit = divmod(value, _BASE)
        digits.append(ALPHABET[digit])
    body = "".join(reversed(digits))
    return body + _check(body)


def read(code: str, *, length: int = LENGTH) -> int:
    """The number a code of ``length`` characters stands for, whatever its kind;
    :class:`InvalidCodeError` for a typo or a misheard character. Spaces, dashes and lower case
    are allowed."""
    cleaned = _cleaned(code)
    if any(c not in ALPHABET for c in cleaned):
        raise InvalidCodeError(code, "character")
    if len(cleaned) != length:
        raise InvalidCodeError(code, "length")
    body, check = cleaned[:-1], cleaned[-1]
    if _check(body) != check:
        raise InvalidCodeError(code, "check")
    value = 0
    for character in body:
        value = value * _BASE + ALPHABET.index(character)
    return value


def is_long(code: str) -> bool:
    """Whether ``code`` has the length of a long code (whatever else is wrong with it)."""
    return len(_cleaned(code)) == LONG_LENGTH


def _cleaned(code: str) -> str:
    return code.strip().upper().replace(" ", "").replace("-", "")


def _check(body: str) -> str:
    """A weighted sum modulo a prime: catches any single wrong character and any swap of
    two neighbours."""
    total = sum((i + 1) * ALPHABET.index(c) for i, c in enumerate(body))
    return ALPHABET[total % _BASE]
