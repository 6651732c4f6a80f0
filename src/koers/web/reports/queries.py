"""The figures of a report, counted in the database: one frozen dataclass per section.

Every function takes the clients a user may see (``access.scope_for``) and a ``Period``;
nothing loops over clients, contacts or trajecten in Python (issue 20: aggregate in the
database), only over the few groups an aggregate returns.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    TextChoices,
)
from django.db.models.functions import TruncMonth, TruncWeek

from koers.web.clients.choices import (
    BudgetUnit,
    Channel,
    ContactOutcome,
    Outcome,
    PauseReason,
    Situation,
    Urgency,
    WithWhom,
)
from koers.web.clients.models import Client, Contact, Pause, StatusChange, Traject
from koers.web.plans.models import Plan, PlanVersion
from koers.web.reports.period import Period
from koers.web.rounds.models import Entry
from koers.web.training.choices import ApplicationStatus
from koers.web.training.models import ApplicationStep, FundingLine

# Clients not reached for this many days count as "not reached" unless the report asks else.
NOT_REACHED_DAYS = 30
# The per-traject budget table lists the trajecten that used the most, at most this many.
TRAJECT_ROWS = 100
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Figure:
    """One bar: a code (a situation, a channel, a week) and how many."""

    key: str
    count: int


@dataclass(frozen=True, slots=True)
class ClientFigures:
    """Clients by situation and urgency now, and the changes recorded in the period."""

    period: Period
    total: int
    by_situation: tuple[Figure, ...]
    by_urgency: tuple[Figure, ...]
    moved_to_situation: tuple[Figure, ...]
    urgency_grew: int
    urgency_fell: int


@dataclass(frozen=True, slots=True)
class Attempts:
    """Contacts with clients tried and how many of them reached the client."""

    key: str
    tried: int
    reached: int


@dataclass(frozen=True, slots=True)
class RoundReach:
    """Clients of one calling round done in the period, and how many were reached."""

    round: int
    title: str
    called: int
    reached: int


@dataclass(frozen=True, slots=True)
class Reach:
    period: Period
    tried: int
    reached: int
    by_channel: tuple[Attempts, ...]
    # Per week for a month, per month for a quarter; the key is the first day.
    by_time: tuple[Attempts, ...]
    by_round: tuple[RoundReach, ...]


@dataclass(frozen=True, slots=True)
class NotReached:
    """Clients (there at the end of the period) whom no contact reached in the ``days``
    before its end (or before now, in a period still running)."""

    period: Period
    days: int
    total: int
    by_urgency: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class Pauses:
    period: Period
    started: int
    ended: int
    started_by_reason: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class Trajecten:
    period: Period
    started: int
    closed: int
    open_at_end: int
    closed_by_outcome: tuple[Figure, ...]


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
    # The trajecten running in the period that used the most time, at most TRAJECT_ROWS.
    per_traject: tuple[BudgetUse, ...]


@dataclass(frozen=True, slots=True)
class SchemeAmounts:
    key: str
    applications: int
    asked: Decimal
    granted: Decimal
    paid: Decimal


@dataclass(frozen=True, slots=True)
class Training:
    """Applications that reached each status in the period, and the money of the schemes of
    the applications that moved in the period."""

    period: Period
    by_status: tuple[Figure, ...]
    by_scheme: tuple[SchemeAmounts, ...]


@dataclass(frozen=True, slots=True)
class Plans:
    period: Period
    started: int
    agreed: int
    answered_with_changes: int


def _in(period: Period, field: str) -> Q:
    """``field`` (a moment) within the period."""
    return Q(**{f"{field}__gte": period.start_moment, f"{field}__lt": period.end_moment})


def _on(period: Period, field: str) -> Q:
    """``field`` (a day) within the period."""
    return Q(**{f"{field}__gte": period.starts, f"{field}__lt": period.ends})


def _count_by(
    rows: QuerySet[Any], field: str, choices: type[TextChoices], *, distinct: str = "pk"
) -> tuple[Figure, ...]:
    """One query: a count per code of ``choices``, zeros included, in the order of the choices."""
    counts = rows.aggregate(
        **{
            f"n{index}": Count(distinct, filter=Q(**{field: code}), distinct=True)
            for index, code in enumerate(choices.values)
        }
    )
    return tuple(Figure(code, counts[f"n{i}"]) for i, code in enumerate(choices.values))


def client_figures(clients: QuerySet[Client], period: Period) -> ClientFigures:
    changes = StatusChange.objects.filter(_in(period, "at"), client__in=clients.values("pk"))
    ranks = [urgency.value for urgency in Urgency]
    grew = Q(pk__in=[])
    fell = Q(pk__in=[])
    for before, old in enumerate(ranks):
        for after, new in enumerate(ranks):
            if after < before:
                grew |= Q(old=old, new=new)
            elif after > before:
                fell |= Q(old=old, new=new)
    urgency = changes.filter(field=StatusChange.Field.URGENCY).aggregate(
        grew=Count("pk", filter=grew), fell=Count("pk", filter=fell)
    )
    return ClientFigures(
        period=period,
        total=clients.count(),
        by_situation=_count_by(clients, "situation", Situation),
        by_urgency=_count_by(clients, "urgency", Urgency),
        moved_to_situation=_count_by(
            changes.filter(field=StatusChange.Field.SITUATION), "new", Situation
        ),
        urgency_grew=urgency["grew"],
        urgency_fell=urgency["fell"],
    )


def _attempts() -> dict[str, Count]:
    return {
        "tried": Count("pk"),
        "reached": Count("pk", filter=Q(outcome=ContactOutcome.REACHED)),
    }


def reach(clients: QuerySet[Client], period: Period) -> Reach:
    contacts = Contact.objects.filter(
        _in(period, "at"), client__in=clients.values("pk"), with_whom=WithWhom.CLIENT
    )
    totals = contacts.aggregate(**_attempts())
    per_channel = {
        row["channel"]: row
        for row in contacts.values("channel").annotate(**_attempts()).order_by("channel")
    }
    by_channel = tuple(
        Attempts(
            code,
            per_channel.get(code, {}).get("tried", 0),
            per_channel.get(code, {}).get("reached", 0),
        )
        for code in Channel.values
    )
    trunc = TruncWeek("at") if period.kind == "month" else TruncMonth("at")
    by_time = tuple(
        Attempts(row["bucket"].date().isoformat(), row["tried"], row["reached"])
        for row in contacts.annotate(bucket=trunc)
        .values("bucket")
        .annotate(**_attempts())
        .order_by("bucket")
    )
    entries = Entry.objects.filter(_in(period, "done_at"), client__in=clients.values("pk"))
    by_round = tuple(
        RoundReach(row["round_id"], row["round__title"], row["called"], row["reached"])
        for row in entries.values("round_id", "round__title")
        .annotate(
            called=Count("pk"),
            reached=Count("pk", filter=Q(contact__outcome=ContactOutcome.REACHED)),
        )
        .order_by("round_id")
    )
    return Reach(period, totals["tried"], totals["reached"], by_channel, by_time, by_round)


def not_reached(
    clients: QuerySet[Client],
    period: Period,
    *,
    now: datetime.datetime,
    days: int = NOT_REACHED_DAYS,
) -> NotReached:
    until = min(period.end_moment, now)
    reached = Contact.objects.filter(
        client=OuterRef("pk"),
        with_whom=WithWhom.CLIENT,
        outcome=ContactOutcome.REACHED,
        at__gte=until - datetime.timedelta(days=days),
        at__lt=until,
    )
    missed = clients.filter(created_at__lt=until).exclude(Exists(reached))
    by_urgency = _count_by(missed, "urgency", Urgency)
    return NotReached(period, days, sum(f.count for f in by_urgency), by_urgency)


def pauses(clients: QuerySet[Client], period: Period) -> Pauses:
    rows = Pause.objects.filter(client__in=clients.values("pk"))
    ended = Q(ended_early_on__isnull=False) & _on(period, "ended_early_on")
    ended |= Q(ended_early_on__isnull=True) & _on(period, "until")
    counts = rows.aggregate(
        started=Count("pk", filter=_on(period, "starts")), ended=Count("pk", filter=ended)
    )
    started = rows.filter(_on(period, "starts"))
    return Pauses(
        period, counts["started"], counts["ended"], _count_by(started, "reason", PauseReason)
    )


def trajecten(clients: QuerySet[Client], period: Period) -> Trajecten:
    rows = Traject.objects.filter(client__in=clients.values("pk"))
    still_open = Q(closed_on__isnull=True) | Q(closed_on__gte=period.ends)
    counts = rows.aggregate(
        started=Count("pk", filter=_on(period, "starts")),
        closed=Count("pk", filter=_on(period, "closed_on")),
        open_at_end=Count("pk", filter=Q(starts__lt=period.ends) & still_open),
    )
    closed = rows.filter(_on(period, "closed_on"))
    return Trajecten(
        period,
        counts["started"],
        counts["closed"],
        counts["open_at_end"],
        _count_by(closed, "outcome", Outcome),
    )


def _money(value: Decimal | int | None) -> Decimal:
    """An amount in cents, whatever the database returned (SQLite drops trailing zeros)."""
    return Decimal(value or 0).quantize(CENT)


def _hours(minutes: int | None) -> Decimal:
    return _money(Decimal(minutes or 0) / 60)


def _euros(minutes_times_rate: Decimal | int | None) -> Decimal:
    return _money(Decimal(minutes_times_rate or 0) / 60)


def _budget(row: dict[str, Any], unit: str) -> Decimal:
    """A traject's budget when it is given in ``unit``, else 0."""
    return _money(row["budget"] if row["budget_unit"] == unit else 0)


