"""CPU per request of each workspace page, one request at a time, in this process.

What a page costs the server itself, without the network, the production server and the load
generator that ``bench_pages.py`` measures together: the figure to compare before and after a
change to a page. It signs in as a coach with a career plan in the workspace that
KOERS_DATA_DIR and KOERS_DATABASE_URL name (``koers demo-data`` makes one), starts a calling
round for that coach if none is open, and opens each page ``--runs`` times.

Besides the time, it counts the work itself: the Python function calls and the SQL queries of
one request to each page. Those do not change with the machine's speed, which on a shared
virtual machine can vary by a quarter from one second to the next (a fixed pure-Python loop
took 144 to 244 ms on 3 December 2026): compare them before and after a change.

    KOERS_DATA_DIR=... python benchmarks/bench_page_cpu.py --runs 20
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import time

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="requests per page (default 20)")
    parser.add_argument("--user", help="the coach to sign in as (default: one with a plan)")
    args = parser.parse_args()

    from koers.cli.django_setup import setup_django

    setup_django(migrate=False)
    from django.conf import settings
    from django.db import connection
    from django.test import Client as Browser
    from django.test.utils import CaptureQueriesContext

    from koers.web.accounts.models import User
    from koers.web.plans.models import Plan
    from koers.web.rounds.models import Round

    settings.ALLOWED_HOSTS = ["*"]
    plans = Plan.objects.filter(directions__isnull=False).select_related("client__coach")
    if args.user:
        plans = plans.filter(client__coach__username=args.user)
    plan = plans.order_by("pk").first()
    if plan is None:
        raise SystemExit("no coach with a career plan here: run koers demo-data first")
    coach: User = plan.client.coach
    browser = Browser()
    browser.force_login(coach)
    round_ = Round.objects.filter(coach=coach, closed_at__isnull=True).order_by("-pk").first()
    if round_ is None:
        started = browser.post("/belronde/", {"title": "bench_page_cpu"})
        found = re.search(r"/belronde/(\d+)/", started["Location"])
        assert found is not None, started["Location"]
        round_pk = int(found.group(1))
    else:
        round_pk = round_.pk
    client = plan.client_id
    pages = {
        "caseload": "/clienten/",
        "client": f"/clienten/{client}/",
        "attention": "/clienten/aandacht/",
        "round_next": f"/belronde/{round_pk}/",
        "plan": f"/clienten/{client}/plan/",
        "plan_directions": f"/clienten/{client}/plan/richting/",
        "plan_versions": f"/clienten/{client}/plan/versies/",
        "plan_copy": f"/clienten/{client}/plan/afdruk/",
        "plan_sharing": f"/clienten/{client}/plan/delen/",
    }
    print(f"{coach.username}, {args.runs} requests per page (CPU of this process, then wall)")
    for name, path in pages.items():
        answer = browser.get(path)
        if answer.status_code != 200:
            raise SystemExit(f"{path} answered {answer.status_code}")
        cpu, wall = [], []
        for _ in range(args.runs):
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            browser.get(path)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started_wall) * 1000)
        cpu_p50, cpu_p95 = np.percentile(cpu, [50, 95])
        wall_p50 = np.percentile(wall, 50)
        profile = cProfile.Profile()
        with CaptureQueriesContext(connection) as queries:
            profile.runcall(browser.get, path)
        calls = sum(row[1] for row in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]
        print(
            f"  {name:14s} CPU p50 {cpu_p50:6.1f} ms, p95 {cpu_p95:6.1f} ms;"
            f" wall p50 {wall_p50:6.1f} ms; {calls:7,d} calls, {len(queries):2d} queries"
        )


if __name__ == "__main__":
    main()
