"""A demo plan's snapshot, made by :func:`koers.web.plans.snapshot.snapshot_of` from the rows
in memory rather than from the database (four queries a plan, minutes at 100,000 clients)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from koers.web.plans.models import (
    Direction,
    LearningStep,
    Plan,
    PlanAction,
    PlanOccupation,
    PlanSkill,
)
from koers.web.plans.snapshot import snapshot_of


class _Rows:
    """Rows in memory, answering the few queryset calls :func:`snapshot_of` makes on a plan.

    Asking the database instead costs four queries a plan (minutes at 100,000 clients). The
    rows are made in the order those calls ask for (positions, then ids), so ``order_by``
    has nothing to do; a call not listed here fails loudly, and tests compare every demo
    snapshot with the one :func:`snapshot_of` reads from the database.
    """

    def __init__(self, rows: Sequence[object]) -> None:
        self.rows = rows

    def all(self) -> _Rows:
        return self

    def order_by(self, *fields: str) -> _Rows:
        return self

    def prefetch_related(self, *lookups: str) -> _Rows:
        return self

    def __iter__(self) -> Iterator[object]:
        return iter(self.rows)


@dataclass(frozen=True, slots=True)
class _DirectionRows:
    position: int
    kind: str
    occupation_uri: str
    why: str
    learning_steps: _Rows


@dataclass(frozen=True, slots=True)
class _PlanRows:
    """A saved plan and its rows as :func:`snapshot_of` reads them."""

    version: int
    standing: str
    answers: dict[str, Any]
    client_notes: str
    coach_notes: str
    occupations: _Rows
    skills: _Rows
    directions: _Rows
    actions: _Rows


def snapshot_from_rows(
    plan: Plan,
    occupations: Sequence[PlanOccupation],
    skills: Sequence[PlanSkill],
    directions: Sequence[tuple[Direction, Sequence[LearningStep]]],
    actions: Sequence[PlanAction],
) -> dict[str, Any]:
    """The snapshot of a plan just written with these rows, made by plans.snapshot."""
    rows = _PlanRows(
        version=plan.version,
        standing=plan.standing,
        answers=plan.answers,
        client_notes=plan.client_notes,
        coach_notes=plan.coach_notes,
        occupations=_Rows(occupations),
        skills=_Rows(skills),
        directions=_Rows(
            [
                _DirectionRows(d.position, d.kind, d.occupation_uri, d.why, _Rows(steps))
                for d, steps in directions
            ]
        ),
        actions=_Rows(actions),
    )
    return snapshot_of(cast("Plan", rows))
