"""Shared helpers for the benchmark scripts: the full-data inputs, percentiles, memory."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import numpy as np


def esco_inputs() -> list[Path]:
    """The checked import, as ``make setup`` does it: ESCO v1.1.1 English + relations (the base),
    Dutch v1.2.1 labels and the Dutch v1.2.1 skill names."""
    root = Path(os.environ.get("KOERS_ESCO_DIR", "../shared/data"))
    tabiya = root / "esco-v1.1.1-en-tabiya"
    inputs = [
        tabiya / "ESCO dataset - v1.1.1 - classification - en - csv.zip",
        tabiya / "ESCO dataset - v1.1.1 - classification -  - csv.zip",
        root / "esco-v1.2.1-nl-richting",
        root / "esco-v1.2.1-nl-skill-labels",
    ]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        sys.exit(f"full ESCO data not found (set KOERS_ESCO_DIR): {', '.join(missing)}")
    return inputs


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def memory_of_loading(snapshot: Path, *, search: bool = False, ranker: bool = False) -> float:
    """MB that loading the knowledge base adds to a fresh process, with one search and/or
    one transition ranking when asked (their indexes are read from the snapshot's folder)."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from benchmarks._common import current_rss_mb; from pathlib import Path;"
        "from koers.taxonomy import load_snapshot;"
        "from koers.taxonomy.search import load_title_index;"
        "from koers.transitions import TransitionQuery, TransitionRanker;"
        "import numpy, scipy.sparse; before = current_rss_mb();"
        "path = Path(sys.argv[2]); t = load_snapshot(path);"
        "'search' in sys.argv and load_title_index(t, cache_dir=path.parent).search('kapster');"
        "'ranker' in sys.argv and TransitionRanker().fit(t, cache_dir=path.parent)"
        ".rank(TransitionQuery(t.occupations[0].uri));"
        "print(current_rss_mb() - before)"
    )
    root = str(Path(__file__).resolve().parent.parent)
    args = [sys.executable, "-c", code, root, str(snapshot)]
    args += ["search"] * search + ["ranker"] * ranker
    return float(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def percentiles_ms(seconds: list[float]) -> str:
    values = np.asarray(seconds) * 1000
    p50, p95, p99 = np.percentile(values, [50, 95, 99])
    return f"p50 {p50:.2f} ms, p95 {p95:.2f} ms, p99 {p99:.2f} ms, max {values.max():.2f} ms"
