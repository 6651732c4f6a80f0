"""Routes, not a list: how big a step each transition is, and the two guards of a first answer.

A **small** step asks little that is new (most of the target's essential skills are already
known, :mod:`koers.transitions.known`), a **big** step is feasible with training, a **far**
step is not a realistic next step and is hidden unless asked for. The thresholds are the
essential-skill coverage of the top 20 of every origin, derived in
``evaluation/evaluate_crisis.py --thresholds`` and documented in docs/transitions-method.md.

The guards (on request; the CLI asks for them by default):

* **own core**: never a target whose essential gap holds a skill of the origin's own trade,
  outside that trade ("learn hairdressing" for a hairdresser who would teach it). A skill is
  the trade's core when at least half of the occupations that use it are in the origin's
  ISCO-08 unit group.
* **step down**: never a lesser job in the same trade as a first answer ("kappershulp" for a
  kapper): a target in the same ISCO minor group, or at a lower ISCO skill level, that asks at
  most one essential skill the person lacks and fewer essential skills than the origin has.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

Step = Literal["small", "big", "far"]
STEPS: tuple[Step, ...] = ("small", "big", "far")
ROUTE_STEPS: frozenset[str] = frozenset({"small", "big"})
"""The steps shown as routes by default; far steps only when asked for."""

# The median essential coverage of the top 20 targets within the origin's own ISCO unit
# group (a typical move inside one's own trade), and their first quartile: 0.560 and 0.256,
# with what counts as known as in koers.transitions.known (0.538 and 0.235 by exact match).
SMALL_STEP_COVERAGE = 0.56
BIG_STEP_COVERAGE = 0.26
TRADE_SHARE = 0.5
"""A skill is core to a trade when at least this share of the occupations using it are in it."""
STEP_DOWN_MISSING = 1
"""A step down asks at most this many essential skills that the person lacks."""

# ISCO-08 skill levels by major group (ILO, ISCO-08 vol. 1, table 1); 0 (armed forces): none.
_SKILL_LEVEL = np.array([-1, 4, 4, 3, 2, 2, 2, 2, 2, 1], dtype=np.int32)

Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float32]


def step_of(coverage: float) -> Step:
    """The step of a transition from the share of the target's essential skills known."""
    if coverage >= SMALL_STEP_COVERAGE:
        return "small"
    if coverage >= BIG_STEP_COVERAGE:
        return "big"
    return "far"


def step_ranks(coverage: Floats) -> npt.NDArray[np.int32]:
    """0 small, 1 big, 2 far, for every target (the index into :data:`STEPS`)."""
    # In float64, as step_of compares, so that a list and one explained step always agree.
    share = coverage.astype(np.float64)
    ranks = np.full(coverage.shape, 2, dtype=np.int32)
    ranks[share >= BIG_STEP_COVERAGE] = 1
    ranks[share >= SMALL_STEP_COVERAGE] = 0
    return ranks


def skill_levels(isco: npt.NDArray[np.int32]) -> npt.NDArray[np.int32]:
    """The ISCO-08 skill level (1 to 4) of every occupation, -1 when unknown."""
    major = isco[:, 0]
    return np.where(major >= 0, _SKILL_LEVEL[np.clip(major, 0, 9)], -1).astype(np.int32)


def core_skills(uses: Bools, isco: npt.NDArray[np.int32], origin: int) -> Bools:
    """The skills of the origin's trade: at least half their users are in its ISCO unit group.

    ``uses`` is the occupations x skills matrix of essential or optional use (dense rows are
    not needed: any array-like with ``sum(axis=0)``).
    """
    code = isco[origin, 3]
    if code < 0:
        return np.zeros(uses.shape[1], dtype=bool)
    in_trade = np.asarray(uses[isco[:, 3] == code].sum(axis=0)).ravel()
    users = np.asarray(uses.sum(axis=0)).ravel()
    core: Bools = (in_trade > 0) & (in_trade >= TRADE_SHARE * np.maximum(users, 1))
    return core


def steps_down(
    isco: npt.NDArray[np.int32],
    levels: npt.NDArray[np.int32],
    missing: Floats,
    essential_total: Floats,
    origin: int,
) -> Bools:
    """Targets that are a lesser job in the origin's own trade (see the module docstring)."""
    same_minor = (isco[:, 2] == isco[origin, 2]) & (isco[origin, 2] >= 0)
    lower = (levels >= 0) & (levels < levels[origin])
    asks_less = (missing <= STEP_DOWN_MISSING) & (essential_total < essential_total[origin])
    down: Bools = (same_minor | lower) & asks_less
    return down
