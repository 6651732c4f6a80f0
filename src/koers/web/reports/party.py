"""The report for one commissioning party (opdrachtgever): only its trajecten, names only of
clients who consented to it (and whose agreement allows reporting per person), every other
figure counted, and counts under 5 shown as "< 5" (``report.SMALL``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from koers.web.clients.choices import Recipient, Reporting
from koers.web.clients.models import Afspraak, Client, Consent, Opdrachtgever, Traject
from koers.web.clients.queries import consent_holds
from koers.web.reports.models import SentReport
from koers.web.reports.money import hours
from koers.web.reports.period import Period
from koers.web.reports.queries import Clients, in_period, running_in
from koers.web.reports.report import Report, as_json, build_report, plain


@dataclass(frozen=True, slots=True)
class NamedClient:
    """A client of the party's who consented to be named to it, with her traject."""

    client: int
    name: str
    order_number: str
    status: str
    outcome: str
    hours_in_period: Decimal


@dataclass(frozen=True, slots=True)
class Agreement:
    """An agreement the party's trajecten fall under, and what it lets be reported."""

    name: str
    reporting: str


@dataclass(frozen=True, slots=True)
class PartyReport:
    opdrachtgever: str
    report: Report
    named: tuple[NamedClient, ...]
    agreements: tuple[Agreement, ...]


def party_clients(party: Opdrachtgever, period: Period) -> QuerySet[Client]:
    """Clients with a traject of ``party`` running in the period."""
    trajecten = Traject.objects.filter(running_in(period), opdrachtgever=party)
    return Client.objects.filter(erased_at__isnull=True, pk__in=trajecten.values("client"))


def named_clients(
    party: Opdrachtgever, period: Period, *, today: datetime.date
) -> tuple[NamedClient, ...]:
    consented = Consent.objects.filter(
        consent_holds(today), client=OuterRef("client"), recipient=Recipient.OPDRACHTGEVER
    )
    rows = (
        Traject.objects.filter(running_in(period), Exists(consented), opdrachtgever=party)
        .filter(Q(afspraak__isnull=True) | Q(afspraak__reporting=Reporting.PER_PERSON))
        .filter(client__erased_at__isnull=True)
        .annotate(minutes=Sum("contacts__minutes", filter=in_period(period, "contacts__at")))
        .values(
            "client_id",
            "client__first_name",
            "client__last_name",
            "order_number",
            "status",
            "outcome",
            "minutes",
        )
        .order_by("client__last_name", "client__first_name", "pk")
    )
    return tuple(
        NamedClient(
            row["client_id"],
            f"{row['client__first_name']} {row['client__last_name']}".strip(),
            row["order_number"],
            row["status"],
            row["outcome"],
            hours(row["minutes"]),
        )
        for row in rows
    )


def party_report(
    party: Opdrachtgever, period: Period, *, now: datetime.datetime, not_reached_days: int
) -> PartyReport:
    report = build_report(
        Clients(party_clients(party, period)),
        period,
        scope="opdrachtgever",
        scope_name=party.name,
        now=now,
        not_reached_days=not_reached_days,
        opdrachtgever=party.pk,
    )
    agreements = Afspraak.objects.filter(
        pk__in=Traject.objects.filter(running_in(period), opdrachtgever=party).values("afspraak")
    ).order_by("name")
    return PartyReport(
        party.name,
        report,
        named_clients(party, period, today=timezone.localdate(now)),
        tuple(Agreement(a.name, a.reporting) for a in agreements),
    )


def party_json(party: PartyReport) -> dict[str, Any]:
    """The report's JSON, the party's name, the consenting clients named and the agreements."""
    return {
        **as_json(party.report),
        "named": plain(party.named),
        "agreements": plain(party.agreements),
    }


def sent_versions(opdrachtgever: int) -> QuerySet[SentReport]:
    """The party's reports as sent, newest first, without their contents."""
    return (
        SentReport.objects.filter(opdrachtgever_id=opdrachtgever)
        .select_related("sent_by")
        .defer("report", "pdf")
    )
