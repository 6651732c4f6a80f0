"""Reports at scale (issue 20): the team's month and the organisation's quarter, p50/p95.

Each run counts every section in the database and builds the tables, charts and page part
as the report page does (``build_report``, ``report_sections``, ``reports/_sections.html``).
Run from the repository root on a workspace with demo data:

    KOERS_PASSWORD=… koers demo-data --clients 100000 --contacts 1000000
    python benchmarks/bench_reports.py --month 2026-11 --quarter 2026-Q4 --runs 20

KOERS_DATABASE_URL measures PostgreSQL (after the same demo data there).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import percentiles_ms
from koers.cli.django_setup import setup_django


def timed(runs: int, work: Callable[[], object]) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--month", default="2026-11")
    parser.add_argument("--quarter", default="2026-Q4")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup_django(migrate=False)
    from django.template.loader import render_to_string
    from django.utils import timezone, translation

    from koers.web.accounts.models import User
    from koers.web.accounts.roles import Role
    from koers.web.clients.models import Client, Contact
    from koers.web.reports.access import scope_for
    from koers.web.reports.period import parse_period
    from koers.web.reports.report import build_report
    from koers.web.reports.tables import report_sections

    def page(user: User, period: str) -> Callable[[], object]:
        def work() -> object:
            now = timezone.now()
            scope = scope_for(user, today=timezone.localdate(now))
            report = build_report(
                scope.clients,
                parse_period(period),
                scope=scope.kind,
                scope_name=scope.name,
                now=now,
            )
            return render_to_string(
                "reports/_sections.html", {"sections": report_sections(report), "query": "x"}
            )

        return work

    lead = User.objects.filter(role=Role.TEAMLEAD, is_active=True).order_by("pk").first()
    admin = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
    if lead is None or admin is None:
        sys.exit("no demo data: run koers demo-data first")
    print(f"{Client.objects.count()} clients, {Contact.objects.count()} contacts")
    with translation.override("nl"):
        team = timed(args.runs, page(lead, args.month))
        print(f"team {lead.team} month {args.month}: {percentiles_ms(team)}")
        organisation = timed(max(args.runs // 2, 3), page(admin, args.quarter))
        print(f"organisation quarter {args.quarter}: {percentiles_ms(organisation)}")


if __name__ == "__main__":
    main()
