"""What a person asks: from this occupation (and others held before, with these skills more or
less), where to?"""

from __future__ import annotations

from dataclasses import dataclass


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
    """Filters on the ranked list; all off by default."""

    vital_only: bool = False
    exclude_own_isco: bool = False
    max_missing: int | None = None
    min_coverage: float | None = None
