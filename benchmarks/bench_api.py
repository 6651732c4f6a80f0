"""The JSON API under load: simulated clients on a server on 127.0.0.1, per endpoint p50, p95,
p99 and throughput.

Each simulated client repeats the engine endpoints (search as typed, an occupation, its next
steps, a gap), and with personal tokens also the caseload list (mostly its first page,
sometimes a filter, a sort, a search or a later page), as a program of a practice would. The
tokens (``--tokens FILE``, one a line, from ``koers tokens create USER --scope read``) are
shared out over the clients in turn. Clients wait ``--think`` s ± 50 % between requests;
bounded, it runs ``--seconds`` and stops by itself. Then the saturated throughput (requests/s
with no waiting). The engine allows KOERS_API_ENGINE_PER_MINUTE requests a minute per address,
and every simulated client is 127.0.0.1: raise it for the server under test, or the run counts
429s. Start the server first::

    KOERS_API_ENGINE_PER_MINUTE=1000000 koers serve --port 8765 &
    python benchmarks/bench_api.py --url http://127.0.0.1:8765 --tokens tokens.txt --seconds 60
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import percentiles_ms
from benchmarks.bench_pages import OCCUPATIONS, QUERIES, SEARCHES, SITUATIONS, SORTS

API = "/api/v1"


def caseload(rng: random.Random) -> str:
    """Mostly the first page as it opens; sometimes a filter, a sort, a search or a page."""
    draw = rng.random()
    if draw < 0.5:
        return f"{API}/clients"
    if draw < 0.65:
        query = {"sort": rng.choice(SORTS)}
    elif draw < 0.75:
        query = {"situation": rng.choice(SITUATIONS)}
    elif draw < 0.85:
        query = {"q": rng.choice(SEARCHES)}
    else:
        query = {"page": rng.choice(("2", "3")), "sort": "urgency"}
    return f"{API}/clients?{urlencode(query)}"


Kinds = list[tuple[str, Callable[[random.Random], str]]]


def engine_kinds(queries: list[str], occupations: list[str]) -> Kinds:
    """What each client asks in turn: a name and the path for this request. The engine needs
    no token; the workspace kinds run only with tokens. New endpoints go here."""

    def gap(rng: random.Random) -> str:
        first, second = rng.sample(occupations, 2)
        return f"{API}/occupations/{first}/gap/{second}"

    return [
        ("search", lambda rng: f"{API}/search?q={quote(rng.choice(queries))}&limit=10"),
        ("occupation", lambda rng: f"{API}/occupations/{rng.choice(occupations)}"),
        (
            "transitions",
            lambda rng: f"{API}/occupations/{rng.choice(occupations)}/transitions?limit=20",
        ),
        ("gap", gap),
    ]


def development_set() -> tuple[list[str], list[str]]:
    """The 248 job titles of the search's Dutch development set and their 211 gold
    occupations: questions a worker's cache has mostly not seen yet."""
    path = Path(__file__).resolve().parent.parent / "evaluation" / "devsets" / "nl_titles.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    uris = {uri for row in rows for uri in row[1].split("|")}
    return [row[0] for row in rows], sorted(uri.rsplit("/", 1)[1] for uri in uris)


ENGINE_KINDS = engine_kinds(QUERIES, OCCUPATIONS)
WORKSPACE_KINDS: Kinds = [("caseload", caseload)]


def fetch(base: str, path: str, token: str | None) -> float:
    request = urllib.request.Request(base + path)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
    return time.perf_counter() - started


def run(
    base: str,
    kinds: Kinds,
    tokens: list[str],
    users: int,
    seconds: float,
    think: float,
) -> tuple[dict[str, list[float]], Counter[str]]:
    """``users`` clients for ``seconds``; the timings per kind, and the errors by kind."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        token = tokens[number % len(tokens)] if tokens else None
        if think:
            # Clients arrive spread over one think time, not all in the same millisecond.
            time.sleep(rng.uniform(0, think))
        while time.monotonic() < stop:
            for name, path_of in kinds:
                try:
                    elapsed = fetch(base, path_of(rng), token)
                except urllib.error.HTTPError as error:
                    with lock:
                        errors[f"{name} {error.code}"] += 1
                    continue
                except OSError:
                    with lock:
                        errors[f"{name} no answer"] += 1
                    continue
                with lock:
                    timings[name].append(elapsed)
                if think:
                    time.sleep(think * rng.uniform(0.5, 1.5))
                if time.monotonic() >= stop:
                    return

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 35)
    return timings, errors


def report(timings: dict[str, list[float]], errors: Counter[str], seconds: float) -> None:
    every = [t for values in timings.values() for t in values]
    if not every:
        print("  no requests succeeded", dict(errors))
        return
    print(f"  {len(every)} requests, {len(every) / seconds:.1f} requests/s")
    for name, values in timings.items():
        rate = len(values) / seconds
        print(f"  {name:<12} n={len(values):<6} {rate:6.1f}/s  {percentiles_ms(values)}")
    print(f"  {'all':<12} n={len(every):<6} {len(every) / seconds:6.1f}/s  {percentiles_ms(every)}")
    if errors:
        print("  errors: " + ", ".join(f"{what}: {n}" for what, n in sorted(errors.items())))
        if any(what.endswith(" 429") for what in errors):
            print("  (429: raise KOERS_API_ENGINE_PER_MINUTE for the server under test)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", default="http://127.0.0.1:8765")
    parser.add_argument("--users", type=int, default=50, help="simulated clients")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="seconds between requests")
    parser.add_argument(
        "--tokens", type=Path, help="personal tokens, one a line: adds the caseload list"
    )
    parser.add_argument("--saturate", type=int, default=8, help="clients with no waiting")
    parser.add_argument(
        "--spread",
        action="store_true",
        help="ask the development set's 248 titles and their occupations, not the usual few",
    )
    args = parser.parse_args()
    host = urlsplit(args.url).hostname or ""
    if not (host.startswith("127.") or host in {"localhost", "::1"}):
        sys.exit("only a server on this machine (127.0.0.0/8, localhost) may be loaded")
    tokens: list[str] = []
    if args.tokens:
        tokens = [line.strip() for line in args.tokens.read_text().splitlines() if line.strip()]
        if not tokens:
            sys.exit(f"no tokens in {args.tokens}")
    engine = engine_kinds(*development_set()) if args.spread else ENGINE_KINDS
    kinds = engine + (WORKSPACE_KINDS if tokens else [])
    for name, path_of in kinds:
        # One request of each kind first, off the clock: a wrong token or URL stops here.
        try:
            fetch(args.url, path_of(random.Random(0)), tokens[0] if tokens else None)
        except urllib.error.HTTPError as error:
            sys.exit(f"{name}: the server answers {error.code} ({error.url})")
    think = f"{args.think:g} s ± 50 % think time"
    asked = "the development set's questions" if args.spread else "the usual questions"
    print(f"{args.users} clients, {len(tokens)} tokens, {think}, {args.seconds:.0f} s, {asked}:")
    timings, errors = run(args.url, kinds, tokens, args.users, args.seconds, args.think)
    report(timings, errors, args.seconds)
    burst = min(args.seconds, 20)
    timings, errors = run(args.url, kinds, tokens, args.saturate, burst, think=0.0)
    print(f"saturated ({args.saturate} clients, no waiting, {burst:.0f} s):")
    report(timings, errors, burst)


if __name__ == "__main__":
    main()
