"""What ``update_plan`` takes: the plan's own texts and the reflection answers, typed for mypy
and checked at run time (``common.inputs.refuse_unknown``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypedDict


class PlanValues(TypedDict, total=False):
    standing: str
    # The explorer's question keys to the chosen options, and "own_words" to a text.
    reflection: Mapping[str, Sequence[str] | str]
    client_notes: str
    coach_notes: str


PLAN_FIELDS = PlanValues.__optional_keys__
