"""Retention: closed trajecten are kept as long as their commissioning party asks, then the
client is anonymised the way erasure does it (the register says what goes)."""

from __future__ import annotations

import calendar
import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients.choices import OPEN_TRAJECT, TrajectStatus
from koers.web.clients.models import Client, Traject
from koers.web.plans.links import forget_old_hits
from koers.web.privacy.register import blank_client_data


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months later (the month's last day if it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def _expired(trajecten: list[Traject], today: datetime.date) -> bool:
    """Every traject closed, and each past its own commissioning party's retention period."""
    return bool(trajecten) and all(
        traject.status == TrajectStatus.CLOSED
        and traject.closed_on is not None
        and add_months(traject.closed_on, traject.opdrachtgever.retention_months) < today
        for traject in trajecten
    )


def expired_clients(*, today: datetime.date) -> list[int]:
    """Numbers of clients, not yet erased, whose every traject is past its retention period.

    A client without any traject is never picked: no commissioning party set a period.
    """
    # No period is shorter than a month: a cheap first cut in the database.
    latest = add_months(today, -1)
    candidates = (
        Client.objects.filter(erased_at__isnull=True, trajecten__isnull=False)
        .exclude(trajecten__status__in=OPEN_TRAJECT)
        .annotate(last_closed=Max("trajecten__closed_on"))
        .filter(last_closed__lte=latest)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    ids = list(candidates)
    trajecten: dict[int, list[Traject]] = {pk: [] for pk in ids}
    for traject in Traject.objects.filter(client_id__in=ids).select_related("opdrachtgever"):
        trajecten[traject.client_id].append(traject)
    return [pk for pk in ids if _expired(trajecten[pk], today)]


@transaction.atomic
def anonymise_expired(*, by: User | None, today: datetime.date, apply: bool) -> list[int]:
    """Anonymise clients past their retention period; with ``apply=False`` only list them.

    ``by`` is None when the daily timer runs it (the audit trail then says "system").
    """
    ids = expired_clients(today=today)
    if not apply:
        return ids
    now = timezone.now()
    forget_old_hits(now)
    for pk in ids:
        fields = blank_client_data(pk, now=now)
        Traject.objects.filter(client_id=pk).update(anonymised_at=now)
        record(by=by, action=AuditAction.CLIENT_ANONYMISED, client_id=pk, fields=fields)
    return ids
