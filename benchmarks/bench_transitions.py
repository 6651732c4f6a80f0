"""Transitions on the full data: feature build and load time, memory, top-20 p50/p95, batch.

Run from the repository root: ``python benchmarks/bench_transitions.py`` (uses the knowledge
base in KOERS_DATA_DIR; run ``make setup`` first).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import memory_of_loading, percentiles_ms
from koers import config
from koers.taxonomy import load_snapshot
from koers.taxonomy.vitality import VitalityMap
from koers.transitions import (
    OccupationFeatures,
    TransitionFilters,
    TransitionQuery,
    TransitionRanker,
)
from koers.transitions.features import FEATURES_NAME


def main() -> None:
    taxonomy = load_snapshot(config.snapshot_path())
    started = time.perf_counter()
    features = OccupationFeatures.build(taxonomy)
    build = time.perf_counter() - started
    path = config.snapshot_path().parent / FEATURES_NAME
    features.save(path)
    started = time.perf_counter()
    loaded = OccupationFeatures.load(path, taxonomy)
    ranker = TransitionRanker().fit(taxonomy, vitality=VitalityMap.load(), features=loaded)
    load = time.perf_counter() - started
    memory = memory_of_loading(config.snapshot_path(), ranker=True)
    everything = memory_of_loading(config.snapshot_path(), search=True, ranker=True)
    print(f"feature build: {build:.2f} s; load + fit from cache: {load:.3f} s")
    print(
        f"memory of knowledge base + ranker in a fresh process: {memory:.0f} MB; "
        f"with the search index and model too: {everything:.0f} MB"
    )
    origins = [o.uri for o in taxonomy.occupations]
    sample = random.Random(13).sample(origins, 500)
    extra = (taxonomy.skills[7].uri, taxonomy.skills[99].uri)
    plain, routes = TransitionFilters(), TransitionFilters.routes()
    for name, queries, filters in (
        ("top-20 with explanations", [TransitionQuery(uri) for uri in sample], plain),
        (
            "top-20, person adjusted (+2 skills)",
            [TransitionQuery(uri, have=extra) for uri in sample],
            plain,
        ),
        (
            "top-20 routes (steps, guards, route order)",
            [TransitionQuery(u) for u in sample],
            routes,
        ),
    ):
        timings = []
        for query in queries:
            started = time.perf_counter()
            ranker.rank(query, k=20, filters=filters)
            timings.append(time.perf_counter() - started)
        print(f"{name} ({len(queries)} origins): {percentiles_ms(timings)}")
    started = time.perf_counter()
    for uri in origins:
        ranker.rank(TransitionQuery(uri), k=100)
    elapsed = time.perf_counter() - started
    print(f"batch: all {len(origins)} origins, top 100 each: {elapsed:.1f} s")


if __name__ == "__main__":
    main()
