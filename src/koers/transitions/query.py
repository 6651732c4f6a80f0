"""What a person asks: from this occupation (and others held before, with these skills more or
less), where to?"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from koers.transitions.steps import ROUTE_STEPS, STEPS


@dataclass(frozen=True, slots=True)
class TransitionQuery:
    """An origin occupation, optionally adjusted with skills the person has or lacks: the
    question of one person, not only of one occupation.

    Parameters
    ----------
    origin : str
        ESCO occupation URI: the occupation the person comes from (or held last).
    have : tuple of str
        ESCO skill URIs the person has besides the occupations' own (from unpaid, informal or
        volunteer work, hobbies, courses).
    lack : tuple of str
        ESCO skill URIs of the occupations that the person does not have.
    also_held : tuple of str
        ESCO occupation URIs the person held before: their skills count as the origin's do, and
        they are never suggested as a next step.
    """

    origin: str
    have: tuple[str, ...] = ()
    lack: tuple[str, ...] = ()
    also_held: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TransitionFilters:
    """Filters on the ranked list; all off by default (every target, best score first).

    ``crucial_only`` keeps the work on the March 2020 list (class crucial); ``vital_only``
    keeps crucial and secondary work.

    ``steps`` keeps only these steps (``small``, ``big``, ``far``; ``None``: all).
    ``guard_core`` leaves out targets whose essential gap holds the origin's own trade's core
    skills; ``guard_step_down`` leaves out steps down within the own trade.
    ``route_order`` orders routes: small steps before big before far, then work that goes on
    before closed work, then the score. :meth:`routes` turns all of these on.
    """

    vital_only: bool = False
    crucial_only: bool = False
    exclude_own_isco: bool = False
    max_missing: int | None = None
    min_coverage: float | None = None
    steps: frozenset[str] | None = None
    guard_core: bool = False
    guard_step_down: bool = False
    route_order: bool = False

    def __post_init__(self) -> None:
        unknown = sorted(set(self.steps or ()) - set(STEPS))
        if unknown:
            raise ValueError(f"unknown step(s): {', '.join(unknown)} (expected small, big, far)")

    @classmethod
    def routes(
        cls,
        steps: Iterable[str] = ROUTE_STEPS,
        *,
        step_down: bool = False,
        vital_only: bool = False,
    ) -> TransitionFilters:
        """Routes as people are shown them: small and big steps (far ones only when asked
        for), both guards (steps down only when ``step_down``), in route order."""
        return cls(
            vital_only=vital_only,
            steps=frozenset(steps),
            guard_core=True,
            guard_step_down=not step_down,
            route_order=True,
        )
