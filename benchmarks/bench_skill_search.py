"""Skill search of the course form on the full data: build time and p50/p95 latency.

Run from the repository root after ``make setup``: ``python benchmarks/bench_skill_search.py``.
It reads the knowledge base in KOERS_DATA_DIR. The queries are skill labels drawn at random
(seeded) from the knowledge base, in Dutch and English: whole labels, the same with two letters
swapped (a typo), and as-you-type prefixes. It also says how often the skill of a whole label
comes first and a typo's skill is among the first 10, so that speed is not bought with quality.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import percentiles_ms
from koers import knowledge
from koers.taxonomy.skill_search import SkillIndex

SAMPLE = 300


def _typo(label: str, rng: random.Random) -> str:
    if len(label) < 6:
        return label
    i = rng.randrange(1, len(label) - 2)
    return label[:i] + label[i + 1] + label[i] + label[i + 2 :]


def main() -> None:
    taxonomy = knowledge.taxonomy()
    for language in ("nl", "en"):
        started = time.perf_counter()
        index = SkillIndex(language=language).fit(taxonomy)
        build = time.perf_counter() - started
        rng = random.Random(17)
        skills = rng.sample(
            [s for s in taxonomy.skills if s.texts.get(language) and s.label(language)], SAMPLE
        )
        whole = [(s.label(language), s.uri) for s in skills]
        typos = [(_typo(label, rng), uri) for label, uri in whole]
        typing = [(label[:n], uri) for label, uri in whole[:100] for n in range(3, 16, 3)]
        print(f"{language}: {len(index.labels_)} labels, index build {build:.2f} s")
        index.search(whole[0][0])
        for name, batch, top in (("labels", whole, 1), ("typos", typos, 10), ("typing", typing, 0)):
            timings = []
            hits = 0
            for query, uri in batch:
                started = time.perf_counter()
                found = index.search(query, limit=10)
                timings.append(time.perf_counter() - started)
                hits += uri in [m.uri for m in found[:top]]
            quality = f", right skill in the first {top}: {hits / len(batch):.1%}" if top else ""
            print(f"  {name} ({len(batch)} queries): {percentiles_ms(timings)}{quality}")


if __name__ == "__main__":
    main()
