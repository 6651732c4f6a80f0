"""Explorer pages under load: 50 simulated users on a server on 127.0.0.1, p50/p95 latency.

Each user repeats: search (as typed), the occupation page, the next-steps page, waiting
1 s ± 50 % between requests. Bounded: it runs ``--seconds`` and stops by itself. Then the
saturated throughput (requests/s with no waiting). Start the server first::

    koers serve --port 8765 &
    python benchmarks/bench_pages.py --url http://127.0.0.1:8765 --seconds 60
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import percentiles_ms

QUERIES = ["kapster", "kok", "vakkenvuller", "verkoper", "timmerman", "schoonmaker", "buschauf"]
OCCUPATIONS = [
    "099c6bb0-22d3-4c5d-8bf5-70910af381ef",  # kapper
    "90f75f67-495d-49fa-ab57-2f320e251d7e",  # kok
    "2a22ff9e-de3b-408d-b312-5034896cc4f4",  # timmerman
    "0b15375e-dfdd-4047-9efb-096e0aaee7d2",  # winkelmedewerker
]


def paths(rng: random.Random) -> list[str]:
    occupation = rng.choice(OCCUPATIONS)
    return [
        f"/?q={quote(rng.choice(QUERIES))}",
        f"/beroep/{occupation}/",
        f"/beroep/{occupation}/verder/",
    ]


def fetch(base: str, path: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(base + path, timeout=10) as response:
        response.read()
    return time.perf_counter() - started


def simulate(base: str, users: int, seconds: float, think: float) -> tuple[list[float], int]:
    timings: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def user(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < stop:
            for path in paths(rng):
                try:
                    elapsed = fetch(base, path)
                except OSError:
                    with lock:
                        errors[0] += 1
                    continue
                with lock:
                    timings.append(elapsed)
                if think:
                    time.sleep(think * rng.uniform(0.5, 1.5))
                if time.monotonic() >= stop:
                    return

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 15)
    return timings, errors[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", default="http://127.0.0.1:8765")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    host = urlsplit(args.url).hostname or ""
    if not (host.startswith("127.") or host in {"localhost", "::1"}):
        sys.exit("only a server on this machine (127.0.0.0/8, localhost) may be loaded")
    timings, errors = simulate(args.url, args.users, args.seconds, think=1.0)
    rate = len(timings) / args.seconds
    print(
        f"{args.users} users, 1 s ± 50 % think time, {args.seconds:.0f} s: {len(timings)} requests"
    )
    print(f"  {percentiles_ms(timings)}; {rate:.0f} requests/s; {errors} errors")
    saturated, errors = simulate(args.url, 8, min(args.seconds, 20), think=0.0)
    seconds = min(args.seconds, 20)
    rate = len(saturated) / seconds
    print(f"saturated (8 clients, no waiting, {seconds:.0f} s): {rate:.0f} requests/s")
    print(f"  {percentiles_ms(saturated)}; {errors} errors")


if __name__ == "__main__":
    main()