def budget(clients: QuerySet[Client], period: Period) -> Budget:
    running = Traject.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=period.starts),
        client__in=clients.values("pk"),
        starts__lt=period.ends,
    )
    # Budgets and contact minutes in two queries: summing budgets over a join with the
    # contacts would count each budget once per contact.
    budgets = {
        row["opdrachtgever_id"]: row
        for row in running.values("opdrachtgever_id", "opdrachtgever__name")
        .annotate(
            trajecten=Count("pk"),
            hours=Sum("budget", filter=Q(budget_unit=BudgetUnit.HOURS)),
            euros=Sum("budget", filter=Q(budget_unit=BudgetUnit.EUROS)),
        )
        .order_by("opdrachtgever__name")
    }
    worth = ExpressionWrapper(F("minutes") * F("traject__hourly_rate"), output_field=DecimalField())
    used = {
        row["traject__opdrachtgever_id"]: row
        for row in Contact.objects.filter(
            traject__in=running.values("pk"), at__lt=period.end_moment
        )
        .values("traject__opdrachtgever_id")
        .annotate(
            minutes_period=Sum("minutes", filter=_in(period, "at")),
            minutes_to_date=Sum("minutes"),
            worth=Sum(worth),
        )
        .order_by()
    }
    per_opdrachtgever = tuple(
        BudgetUse(
            key=str(pk),
            label=row["opdrachtgever__name"],
            trajecten=row["trajecten"],
            budget_hours=_money(row["hours"]),
            budget_euros=_money(row["euros"]),
            hours_in_period=_hours(used.get(pk, {}).get("minutes_period")),
            hours_to_date=_hours(used.get(pk, {}).get("minutes_to_date")),
            euros_to_date=_euros(used.get(pk, {}).get("worth")),
        )
        for pk, row in budgets.items()
    )
    per_traject = tuple(
        BudgetUse(
            key=str(row["pk"]),
            label=Traject.label_of(row["opdrachtgever__name"], row["order_number"]),
            trajecten=1,
            budget_hours=_budget(row, BudgetUnit.HOURS),
            budget_euros=_budget(row, BudgetUnit.EUROS),
            hours_in_period=_hours(row["minutes_period"]),
            hours_to_date=_hours(row["minutes_to_date"]),
            euros_to_date=_euros((row["minutes_to_date"] or 0) * (row["hourly_rate"] or 0)),
        )
        for row in running.annotate(
            minutes_period=Sum("contacts__minutes", filter=_in(period, "contacts__at")),
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
        .order_by(F("minutes_to_date").desc(nulls_last=True), "pk")[:TRAJECT_ROWS]
    )
    return Budget(period, per_opdrachtgever, per_traject)


def training(clients: QuerySet[Client], period: Period) -> Training:
    steps = ApplicationStep.objects.filter(
        _on(period, "on"), application__traject__client__in=clients.values("pk")
    )
    by_status = _count_by(steps, "status", ApplicationStatus, distinct="application")
    lines = FundingLine.objects.filter(application__in=steps.values("application"))
    by_scheme = tuple(
        SchemeAmounts(
            row["scheme__name"],
            row["applications"],
            _money(row["asked"]),
            _money(row["granted"]),
            _money(row["paid"]),
        )
        for row in lines.values("scheme__name")
        .annotate(
            applications=Count("application", distinct=True),
            asked=Sum("asked"),
            granted=Sum("granted"),
            paid=Sum("paid"),
        )
        .order_by("scheme__name")
    )
    return Training(period, by_status, by_scheme)


def plans(clients: QuerySet[Client], period: Period) -> Plans:
    versions = PlanVersion.objects.filter(plan__client__in=clients.values("pk"))
    counts = versions.aggregate(
        agreed=Count("plan", filter=_in(period, "agreed_at"), distinct=True),
        changes=Count(
            "plan", filter=_in(period, "answered_at") & Q(agreed_at__isnull=True), distinct=True
        ),
    )
    started = Plan.objects.filter(_in(period, "created_at"), client__in=clients.values("pk"))
    return Plans(period, started.count(), counts["agreed"], counts["changes"])
