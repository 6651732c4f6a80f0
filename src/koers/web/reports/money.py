"""Money in a report: budget use per commissioning party and per traject, and the amounts of
training applications per scheme; counted in the database like ``queries``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum

from koers.web.clients.choices import BudgetUnit
from koers.web.clients.models import Contact, Traject
from koers.web.reports.period import Period
from koers.web.reports.queries import (
    Clients,
    Figure,
    count_by,
    in_period,
    of_party,
    on_days,
    running_in,
)
from koers.web.training.choices import ApplicationStatus
from koers.web.training.models import Application, ApplicationStep
from koers.web.training.queries import SchemeTotal, totals_per_scheme

# The per-traject budget table lists the trajecten with the most time in the period, at most
# this many.
TRAJECT_ROWS = 100
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class BudgetUse:
    """Budget and time used of one traject or one commissioning party: hours of contact in the
    period and up to its end, and their worth in euros where an hourly rate is set."""

    key: str
    label: str
    trajecten: int
    budget_hours: Decimal
    budget_euros: Decimal
    hours_in_period: Decimal
    hours_to_date: Decimal
    euros_to_date: Decimal


@dataclass(frozen=True, slots=True)
class Budget:
    period: Period
    per_opdrachtgever: tuple[BudgetUse, ...]
    # The trajecten with the most contact time in the period, at most TRAJECT_ROWS.
    per_traject: tuple[BudgetUse, ...]


@dataclass(frozen=True, slots=True)
class Training:
    """Applications that reached each status in the period, and the money of the schemes of
    the applications that moved in the period."""

    period: Period
    by_status: tuple[Figure, ...]
    by_scheme: tuple[SchemeTotal, ...]


def _money(value: Decimal | int | None) -> Decimal:
    """An amount in cents, whatever the database returned (SQLite drops trailing zeros)."""
    return Decimal(value or 0).quantize(CENT)


def hours(minutes: int | None) -> Decimal:
    return _money(Decimal(minutes or 0) / 60)


def _euros(minutes_times_rate: Decimal | int | None) -> Decimal:
    return _money(Decimal(minutes_times_rate or 0) / 60)


def _budget(row: dict[str, Any], unit: str) -> Decimal:
    """A traject's budget when it is given in ``unit``, else 0."""
    return _money(row["budget"] if row["budget_unit"] == unit else 0)


def budget(clients: Clients, period: Period, *, opdrachtgever: int | None = None) -> Budget:
    """For one commissioning party without the per-traject rows: each is one person's."""
    running = Traject.objects.filter(
        running_in(period),
        of_party(opdrachtgever, "opdrachtgever_id"),
        clients.rows(),
    )
    # Per party its budgets and the minutes of all contacts ever logged on its trajecten (kept
    # on each traject, Traject.contact_minutes); then, from the contacts since the period
    # began, the minutes in it and those after its end, which the total must lose. Two queries:
    # summing budgets over a join with the contacts would count each budget once per contact.
    worth = ExpressionWrapper(F("contact_minutes") * F("hourly_rate"), output_field=DecimalField())
    budgets = {
        row["opdrachtgever_id"]: row
        for row in running.values("opdrachtgever_id", "opdrachtgever__name")
        .annotate(
            trajecten=Count("pk"),
            hours=Sum("budget", filter=Q(budget_unit=BudgetUnit.HOURS)),
            euros=Sum("budget", filter=Q(budget_unit=BudgetUnit.EUROS)),
            minutes=Sum("contact_minutes"),
            worth=Sum(worth),
        )
        .order_by("opdrachtgever__name")
    }
    later = Q(at__gte=period.end_moment)
    worth_later = ExpressionWrapper(
        F("minutes") * F("traject__hourly_rate"), output_field=DecimalField()
    )
    since = {
        row["traject__opdrachtgever_id"]: row
        for row in Contact.objects.filter(
            at__gte=period.start_moment, traject__in=running.values("pk")
        )
        .values("traject__opdrachtgever_id")
        .annotate(
            minutes_period=Sum("minutes", filter=Q(at__lt=period.end_moment)),
            minutes_later=Sum("minutes", filter=later),
            worth_later=Sum(worth_later, filter=later),
        )
        .order_by()
    }

    def since_start(party: int, name: str) -> Any:
        return since.get(party, {}).get(name) or 0

    per_opdrachtgever = tuple(
        BudgetUse(
            key=str(pk),
            label=row["opdrachtgever__name"],
            trajecten=row["trajecten"],
            budget_hours=_money(row["hours"]),
            budget_euros=_money(row["euros"]),
            hours_in_period=hours(since_start(pk, "minutes_period")),
            hours_to_date=hours(row["minutes"] - since_start(pk, "minutes_later")),
            euros_to_date=_euros((row["worth"] or 0) - since_start(pk, "worth_later")),
        )
        for pk, row in budgets.items()
    )
    # The trajecten with the most time in the period: found among the period's contacts
    # only, then summed to date for those few (all their history for every running traject
    # took 2 s at 100,000 clients). A party's report has no per-traject rows.
    most = (
        Contact.objects.filter(in_period(period, "at"), traject__in=running.values("pk"))
        .values("traject_id")
        .annotate(minutes=Sum("minutes"))
        .order_by("-minutes", "traject_id")
        .values_list("traject_id", flat=True)[: TRAJECT_ROWS if opdrachtgever is None else 0]
    )
    rows = (
        Traject.objects.filter(pk__in=list(most))
        .annotate(
            minutes_period=Sum("contacts__minutes", filter=in_period(period, "contacts__at")),
            minutes_to_date=Sum("contacts__minutes", filter=Q(contacts__at__lt=period.end_moment)),
        )
        .values(
            "pk",
            "order_number",
            "opdrachtgever__name",
            "budget",
            "budget_unit",
            "hourly_rate",
            "minutes_period",
            "minutes_to_date",
        )
        .order_by(F("minutes_period").desc(nulls_last=True), "pk")
    )
    per_traject = tuple(
        BudgetUse(
            key=str(row["pk"]),
            label=Traject.label_of(row["opdrachtgever__name"], row["order_number"]),
            trajecten=1,
            budget_hours=_budget(row, BudgetUnit.HOURS),
            budget_euros=_budget(row, BudgetUnit.EUROS),
            hours_in_period=hours(row["minutes_period"]),
            hours_to_date=hours(row["minutes_to_date"]),
            euros_to_date=_euros((row["minutes_to_date"] or 0) * (row["hourly_rate"] or 0)),
        )
        for row in rows
    )
    return Budget(period, per_opdrachtgever, per_traject)


def training(clients: Clients, period: Period, *, opdrachtgever: int | None = None) -> Training:
    steps = ApplicationStep.objects.filter(
        on_days(period, "on"),
        of_party(opdrachtgever, "application__traject__opdrachtgever_id"),
        clients.rows("application__traject__client"),
    )
    by_status = count_by(steps, "status", ApplicationStatus, distinct="application")
    applications = Application.objects.filter(pk__in=steps.values("application"))
    return Training(period, by_status, tuple(totals_per_scheme(applications)))
