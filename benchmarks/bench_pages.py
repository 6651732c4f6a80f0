"""Pages under load: 50 simulated users on a server on 127.0.0.1, p50/p95 latency.

Explorer (default): each user repeats search (as typed), the occupation page, the
next-steps page. Workspace (``--workspace``): each user signs in as a demo coach (one as a
team lead) and repeats the caseload (some with a filter, a sort or another page), a
client from it, "Aandacht nodig" (a team lead: the team's), the next call of a calling
round (each user starts one over their own clients when signing in, through the form at
/belronde/, and closes it at the end), and the career plan of a client who has one (editor,
versions, the client's copy, choosing a direction; found off the clock on client pages); see
WORKSPACE_KINDS for the pages and where new ones go. Users wait 1 s ± 50 % between requests.
Bounded: it runs ``--seconds`` and stops by itself. Then the saturated throughput
(requests/s with no waiting). Start the server first::

    koers serve --port 8765 &
    python benchmarks/bench_pages.py --url http://127.0.0.1:8765 --seconds 60

    KOERS_PASSWORD=… koers demo-data --clients 100000 --contacts 1000000
    KOERS_REQUIRE_2FA=0 koers serve --port 8765 &
    KOERS_PASSWORD=… python benchmarks/bench_pages.py --workspace --seconds 60
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

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
    parser.add_argument(
        "--workspace", action="store_true", help="the coaching workspace instead of the explorer"
    )
    parser.add_argument(
        "--password", default=os.environ.get("KOERS_PASSWORD", ""), help="of the demo accounts"
    )
    parser.add_argument("--saturate", type=int, default=8, help="clients with no waiting")
    args = parser.parse_args()
    host = urlsplit(args.url).hostname or ""
    if not (host.startswith("127.") or host in {"localhost", "::1"}):
        sys.exit("only a server on this machine (127.0.0.0/8, localhost) may be loaded")
    if args.workspace:
        if not args.password:
            sys.exit("--workspace needs the demo password (--password or KOERS_PASSWORD)")
        workspace(args.url, args.users, args.seconds, args.password, args.saturate)
        return
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


# --- The coaching workspace -------------------------------------------------------------

CLIENT_LINK = re.compile(r'href="/clienten/(\d+)/"')
# The client page's plan summary links the plan editor only when the client has a plan.
PLAN_LINK = re.compile(r'href="/clienten/(\d+)/plan/"')
CLIENT_PAGE = re.compile(r"/clienten/(\d+)/$")
PLANS_SOUGHT = 12  # client pages a user opens before the run to find clients with a plan
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ROUND_URL = re.compile(r"/belronde/(\d+)/$")
SORTS = ("urgency", "last_contact", "-last_contact")
SITUATIONS = ("at_risk", "lost_job", "working", "in_training")
SEARCHES = ("de", "van", "jan", "bakker", "zorg", "transport")


@dataclass
class Coach:
    """One simulated user: a signed-in session and the clients last seen on the caseload."""

    username: str
    opener: urllib.request.OpenerDirector
    client_ids: list[int] = field(default_factory=list)
    round_id: int | None = None
    # Clients whose page showed a plan (found_plans and the run's client pages add to it).
    plan_ids: list[int] = field(default_factory=list)


def caseload_path(coach: Coach, rng: random.Random) -> str | None:
    """Mostly the first page as it opens; sometimes a filter, a sort, a search or a page."""
    draw = rng.random()
    if draw < 0.5:
        return "/clienten/"
    if draw < 0.65:
        return "/clienten/?" + urlencode({"sort": rng.choice(SORTS)})
    if draw < 0.75:
        return "/clienten/?" + urlencode({"situation": rng.choice(SITUATIONS)})
    if draw < 0.85:
        return "/clienten/?" + urlencode({"q": rng.choice(SEARCHES)})
    return "/clienten/?" + urlencode({"page": rng.choice((2, 3)), "sort": "urgency"})


def client_path(coach: Coach, rng: random.Random) -> str | None:
    return f"/clienten/{rng.choice(coach.client_ids)}/" if coach.client_ids else None


def round_path(coach: Coach, rng: random.Random) -> str | None:
    return f"/belronde/{coach.round_id}/" if coach.round_id is not None else None


def plan_path(page: str) -> Callable[[Coach, random.Random], str | None]:
    """A page of the plan of a client of this user's that has one (``page`` under plan/)."""

    def path(coach: Coach, rng: random.Random) -> str | None:
        return f"/clienten/{rng.choice(coach.plan_ids)}/plan/{page}" if coach.plan_ids else None

    return path


