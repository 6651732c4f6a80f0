"""Evaluate next steps in a crisis: do people whose work closed in March 2020 get routes to
work that went on?

Origins: every ESCO occupation whose work was shut down (``data/closed_work.toml``; vital
work always went on). For each origin, the top ``--limit`` (20) of two rankings:

* ``before``: the plain ranking (best score first, every step, no guards), as Koers showed it
  before routes (``koers transitions --plain``);
* ``after``: the routes (``koers transitions``): small and big steps only, no target that asks
  the own trade's core, no step down in the own trade, small before big and work that went on
  before closed work.

Both are classified with the same step thresholds. Reported per ranking: how many feasible
(small or big) steps the top holds, the share of them that lead to work that went on, how
many origins have at least three feasible routes to work that went on, and how many shown
targets ask the own trade's core or are a step down in the own trade.

``--thresholds`` prints where the step thresholds come from: the essential-skill coverage of
the plain top 20 of every origin, within the origin's own ISCO unit group and overall; and
where the kin-skill similarity comes from (``koers.transitions.known``): the label
similarity of every ESCO skill and its broader skills.

Run from the repo root (``KOERS_DATA_DIR`` selects the knowledge base)::

    python evaluation/evaluate_crisis.py [--limit 20] [--without-onet] [--json] [--thresholds]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from evaluation.tables import print_table  # noqa: E402
from koers.taxonomy.closures import ClosedWork  # noqa: E402
from koers.transitions import (  # noqa: E402
    Transition,
    TransitionFilters,
    TransitionQuery,
    TransitionRanker,
)
from koers.transitions.known import broader_links, link_similarities  # noqa: E402

ENOUGH_ROUTES = 3
FEASIBLE = frozenset({"small", "big"})
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)


@dataclass
class Tally:
    """The figures of one ranking over all origins."""

    origins: int = 0
    shown: int = 0
    feasible: int = 0
    feasible_continuing: int = 0
    origins_with_enough: int = 0
    origins_with_none: int = 0
    own_core_shown: int = 0
    steps_down_shown: int = 0
    per_step: dict[str, int] = field(default_factory=lambda: {"small": 0, "big": 0, "far": 0})

    def add(self, transitions: list[Transition], core: set[str], down: set[str]) -> None:
        self.origins += 1
        self.shown += len(transitions)
        continuing = 0
        for t in transitions:
            self.per_step[t.step] += 1
            if t.step in FEASIBLE:
                self.feasible += 1
                continuing += t.continues
            self.own_core_shown += t.uri in core
            self.steps_down_shown += t.uri in down
        self.feasible_continuing += continuing
        self.origins_with_enough += continuing >= ENOUGH_ROUTES
        self.origins_with_none += continuing == 0

    def report(self) -> dict[str, Any]:
        return {
            "origins": self.origins,
            "shown": self.shown,
            "per_step": self.per_step,
            "feasible": self.feasible,
            "share_feasible_continuing": self.feasible_continuing / max(self.feasible, 1),
            "origins_with_3_routes_to_continuing_work": self.origins_with_enough,
            "origins_without_route_to_continuing_work": self.origins_with_none,
            "own_core_shown": self.own_core_shown,
            "steps_down_shown": self.steps_down_shown,
        }


def crisis(ranker: TransitionRanker, closed: ClosedWork, limit: int) -> dict[str, Any]:
    """Before and after figures over every origin whose work closed."""
    taxonomy = ranker.taxonomy_
    origins = [
        o.uri
        for o, v in zip(taxonomy.occupations, ranker.vitality_, strict=True)
        if not closed.continues(o, v)
    ]
    before, after = Tally(), Tally()
    for origin in origins:
        query = TransitionQuery(origin)
        core = ranker.guarded(query, TransitionFilters(guard_core=True))
        down = ranker.guarded(query, TransitionFilters(guard_step_down=True))
        before.add(ranker.rank(query, k=limit), core, down)
        after.add(ranker.rank(query, k=limit, filters=TransitionFilters.routes()), core, down)
    return {"limit": limit, "before": before.report(), "after": after.report()}


def thresholds(ranker: TransitionRanker, limit: int = 20) -> dict[str, Any]:
    """Quantiles of the essential coverage of every origin's plain top ``limit``."""
    isco = ranker.features_.isco
    same: list[float] = []
    other: list[float] = []
    for index, occupation in enumerate(ranker.taxonomy_.occupations):
        for t in ranker.rank(TransitionQuery(occupation.uri), k=limit):
            target = ranker.taxonomy_.occupation_index[t.uri]
            in_trade = isco[index, 3] >= 0 and isco[target, 3] == isco[index, 3]
            (same if in_trade else other).append(t.essential_coverage)

    def quantiles(values: list[float]) -> dict[str, float]:
        found = np.quantile(np.asarray(values), QUANTILES) if values else [0.0] * len(QUANTILES)
        return {
            f"p{round(q * 100)}": round(float(v), 3) for q, v in zip(QUANTILES, found, strict=True)
        }

    links = broader_links(ranker.taxonomy_.skills)
    similarity = link_similarities(links, ranker.features_.skill_vectors)
    return {
        "limit": limit,
        "pairs_in_own_unit_group": len(same),
        "pairs_elsewhere": len(other),
        "coverage_in_own_unit_group": quantiles(same),
        "coverage_elsewhere": quantiles(other),
        "coverage_all": quantiles(same + other),
        "skill_broader_skill_pairs": links.nnz,
        "label_similarity_of_skill_and_broader_skill": quantiles(similarity.tolist()),
    }


def print_report(report: dict[str, Any]) -> None:
    rows = []
    labels = {
        "origins": "origins (work closed in March 2020)",
        "shown": "targets shown",
        "feasible": "feasible steps shown (small + big)",
        "share_feasible_continuing": "share of feasible steps to work that went on",
        "origins_with_3_routes_to_continuing_work": "origins with >= 3 feasible routes to it",
        "origins_without_route_to_continuing_work": "origins without any such route",
        "own_core_shown": "targets shown that ask the own trade's core",
        "steps_down_shown": "targets shown that are a step down in the own trade",
    }
    for key, label in labels.items():
        values = [report[name][key] for name in ("before", "after")]
        rows.append([label, *(f"{v:.3f}" if isinstance(v, float) else str(v) for v in values)])
    for step in ("small", "big", "far"):
        rows.append(
            [
                f"{step} steps shown",
                *(str(report[n]["per_step"][step]) for n in ("before", "after")),
            ]
        )
    print_table(f"Crisis routes, top {report['limit']}", ["figure", "before", "after"], rows)


def main(argv: Sequence[str] | None = None) -> int:
    from koers import knowledge
    from koers.taxonomy import SnapshotError

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=20, help="targets per origin (20)")
    parser.add_argument("--without-onet", action="store_true", help="rank on ESCO alone")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--thresholds", action="store_true", help="where the steps come from")
    args = parser.parse_args(argv)
    if args.limit < 1:
        parser.error("--limit must be >= 1")
    try:
        ranker = knowledge.ranker()
    except SnapshotError as exc:
        raise SystemExit(f"error: {exc}") from exc
    if args.without_onet:
        ranker = ranker.esco_only()
    if args.thresholds:
        report = thresholds(ranker, args.limit)
        print(json.dumps(report, indent=None if args.json else 2))
        return 0
    report = crisis(ranker, ClosedWork.load(), args.limit)
    report["onet"] = ranker.taxonomy_.onet is not None and not args.without_onet
    if args.json:
        print(json.dumps(report))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
