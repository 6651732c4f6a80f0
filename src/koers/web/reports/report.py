"""A whole report: every section of ``queries`` for one scope and period, and its JSON."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from koers.web.reports import money, queries
from koers.web.reports.period import Period

CENT = Decimal("0.01")
# In a commissioning party's report, counts of 1 to SMALL - 1 are shown as "< 5".
SMALL = 5
# Fields that hold an id or a setting, never a number of people or contacts.
NOT_COUNTS = frozenset({"round", "days", "client"})


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
    # A commissioning party's report: counts under SMALL are shown as "< 5".
    small_groups_hidden: bool = False


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
    clients: queries.Clients,
    period: Period,
    *,
    scope: str,
    scope_name: str,
    now: datetime.datetime,
    not_reached_days: int = queries.NOT_REACHED_DAYS,
    opdrachtgever: int | None = None,
) -> Report:
    """The figures of ``clients``; with ``opdrachtgever`` only that party's trajecten (and the
    contacts and applications on them), its small groups hidden."""
    party = {"opdrachtgever": opdrachtgever}
    return Report(
        period=period,
        scope=scope,
        scope_name=scope_name,
        clients=queries.client_figures(clients, period),
        reach=queries.reach(clients, period, **party),
        not_reached=queries.not_reached(clients, period, now=now, days=not_reached_days),
        pauses=queries.pauses(clients, period),
        trajecten=queries.trajecten(clients, period, **party),
        budget=money.budget(clients, period, **party),
        training=money.training(clients, period, **party),
        plans=queries.plans(clients, period),
        small_groups_hidden=opdrachtgever is not None,
    )


def shown_count(count: int, *, hide: bool) -> int | str:
    """``count``, or "< 5" for 1 to 4 when small groups are hidden (0 names nobody)."""
    return f"< {SMALL}" if hide and 0 < count < SMALL else count


def plain(value: Any, *, hide: bool = False, name: str = "") -> Any:
    """A section as JSON values: amounts and hours as strings ("12.50"), small counts hidden if
    asked, the period left out (the document has it once, at the top)."""
    if isinstance(value, Period):
        return value.as_dict()
    if isinstance(value, Decimal):
        return str(value.quantize(CENT))
    if isinstance(value, int) and not isinstance(value, bool) and name not in NOT_COUNTS:
        return shown_count(value, hide=hide)
    if isinstance(value, tuple):
        return [plain(item, hide=hide) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: plain(getattr(value, field.name), hide=hide, name=field.name)
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
    hide = report.small_groups_hidden
    data.update({name: plain(getattr(report, name), hide=hide) for name in SECTIONS})
    return data
