"""What a person asks: from this occupation (with these skills more or less), where to?"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TransitionQuery:
    """An origin occupation, optionally adjusted with skills the person has or lacks.

    Parameters
    ----------
    origin : str
        ESCO occupation URI.
    have : tuple of str
        ESCO skill URIs the person has besides the occupation's own.
    lack : tuple of str
        ESCO skill URIs of the occupation that the person does not have.
    """

    origin: str
    have: tuple[str, ...] = ()
    lack: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TransitionFilters:
    """Filters on the ranked list; all off by default."""

    vital_only: bool = False
    exclude_own_isco: bool = False
    max_missing: int | None = None
    min_coverage: float | None = None