# The pages each user goes through in turn. New workspace pages go here, with a function
# that gives the path for this user (None: nothing to open this time). A kind whose first
# request answers 404 is left out of the run, with a note.
WORKSPACE_KINDS: list[tuple[str, Callable[[Coach, random.Random], str | None]]] = [
    ("caseload", caseload_path),
    ("client", client_path),
    # "Aandacht nodig" (issue 7): the clients that need attention first (a lead: the team).
    ("attention", lambda coach, rng: "/clienten/aandacht/"),
    # The next call of a calling round: the call screen of the round the user started at
    # sign-in (start_rounds), /belronde/<pk>/; it orders the round's open entries live.
    ("round_next", round_path),
    # The career plan (issue 16) of a client with one: the editor (with the person's
    # transitions and each direction's gap), the list of versions, the client's copy.
    ("plan", plan_path("")),
    # Choosing a direction: the person's own next steps, each with a form (its own page).
    ("plan_directions", plan_path("richting/")),
    ("plan_versions", plan_path("versies/")),
    ("plan_copy", plan_path("afdruk/")),
    # Sharing: the client's private link and sending to the commissioning party.
    ("plan_sharing", plan_path("delen/")),
]


def sign_in(base: str, username: str, password: str) -> Coach:
    """Through the sign-in form, as a browser does (CSRF cookie and token, then POST)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/account/inloggen/", timeout=30) as response:
        page = response.read().decode()
    token = CSRF_TOKEN.search(page)
    if token is None:
        raise RuntimeError("no CSRF token on the sign-in page")
    form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
    with opener.open(
        base + "/account/inloggen/", data=urlencode(form).encode(), timeout=30
    ) as response:
        if "/account/inloggen/" in response.url or "/tweestaps/" in response.url:
            raise RuntimeError(
                f"{username} could not sign in (wrong password, or KOERS_REQUIRE_2FA is on)"
            )
    return Coach(username, opener)


def post_form(base: str, coach: Coach, form_page: str, action: str, fields: dict[str, str]) -> str:
    """GET ``form_page`` for its CSRF token, POST ``fields`` to ``action``; the final URL."""
    with coach.opener.open(base + form_page, timeout=30) as response:
        token = CSRF_TOKEN.search(response.read().decode())
    if token is None:
        raise RuntimeError(f"no CSRF token on {form_page}")
    data = urlencode({"csrfmiddlewaretoken": token.group(1), **fields}).encode()
    with coach.opener.open(base + action, data=data, timeout=60) as response:
        response.read()
        return str(response.url)


def start_rounds(base: str, coaches: list[Coach]) -> None:
    """Each user starts a calling round over their own clients (the form's defaults)."""
    started = time.perf_counter()
    for coach in coaches:
        try:
            url = post_form(base, coach, "/belronde/", "/belronde/", {"title": "Benchmark"})
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return  # no calling rounds in this version: 'round_next' is left out
            raise
        found = ROUND_URL.search(urlsplit(url).path)
        if found is None:
            raise RuntimeError(f"{coach.username}: starting a round ended on {url}")
        coach.round_id = int(found.group(1))
    print(f"started {len(coaches)} calling rounds in {time.perf_counter() - started:.1f} s")


def close_rounds(base: str, coaches: list[Coach]) -> None:
    """Close the rounds start_rounds opened, so that runs do not pile up open rounds."""
    for coach in coaches:
        if coach.round_id is not None:
            page = f"/belronde/{coach.round_id}/"
            post_form(base, coach, page, page + "afsluiten/", {})
            coach.round_id = None


def fetch_as(base: str, coach: Coach, path: str) -> tuple[float, str]:
    started = time.perf_counter()
    with coach.opener.open(base + path, timeout=30) as response:
        page = response.read().decode()
        if "/account/inloggen/" in response.url:
            raise RuntimeError("signed out")
    elapsed = time.perf_counter() - started
    if (path == "/clienten/" or path.startswith("/clienten/?")) and "page=" not in path:
        found = [int(pk) for pk in CLIENT_LINK.findall(page)]
        if found:
            coach.client_ids = found
    if CLIENT_PAGE.match(path):
        for pk in map(int, PLAN_LINK.findall(page)):
            if pk not in coach.plan_ids:
                coach.plan_ids.append(pk)
    return elapsed, page


def find_plans(base: str, coach: Coach) -> None:
    """Open client pages off the clock until one shows a plan (about one in three has one):
    the plan kinds then have a page to open from the first round."""
    for pk in coach.client_ids[:PLANS_SOUGHT]:
        if coach.plan_ids:
            return
        fetch_as(base, coach, f"/clienten/{pk}/")


def available_kinds(base: str, coaches: list[Coach]) -> list[tuple[str, Callable[..., str | None]]]:
    """The kinds whose page exists (opened as the first user who has one); a 404 means it
    is not built yet."""
    rng = random.Random(0)
    kinds = []
    for name, path_of in WORKSPACE_KINDS:
        found = [(coach, path) for coach in coaches if (path := path_of(coach, rng)) is not None]
        if not found:
            print(f"  note: {name!r} has no page to open yet; left out")
            continue
        coach, path = found[0]
        try:
            fetch_as(base, coach, path)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                print(f"  note: {name!r} ({path}) answers 404; left out")
                continue
            raise
        kinds.append((name, path_of))
    return kinds


def run_workspace(
    base: str,
    coaches: list[Coach],
    kinds: list[tuple[str, Callable[..., str | None]]],
    seconds: float,
    think: float,
) -> tuple[dict[str, list[float]], int]:
    timings: dict[str, list[float]] = defaultdict(list)
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def user(number: int, coach: Coach) -> None:
        rng = random.Random(number)
        if think:
            # Users arrive spread over one think time, not all in the same millisecond.
            time.sleep(rng.uniform(0, think))
        while time.monotonic() < stop:
            for name, path_of in kinds:
                path = path_of(coach, rng)
                if path is None:
                    continue
                try:
                    elapsed, _ = fetch_as(base, coach, path)
                except (OSError, RuntimeError):
                    with lock:
                        errors[0] += 1
                    continue
                with lock:
                    timings[name].append(elapsed)
                if think:
                    time.sleep(think * rng.uniform(0.5, 1.5))
                if time.monotonic() >= stop:
                    return

    threads = [
        threading.Thread(target=user, args=(i, coach), daemon=True)
        for i, coach in enumerate(coaches)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 35)
    return timings, errors[0]


def report(timings: dict[str, list[float]], errors: int, seconds: float) -> None:
    every = [t for values in timings.values() for t in values]
    if not every:
        print("  no requests succeeded")
        return
    print(f"  {len(every)} requests, {len(every) / seconds:.0f} requests/s, {errors} errors")
    for name, values in timings.items():
        print(f"  {name:<13} n={len(values):<6} {percentiles_ms(values)}")
    print(f"  {'all':<13} n={len(every):<6} {percentiles_ms(every)}")


def workspace(base: str, users: int, seconds: float, password: str, saturate: int) -> None:
    """Sign in ``users`` demo accounts (the first a team lead), then load the workspace."""
    names = ["demo.lead001"] + [f"demo.coach{number:04d}" for number in range(1, users)]
    started = time.perf_counter()
    coaches = [sign_in(base, name, password) for name in names[:users]]
    print(f"signed in {len(coaches)} users in {time.perf_counter() - started:.1f} s")
    start_rounds(base, coaches)
    try:
        for coach in coaches:
            fetch_as(base, coach, "/clienten/")  # each knows some of their clients
            find_plans(base, coach)
        print(f"{sum(bool(c.plan_ids) for c in coaches)} of {len(coaches)} users found a plan")
        kinds = available_kinds(base, coaches[1:] or coaches)
        timings, errors = run_workspace(base, coaches, kinds, seconds, think=1.0)
        print(f"{users} users, 1 s ± 50 % think time, {seconds:.0f} s:")
        report(timings, errors, seconds)
        burst = min(seconds, 20)
        saturated, errors = run_workspace(base, coaches[:saturate], kinds, burst, think=0.0)
        print(f"saturated ({saturate} clients, no waiting, {burst:.0f} s):")
        report(saturated, errors, burst)
    finally:
        close_rounds(base, coaches)


if __name__ == "__main__":
    main()
