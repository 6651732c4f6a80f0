"""Reads of the audit trail (the search page); newest first."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from koers.web.audit.models import AuditEvent

if TYPE_CHECKING:
    from koers.web.accounts.models import User


@dataclass(frozen=True, slots=True)
class AuditFilters:
    actor: User | None = None
    action: str = ""
    client_id: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None

    @property
    def used(self) -> list[str]:
        """Names of the filters that are set (what an AUDIT_SEARCHED entry records)."""
        return [f.name for f in fields(self) if getattr(self, f.name) not in (None, "")]


def audit_events(filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Entries matching ``filters``; dates are whole days in the site's time zone."""
    events = AuditEvent.objects.all()
    if filters.actor is not None:
        events = events.filter(actor_id=filters.actor.pk)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.client_id is not None:
        events = events.filter(client_id=filters.client_id)
    if filters.since is not None:
        events = events.filter(at__date__gte=filters.since)
    if filters.until is not None:
        events = events.filter(at__date__lte=filters.until)
    return events.order_by("-at", "-id")
