"""Reflection codes: the ticked boxes of the reflection exercises in a code for the coach.

The answers stay in the person's browser (``reflection``); to bring them to a coach, the
person reads out or writes down this code, and the coach types it into the plan. Nothing is
stored: the code *is* the answers, as a place code is a page (``short_code``).

Why it looks like a place code: the same seven characters (read out as three and four, like
``PRT-4679``), the same alphabet without look-alikes and the same check character, so a
misheard character or two swapped neighbours are refused, and a person needs to learn only one
kind of code. Why it cannot be taken for one: a place code stands for a number below
``PLACE_VALUES`` and so starts with one of A C D E F G H J K M N; a reflection code stands for
``REFLECTION_VALUES`` plus its bits and so starts with one of P R T U W X Y 3 4 6 7 9. Each kind
refuses the other (reason ``kind``), and the coach is told which code to ask for. Rather than
a first letter saying the kind (five characters left: 23**5 is less than 2**23, too few bits to
grow) or an eighth character (one more to mishear and to write down), the unused values above
the place codes.

Own words cannot travel in a code: the coach asks about them.

Every option has a fixed bit (``POSITIONS``), written out rather than counted from the
questions, so that a code keeps its meaning when options are added or reordered: a new option
takes the next free bit (21 to 25 are free). A code with a bit that no option has is refused.
"""

from __future__ import annotations

from collections.abc import Mapping

from koers.web.explorer.reflection import QUESTIONS
from koers.web.explorer.short_code import (
    LONG_LENGTH,
    PLACE_VALUES,
    REFLECTION_VALUES,
    InvalidCodeError,
    is_long,
    read,
    write,
)

# The bits that fit between REFLECTION_VALUES and the last code: 12 * 23**5 values, more than 2**26.
BITS = 26

# (question, option) → its bit. Never change or reuse a position: add new options at the end.
POSITIONS: dict[tuple[str, str], int] = {
    ("gives", "place"): 0,
    ("gives", "security"): 1,
    ("gives", "people"): 2,
    ("gives", "helping"): 3,
    ("gives", "making"): 4,
    ("gives", "structure"): 5,
    ("gives", "pride"): 6,
    ("leave", "colleagues"): 7,
    ("leave", "craft"): 8,
    ("leave", "customers"): 9,
    ("leave", "certainty"): 10,
    ("gain", "new"): 11,
    ("gain", "work"): 12,
    ("gain", "meaning"): 13,
    ("gain", "hours"): 14,
    ("worries", "money"): 15,
    ("worries", "age"): 16,
    ("worries", "learning"): 17,
    ("worries", "others"): 18,
    ("worries", "health"): 19,
    ("worries", "family"): 20,
}
_KNOWN = sum(1 << bit for bit in POSITIONS.values())


def encode(answers: Mapping[str, list[str] | str]) -> str:
    """The code of the ticked boxes in ``answers`` (own words and unknown options left out)."""
    bits = 0
    for question in QUESTIONS:
        chosen = answers.get(question, [])
        for option in chosen if isinstance(chosen, list) else []:
            bit = POSITIONS.get((question, option))
            if bit is not None:
                bits |= 1 << bit
    return write(REFLECTION_VALUES + bits)


def decode(code: str) -> dict[str, list[str]]:
    """The ticked boxes per question (in the order of the questions' options; unanswered
    questions left out); :class:`InvalidCodeError` if it is not a reflection code."""
    if is_long(code):
        # The long code of a result (what the person can also do), unless misheard.
        read(code, length=LONG_LENGTH)
        raise InvalidCodeError(code, "kind")
    value = read(code)
    if value < REFLECTION_VALUES:
        # Below the place values: a place code; in between: no code at all.
        raise InvalidCodeError(code, "kind" if value < PLACE_VALUES else "check")
    bits = value - REFLECTION_VALUES
    if bits & ~_KNOWN:
        # A bit no option has: not a code this Koers made.
        raise InvalidCodeError(code, "check")
    answers: dict[str, list[str]] = {}
    for question, (_label, options) in QUESTIONS.items():
        chosen = [o for o in options if bits >> POSITIONS[question, o] & 1]
        if chosen:
            answers[question] = chosen
    return answers


def spoken(code: str) -> str:
    """The code as it is read out and written down: three characters, a dash, four."""
    return f"{code[:3]}-{code[3:]}"


def code_for(answers: Mapping[str, list[str] | str]) -> str | None:
    """The code to show under the answers, as it is read out; None when no box is ticked."""
    if not any(answers.get(question) for question in QUESTIONS):
        return None
    return spoken(encode(answers))


def is_code(typed: str) -> bool:
    """Whether ``typed`` is a reflection code (for a page that expects another kind)."""
    try:
        decode(typed)
    except InvalidCodeError:
        return False
    return True
