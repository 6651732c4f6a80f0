"""Which signal adds what: the transition blend against O*NET related occupations.

For the same reference as ``evaluate_transitions.py`` (2,845 origins), prints precision@20
and MRR for the full blend, for each signal alone, and for the blend without each signal;
and the full blend on the two halves of the origins (the weights were tuned on the even
half, so the odd half shows whether they carry over). Runs in-process on the knowledge base
in KOERS_DATA_DIR::

    python evaluation/ablate_transitions.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from evaluation.evaluate_transitions import (  # noqa: E402
    DEPTH,
    Reference,
    load_taxonomy,
    reference_for,
    score_ranker,
)
from koers import config  # noqa: E402
from koers.transitions import DEFAULT_WEIGHTS, TransitionQuery, TransitionRanker  # noqa: E402

K = 20


def configurations() -> dict[str, dict[str, float]]:
    """Named weightings: the blend, each signal alone, the blend without each signal."""
    configs = {"full blend": dict(DEFAULT_WEIGHTS)}
    for name in DEFAULT_WEIGHTS:
        configs[f"only {name}"] = {name: 1.0}
    for name in DEFAULT_WEIGHTS:
        configs[f"without {name}"] = {k: v for k, v in DEFAULT_WEIGHTS.items() if k != name}
    return configs


def rankings_for(
    ranker: TransitionRanker, reference: Reference, configs: dict[str, dict[str, float]]
) -> dict[str, dict[str, list[str]]]:
    """Per configuration, per origin: the top URIs (the origin itself left out)."""
    uris = [o.uri for o in ranker.taxonomy_.occupations]
    index = ranker.taxonomy_.occupation_index
    ranked: dict[str, dict[str, list[str]]] = {name: {} for name in configs}
    everything = TransitionRanker(weights=dict.fromkeys(DEFAULT_WEIGHTS, 1.0))
    everything.__dict__.update({k: v for k, v in ranker.__dict__.items() if k.endswith("_")})
    for origin in reference.origins:
        signals = everything.scores(TransitionQuery(origin))
        for name, weights in configs.items():
            blend = sum(w * signals[s] for s, w in weights.items())
            scores = np.round(np.asarray(blend, dtype=np.float64) / sum(weights.values()), 4)
            scores[index[origin]] = -np.inf
            order = np.argsort(-scores, kind="stable")[:DEPTH]
            ranked[name][origin] = [uris[i] for i in order.tolist()]
    return ranked


def halves(reference: Reference) -> dict[str, Reference]:
    origins = reference.origins
    parts = {"even half (tuned on)": origins[0::2], "odd half (held out)": origins[1::2]}
    return {
        name: Reference(
            {o: reference.targets[o] for o in chosen}, {o: reference.shared[o] for o in chosen}
        )
        for name, chosen in parts.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy()
    reference, _ = reference_for(taxonomy, by_label=False)
    ranker = TransitionRanker().fit(taxonomy, cache_dir=config.data_dir())
    configs = configurations()
    rankings = rankings_for(ranker, reference, configs)
    report: dict[str, Any] = {name: score_ranker(rankings[name], reference, K) for name in configs}
    for name, part in halves(reference).items():
        report[f"full blend, {name}"] = score_ranker(rankings["full blend"], part, K)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"| configuration | origins | P@{K} | MRR |")
    print("| --- | --- | --- | --- |")
    for name, scores in report.items():
        print(f"| {name} | {scores['n']} | {scores[f'precision@{K}']:.3f} | {scores['mrr']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
