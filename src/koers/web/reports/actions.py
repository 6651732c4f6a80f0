"""Writes of the reports app: a party's report recorded as sent, an erased client's name
taken out of the reports as they were sent, and those reports in a client's data export."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients.models import Client, Opdrachtgever
from koers.web.clients.signals import HeldElsewhere, client_erased, client_exported
from koers.web.reports.access import open_party_report
from koers.web.reports.models import SentReport
from koers.web.reports.party import party_json
from koers.web.reports.pdf import report_pdf
from koers.web.reports.period import Period
from koers.web.reports.queries import NOT_REACHED_DAYS
from koers.web.reports.tables import party_sections


@transaction.atomic
def record_sent_report(
    *,
    by: User,
    opdrachtgever: Opdrachtgever,
    period: Period,
    not_reached_days: int = NOT_REACHED_DAYS,
) -> SentReport:
    """The party's report as it is now, kept as the next version for the period (admins only;
    ScopeRefused otherwise). The PDF is made in the active language."""
    # One sender at a time per party, so that two never get the same version.
    Opdrachtgever.objects.select_for_update().get(pk=opdrachtgever.pk)
    party = open_party_report(by, period, opdrachtgever.pk, not_reached_days=not_reached_days)
    sent = SentReport.objects.filter(opdrachtgever=opdrachtgever, period=period.code)
    last = sent.aggregate(last=Max("version"))["last"] or 0
    pdf = report_pdf(title=party.opdrachtgever, period=period, sections=party_sections(party))
    row = SentReport.objects.create(
        opdrachtgever=opdrachtgever,
        period=period.code,
        version=last + 1,
        report=party_json(party),
        pdf=pdf,
        sent_at=timezone.now(),
        sent_by=by,
    )
    record(
        by=by,
        action=AuditAction.REPORT_SENT,
        target=f"opdrachtgever:{opdrachtgever.pk}",
        detail=f"{period.code} version {row.version}, {len(party.named)} named",
    )
    return row


def _without(named: list[dict[str, Any]], client_id: int) -> list[dict[str, Any]]:
    return [
        {**row, "name": "", "order_number": ""} if row.get("client") == client_id else row
        for row in named
    ]


def _about(row: SentReport, client_id: int) -> list[dict[str, Any]]:
    """What the report as sent says about the client: one entry per traject with the party."""
    return [item for item in row.report.get("named", []) if item.get("client") == client_id]


@receiver(client_erased, sender=Client, dispatch_uid="koers.reports.forget_client")
def forget_client(*, client_id: int, **_kwargs: Any) -> list[str]:
    """Blank the client's name and order number in every report sent naming her, and remove
    those reports' PDFs (a PDF cannot be blanked; the figures stay in the JSON)."""
    # Few rows (one a month per party): JSON containment is not portable to SQLite.
    changed = False
    for row in SentReport.objects.only("pk", "report").iterator():
        if _about(row, client_id):
            row.report = {**row.report, "named": _without(row.report["named"], client_id)}
            row.pdf = b""
            row.save(update_fields=["report", "pdf"])
            changed = True
    return ["sent_reports.named", "sent_reports.pdf"] if changed else []


@receiver(client_exported, sender=Client, dispatch_uid="koers.reports.sent_naming_client")
def sent_naming(*, client_id: int, **_kwargs: Any) -> HeldElsewhere:
    """The reports sent to a commissioning party that name the client (right of access: who
    received her data), each with what it said about her."""
    rows = []
    # Not the PDFs: what the JSON said is what the export shows.
    sent = SentReport.objects.defer("pdf").select_related("opdrachtgever", "sent_by")
    for row in sent.order_by("sent_at", "pk"):
        if about := _about(row, client_id):
            rows.append(
                {
                    "id": row.pk,
                    "opdrachtgever": row.opdrachtgever.name,
                    "period": row.period,
                    "version": row.version,
                    "sent_at": row.sent_at.isoformat(),
                    "sent_by": row.sent_by.get_username(),
                    "named_as": [
                        {key: value for key, value in item.items() if key != "client"}
                        for item in about
                    ],
                }
            )
    return HeldElsewhere(
        section="sent_reports",
        title=_("Reports sent to a commissioning party that name the client"),
        labels={
            "id": _("number"),
            "opdrachtgever": _("commissioning party"),
            "period": _("period"),
            "version": _("version"),
            "sent_at": _("sent at"),
            "sent_by": _("sent by"),
            "named_as": _("what it says about the client"),
        },
        rows=rows,
    )
