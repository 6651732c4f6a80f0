"""Whose figures a user may see, and the audit entry for each report seen or downloaded.

A coach sees her own caseload (with the clients she covers for), a team lead her team, an admin
the organisation or any one team: the same clients ``clients.queries.caseload_for`` lets them
open, never another team's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.web.accounts.models import Team, User
from koers.web.accounts.permissions import can_administer, can_lead_team, can_work_with_clients
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients.models import Client, Opdrachtgever
from koers.web.clients.queries import caseload_for
from koers.web.reports.models import SentReport
from koers.web.reports.party import PartyReport, party_report
from koers.web.reports.period import Period
from koers.web.reports.queries import NOT_REACHED_DAYS, Clients
from koers.web.reports.report import Report, build_report


class ScopeRefused(PermissionDenied):
    """The user may not see these figures; the message says why."""


@dataclass(frozen=True, slots=True)
class Scope:
    """The clients a report counts, and how the report names them."""

    kind: str  # "caseload", "team" or "organisation"
    name: str
    clients: Clients


def may_read_reports(user: User) -> bool:
    return can_work_with_clients(user) or can_administer(user)


def scope_for(user: User, *, team: str = "", today: datetime.date) -> Scope:
    """The clients whose figures ``user`` asked for; ScopeRefused when she may not see them."""
    if not may_read_reports(user):
        raise ScopeRefused(_("Only coaches, team leads and admins read reports."))
    if team:
        found = Team.objects.filter(name=team).first()
        if found is None:
            raise ScopeRefused(_("There is no team called %(name)s.") % {"name": team})
        if can_administer(user):
            team_clients = Client.objects.filter(coach__team=found, erased_at__isnull=True)
            return Scope("team", found.name, Clients(team_clients))
        if user.led_team_id != found.pk:
            raise ScopeRefused(
                _("Only the team lead of %(name)s and admins see its figures.")
                % {"name": found.name}
            )
    if can_administer(user):
        return Scope("organisation", "", Clients())
    clients = Clients(caseload_for(user, today=today))
    if can_lead_team(user) and user.team is not None:
        return Scope("team", user.team.name, clients)
    return Scope("caseload", user.username, clients)


def open_report(
    user: User, period: Period, *, team: str = "", not_reached_days: int = NOT_REACHED_DAYS
) -> Report:
    """The report ``user`` may see, recorded in the audit trail as viewed (no client named)."""
    now = timezone.now()
    scope = scope_for(user, team=team, today=timezone.localdate(now))
    report = build_report(
        scope.clients,
        period,
        scope=scope.kind,
        scope_name=scope.name,
        now=now,
        not_reached_days=not_reached_days,
    )
    record(by=user, action=AuditAction.REPORT_VIEWED, target=_target(report), detail=period.code)
    return report


def open_party_report(
    user: User, period: Period, opdrachtgever: int, *, not_reached_days: int = NOT_REACHED_DAYS
) -> PartyReport:
    """The report for one commissioning party (admins only), recorded as viewed."""
    if not can_administer(user):
        raise ScopeRefused(_("Only admins make the report for a commissioning party."))
    party = Opdrachtgever.objects.filter(pk=opdrachtgever).first()
    if party is None:
        raise ScopeRefused(
            _("There is no commissioning party with number %(pk)s.") % {"pk": opdrachtgever}
        )
    result = party_report(party, period, now=timezone.now(), not_reached_days=not_reached_days)
    record(
        by=user,
        action=AuditAction.REPORT_VIEWED,
        target=f"opdrachtgever:{party.pk}",
        detail=f"{period.code}, {len(result.named)} named",
    )
    return result


def _target(report: Report) -> str:
    """How the audit trail names the figures: ``report:team:Noord``."""
    return f"report:{report.scope}:{report.scope_name}"[:64]


def record_download(user: User, report: Report, *, what: str) -> None:
    """A report (or one table of it) left Koers as a file (``what``: the table, the format)."""
    record(
        by=user,
        action=AuditAction.REPORT_EXPORTED,
        target=_target(report),
        detail=f"{report.period.code} {what}",
    )


def open_sent_report(user: User, pk: int, *, what: str = "") -> SentReport:
    """A report as it was sent (admins only; Http404 otherwise), recorded as viewed, or as
    downloaded when ``what`` names the file."""
    sent = SentReport.objects.filter(pk=pk).select_related("opdrachtgever", "sent_by").first()
    if sent is None or not can_administer(user):
        raise Http404
    record(
        by=user,
        action=AuditAction.REPORT_EXPORTED if what else AuditAction.REPORT_VIEWED,
        target=f"opdrachtgever:{sent.opdrachtgever_id}",
        detail=f"{sent.period} version {sent.version} as sent {what}".strip(),
    )
    return sent
