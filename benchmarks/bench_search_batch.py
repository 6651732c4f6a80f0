"""``koers search --batch`` as people run it: the real command in a new process, start-up included.

Run from the repository root after ``make setup``: ``python benchmarks/bench_search_batch.py``.
The batch is the Dutch development sets' queries (``nl_titles.tsv`` and ``nl_everyday.tsv``, 296)
repeated to ``--queries`` lines (1,000 by default). Each run is one process; the figure is the
wall-clock time of the whole run divided by the number of queries, and the same for the CPU
time of the process (which a busy machine does not inflate as much). A run of one query gives
the start-up alone. ``--koers`` names another command to time (an older checkout, say).
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation.devsets_en import DEFAULT_NL_EVERYDAY, load_nl_devset


def batch_queries(count: int) -> list[str]:
    """The Dutch dev-set queries, repeated until there are ``count`` of them."""
    queries = [item.query for item in load_nl_devset()]
    queries += [item.query for item in load_nl_devset(DEFAULT_NL_EVERYDAY)]
    return [queries[i % len(queries)] for i in range(count)]


def run(command: list[str], queries: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one ``search --batch`` process over ``queries``."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as batch:
        batch.write("\n".join(queries) + "\n")
        batch.flush()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [*command, "search", "--batch", batch.name, "--lang", "nl", "--limit", "10", "--json"],
            check=True,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if len(done.stdout.splitlines()) != len(queries):
        sys.exit("the command did not answer every line")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=1000, help="lines in the batch")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each batch")
    default = shutil.which("koers") or str(Path(sys.executable).parent / "koers")
    parser.add_argument("--koers", default=default, help="the koers command to time")
    args = parser.parse_args()
    command = shlex.split(args.koers)
    queries = batch_queries(args.queries)
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "(not set)")
    print(f"command: {args.koers}; OPENBLAS_NUM_THREADS {threads}; {args.repeat} runs each")
    run(command, queries[:1])  # the first run may write caches; it does not count
    for name, batch in (("start-up (1 query)", queries[:1]), (f"{len(queries)} queries", queries)):
        walls, cpus = zip(*(run(command, batch) for _ in range(args.repeat)), strict=True)
        per = 1000 / len(batch)
        print(
            f"{name}: {statistics.median(walls) * per:.2f} ms/query wall (median; best "
            f"{min(walls) * per:.2f}), {statistics.median(cpus) * per:.2f} ms/query CPU"
        )


if __name__ == "__main__":
    main()
