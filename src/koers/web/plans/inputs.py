"""What ``update_plan`` takes: the plan's own texts and the reflection answers, typed for mypy
and checked at run time (``common.inputs.refuse_unknown``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict, cast

from koers.web.common.inputs import refuse_unknown


class PlanValues(TypedDict, total=False):
    standing: str
    # The explorer's question keys to the chosen options, and "own_words" to a text.
    reflection: Mapping[str, Sequence[str] | str]
    client_notes: str
    coach_notes: str


PLAN_FIELDS = PlanValues.__optional_keys__


def as_plan_values(values: Mapping[str, Any]) -> PlanValues:
    """A row from a form as ``PlanValues``: the keys checked, so that the cast holds."""
    refuse_unknown(values, PLAN_FIELDS)
    return cast(PlanValues, dict(values))
