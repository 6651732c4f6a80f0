"""The figures of a report, counted in the database: one frozen dataclass per section (the
money sections are in ``money``).

Every function takes the clients a user may see (``Clients``, from ``access.scope_for``) and a
``Period``;
nothing loops over clients, contacts or trajecten in Python (issue 20: aggregate in the
database), only over the few groups an aggregate returns.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    TextChoices,
)

from koers.web.clients.choices import (
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
from koers.web.reports.period import Period, midnight
from koers.web.rounds.models import Entry

# Clients not reached for this many days count as "not reached" unless the report asks else.
NOT_REACHED_DAYS = 30


@dataclass(frozen=True, slots=True)
class Clients:
    """The clients a report counts: ``chosen`` (a caseload, a team, a party's clients) or, when
    None, every client not erased (the organisation)."""

    chosen: QuerySet[Client] | None = None

    def all(self) -> QuerySet[Client]:
        return Client.objects.filter(erased_at__isnull=True) if self.chosen is None else self.chosen

    def rows(self, path: str = "client") -> Q:
        """Rows whose client (``path`` leads to it) is counted. Every client's by a join on the
        client: SQLite looks a list of 100,000 ids up one by one in the rows' index, 40 to 120 ms
        a query. Chosen clients by the list of their ids, which is short."""
        if self.chosen is None:
            return Q(**{f"{path}__erased_at__isnull": True})
        return Q(**{f"{path}__in": self.chosen.values("pk")})


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
class Plans:
    period: Period
    started: int
    agreed: int
    answered_with_changes: int


def in_period(period: Period, field: str) -> Q:
    """``field`` (a moment) within the period."""
    return Q(**{f"{field}__gte": period.start_moment, f"{field}__lt": period.end_moment})


def on_days(period: Period, field: str) -> Q:
    """``field`` (a day) within the period."""
    return Q(**{f"{field}__gte": period.starts, f"{field}__lt": period.ends})


def of_party(opdrachtgever: int | None, path: str) -> Q:
    """Rows of one commissioning party's trajecten (``path`` leads to its id); all without one."""
    return Q() if opdrachtgever is None else Q(**{path: opdrachtgever})


def running_in(period: Period) -> Q:
    """Trajecten started before the period ends and not closed before it starts."""
    return Q(starts__lt=period.ends) & (Q(closed_on__isnull=True) | Q(closed_on__gte=period.starts))


def counts_per_code(
    name: str,
    field: str,
    choices: type[TextChoices],
    *,
    within: Q | None = None,
    distinct: str = "pk",
) -> dict[str, Count]:
    """Aggregates named ``name0``, ``name1``, …: a count per code of ``choices`` of the rows
    ``within`` (all when None); of the distinct values of ``distinct`` when it is not the row
    itself. Several go into one ``aggregate`` call: one pass over the rows."""
    return {
        f"{name}{index}": Count(
            distinct,
            filter=Q(**{field: code}) if within is None else within & Q(**{field: code}),
            distinct=distinct != "pk",
        )
        for index, code in enumerate(choices.values)
    }


def figures_of(counts: dict[str, int], name: str, choices: type[TextChoices]) -> tuple[Figure, ...]:
    """The counts of ``counts_per_code(name, …)``, zeros included, in the order of the choices."""
    return tuple(Figure(code, counts[f"{name}{i}"]) for i, code in enumerate(choices.values))


def count_by(
    rows: QuerySet[Any], field: str, choices: type[TextChoices], *, distinct: str = "pk"
) -> tuple[Figure, ...]:
    """One query: a count per code of ``choices``, zeros included, in the order of the choices;
    of the distinct values of ``distinct`` when it is not the row itself."""
    counts = rows.aggregate(**counts_per_code("n", field, choices, distinct=distinct))
    return figures_of(counts, "n", choices)


def client_figures(clients: Clients, period: Period) -> ClientFigures:
    """Two queries: the clients now, and the changes in the period."""
    now = clients.all().aggregate(
        total=Count("pk"),
        **counts_per_code("situation", "situation", Situation),
        **counts_per_code("urgency", "urgency", Urgency),
    )
    changes = StatusChange.objects.filter(in_period(period, "at"), clients.rows())
    ranks = [urgency.value for urgency in Urgency]
    grew = Q(pk__in=[])
    fell = Q(pk__in=[])
    for before, old in enumerate(ranks):
        for after, new in enumerate(ranks):
            if after < before:
                grew |= Q(old=old, new=new)
            elif after > before:
                fell |= Q(old=old, new=new)
    urgency = Q(field=StatusChange.Field.URGENCY)
    moved = changes.aggregate(
        grew=Count("pk", filter=urgency & grew),
        fell=Count("pk", filter=urgency & fell),
        **counts_per_code("moved", "new", Situation, within=Q(field=StatusChange.Field.SITUATION)),
    )
    return ClientFigures(
        period=period,
        total=now["total"],
        by_situation=figures_of(now, "situation", Situation),
        by_urgency=figures_of(now, "urgency", Urgency),
        moved_to_situation=figures_of(moved, "moved", Situation),
        urgency_grew=moved["grew"],
        urgency_fell=moved["fell"],
    )


def _attempts() -> dict[str, Count]:
    return {
        "tried": Count("pk"),
        "reached": Count("pk", filter=Q(outcome=ContactOutcome.REACHED)),
    }


def reach(clients: Clients, period: Period, *, opdrachtgever: int | None = None) -> Reach:
    """Contacts with the clients; for one commissioning party only those logged on its
    trajecten."""
    contacts = Contact.objects.filter(
        in_period(period, "at"),
        of_party(opdrachtgever, "traject__opdrachtgever_id"),
        clients.rows(),
        with_whom=WithWhom.CLIENT,
    )
    # One pass, grouped by channel, with a filtered count per week or month: Trunc* is a
    # Python function per row on SQLite (5 s over a quarter's 300,000 contacts), and these
    # edges are local midnights. The totals add up the few channel rows.
    parts = period.parts()
    per_part = {
        f"{name}{i}": Count("pk", filter=when & Q(at__gte=midnight(start), at__lt=midnight(end)))
        for i, (start, end) in enumerate(parts)
        for name, when in (("tried", Q()), ("reached", Q(outcome=ContactOutcome.REACHED)))
    }
    rows = list(contacts.values("channel").annotate(**_attempts(), **per_part).order_by("channel"))
    per_channel = {row["channel"]: row for row in rows}
    by_channel = tuple(
        Attempts(
            code,
            per_channel.get(code, {}).get("tried", 0),
            per_channel.get(code, {}).get("reached", 0),
        )
        for code in Channel.values
    )

    def total(name: str) -> int:
        return sum(row[name] for row in rows)

    by_time = tuple(
        Attempts(start.isoformat(), total(f"tried{i}"), total(f"reached{i}"))
        for i, (start, _end) in enumerate(parts)
    )
    entries = Entry.objects.filter(
        in_period(period, "done_at"),
        of_party(opdrachtgever, "contact__traject__opdrachtgever_id"),
        clients.rows(),
    )
    by_round = tuple(
        RoundReach(row["round_id"], row["round__title"], row["called"], row["reached"])
        for row in entries.values("round_id", "round__title")
        .annotate(
            called=Count("pk"),
            reached=Count("pk", filter=Q(contact__outcome=ContactOutcome.REACHED)),
        )
        .order_by("round_id")
    )
    return Reach(period, total("tried"), total("reached"), by_channel, by_time, by_round)


def not_reached(
    clients: Clients,
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
    missed = clients.all().filter(created_at__lt=until).exclude(Exists(reached))
    by_urgency = count_by(missed, "urgency", Urgency)
    return NotReached(period, days, sum(f.count for f in by_urgency), by_urgency)


def pauses(clients: Clients, period: Period) -> Pauses:
    rows = Pause.objects.filter(clients.rows())
    started = on_days(period, "starts")
    ended = Q(ended_early_on__isnull=False) & on_days(period, "ended_early_on")
    ended |= Q(ended_early_on__isnull=True) & on_days(period, "until")
    counts = rows.aggregate(
        started=Count("pk", filter=started),
        ended=Count("pk", filter=ended),
        **counts_per_code("reason", "reason", PauseReason, within=started),
    )
    return Pauses(
        period, counts["started"], counts["ended"], figures_of(counts, "reason", PauseReason)
    )


def trajecten(clients: Clients, period: Period, *, opdrachtgever: int | None = None) -> Trajecten:
    rows = Traject.objects.filter(of_party(opdrachtgever, "opdrachtgever_id"), clients.rows())
    still_open = Q(closed_on__isnull=True) | Q(closed_on__gte=period.ends)
    closed = on_days(period, "closed_on")
    counts = rows.aggregate(
        started=Count("pk", filter=on_days(period, "starts")),
        closed=Count("pk", filter=closed),
        open_at_end=Count("pk", filter=Q(starts__lt=period.ends) & still_open),
        **counts_per_code("outcome", "outcome", Outcome, within=closed),
    )
    return Trajecten(
        period,
        counts["started"],
        counts["closed"],
        counts["open_at_end"],
        figures_of(counts, "outcome", Outcome),
    )


def plans(clients: Clients, period: Period) -> Plans:
    versions = PlanVersion.objects.filter(clients.rows("plan__client"))
    counts = versions.aggregate(
        agreed=Count("plan", filter=in_period(period, "agreed_at"), distinct=True),
        changes=Count(
            "plan",
            filter=in_period(period, "answered_at") & Q(agreed_at__isnull=True),
            distinct=True,
        ),
    )
    started = Plan.objects.filter(in_period(period, "created_at"), clients.rows())
    return Plans(period, started.count(), counts["agreed"], counts["changes"])
