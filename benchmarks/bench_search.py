"""Job-title search on the full data: index build and load time, memory, p50/p95 latency.

Run from the repository root: ``python benchmarks/bench_search.py``. The queries are the
development sets' queries plus as-you-type prefixes of them.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import esco_inputs, memory_of_loading, percentiles_ms
from evaluation.devsets_en import load_en_devset, load_nl_devset
from koers.taxonomy import import_esco, save_snapshot
from koers.taxonomy.search import TitleIndex


def main() -> None:
    taxonomy, _ = import_esco(esco_inputs())
    started = time.perf_counter()
    index = TitleIndex().fit(taxonomy)
    build = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "title-index.npz"
        index.save(path)
        started = time.perf_counter()
        loaded = TitleIndex.load(path, taxonomy.build_id)
        load = time.perf_counter() - started
        snapshot = Path(folder) / "taxonomy.npz"
        save_snapshot(taxonomy, snapshot)
        memory = memory_of_loading(snapshot, search=True)
    assert loaded is not None
    print(f"labels indexed: {len(index.labels_)}, n-grams: {len(index.vocabulary_)}")
    print(f"index build: {build:.2f} s; index load from its cache file: {load:.3f} s")
    print(f"memory of knowledge base + index + embedding model, fresh process: {memory:.0f} MB")
    for language, items in (("nl", load_nl_devset()), ("en", load_en_devset(sample=1000))):
        queries = [item.query for item in items]
        typing = [q[:n] for q in queries[:200] for n in range(3, len(q) + 1, 3)]
        for name, batch in ((f"{language} titles", queries), (f"{language} as-you-type", typing)):
            loaded.search(batch[0], language=language)  # warm the per-language caches
            timings = []
            for query in batch:
                started = time.perf_counter()
                loaded.search(query, language=language, limit=10)
                timings.append(time.perf_counter() - started)
            print(f"search {name} ({len(batch)} queries): {percentiles_ms(timings)}")


if __name__ == "__main__":
    main()
