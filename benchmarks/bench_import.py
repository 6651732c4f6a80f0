"""Full ESCO import (nl + en): wall time, peak memory, snapshot size and snapshot load time.

Run from the repository root: ``python benchmarks/bench_import.py`` (KOERS_ESCO_DIR as for make).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import esco_inputs, memory_of_loading, peak_rss_mb
from koers.taxonomy import import_esco, load_snapshot, save_snapshot


def main() -> None:
    inputs = esco_inputs()
    started = time.perf_counter()
    taxonomy, report = import_esco(inputs)
    read = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "taxonomy.npz"
        save_snapshot(taxonomy, path)
        total = time.perf_counter() - started
        peak = peak_rss_mb()
        size = path.stat().st_size / 1024 / 1024
        held = memory_of_loading(path)
        loads = []
        for _ in range(5):
            started = time.perf_counter()
            loaded = load_snapshot(path)
            loads.append(time.perf_counter() - started)
    info = loaded.info()
    print(f"import (read + validate + merge): {read:.2f} s")
    print(f"import incl. atomic snapshot write: {total:.2f} s")
    print(f"peak memory during import: {peak:.0f} MB")
    print(f"snapshot size: {size:.1f} MB")
    print(f"snapshot load: best {min(loads):.3f} s, worst {max(loads):.3f} s (5 runs)")
    print(f"memory of a loaded knowledge base (fresh process): {held:.0f} MB")
    print(
        f"counts: {info['occupations']} occupations, {info['skills']} skills, "
        f"{info['occupation_skill_relations']} relations, {info['isco_groups']} ISCO groups, "
        f"nl labels for {info['labels']['nl']['occupations']} occupations; "
        f"{len(report.warnings)} warnings"
    )


if __name__ == "__main__":
    main()
