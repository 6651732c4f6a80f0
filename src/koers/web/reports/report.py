"""A whole report: every section of ``queries`` for one scope and period, and its JSON."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from koers.web.clients.models import Client
from koers.web.reports import money, queries
from koers.web.reports.period import Period

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Report:
    """The figures of one scope (a caseload, a team, the organisation) over one period."""

    period: Period
    # "caseload" (the username), "team" (its name) or "organisation" (no name).
    scope: str
    scope_name: str
    clients: queries.ClientFigures
    reach: queries.Reach
    not_reached: queries.NotReached
    pauses: queries.Pauses
    trajecten: queries.Trajecten
    budget: money.Budget
    training: money.Training
    plans: queries.Plans


SECTIONS = (
    "clients",
    "reach",
    "not_reached",
    "pauses",
    "trajecten",
    "budget",
    "training",
    "plans",
)


def build_report(
    clients: QuerySet[Client],
    period: Period,
    *,
    scope: str,
    scope_name: str,
    now: datetime.datetime,
    not_reached_days: int = queries.NOT_REACHED_DAYS,
) -> Report:
    return Report(
        period=period,
        scope=scope,
        scope_name=scope_name,
        clients=queries.client_figures(clients, period),
        reach=queries.reach(clients, period),
        not_reached=queries.not_reached(clients, period, now=now, days=not_reached_days),
        pauses=queries.pauses(clients, period),
        trajecten=queries.trajecten(clients, period),
        budget=money.budget(clients, period),
        training=money.training(clients, period),
        plans=queries.plans(clients, period),
    )


def _plain(value: Any) -> Any:
    """A section as JSON values: amounts and hours as strings ("12.50"), the period left out (the
    document has it once, at the top)."""
    if isinstance(value, Period):
        return value.as_dict()
    if isinstance(value, Decimal):
        return str(value.quantize(CENT))
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: _plain(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.name != "period"
        }
    return value


def as_json(report: Report) -> dict[str, Any]:
    """One key per section, plus the period and the scope."""
    data: dict[str, Any] = {
        "period": report.period.as_dict(),
        "scope": {"kind": report.scope, "name": report.scope_name},
    }
    data.update({name: _plain(getattr(report, name)) for name in SECTIONS})
    return data
