"""Every change to a call-back request: atomic, audited (field names, never values)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.web.accounts.models import User
from koers.web.accounts.queries import coaches_of
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, target_of
from koers.web.clients.actions import create_client
from koers.web.clients.inputs import ClientValues
from koers.web.clients.models import Client
from koers.web.common.inputs import refuse_unknown
from koers.web.intake import limits, queries
from koers.web.intake.inputs import REQUEST_FIELDS, CallbackValues
from koers.web.intake.models import OPEN, CallbackRequest, Status


class RateLimitError(Exception):
    """Too many requests in the last hour: from this sender (``everyone`` False) or in all."""

    def __init__(self, *, everyone: bool) -> None:
        super().__init__("too many call-back requests in the last hour")
        self.everyone = everyone


class AlreadyHandledError(Exception):
    """The request is no longer open: someone turned it into a client or declined it."""


def _open_for_update(callback: CallbackRequest) -> CallbackRequest:
    current = CallbackRequest.objects.select_for_update().get(pk=callback.pk)
    if current.status not in OPEN:
        raise AlreadyHandledError(_("Someone else already handled this request."))
    return current


@transaction.atomic
def request_callback(
    *,
    by: User | None,
    values: CallbackValues,
    fingerprint: str,
    now: datetime.datetime | None = None,
) -> CallbackRequest:
    """Store a request from the public form (``by`` is None: the sender has no account).

    Raises RateLimitError, storing nothing, past the hourly limits of ``limits``; near the
    limit for everyone, marks the requests of the last hour as ``during_flood``.
    """
    refuse_unknown(values, REQUEST_FIELDS)
    now = now or timezone.now()
    since = now - limits.WINDOW
    if queries.sent_since(since, fingerprint=fingerprint) >= limits.PER_SENDER_PER_HOUR:
        raise RateLimitError(everyone=False)
    recent = queries.sent_since(since)
    if recent >= limits.TOTAL_PER_HOUR:
        raise RateLimitError(everyone=True)
    flood = recent + 1 >= limits.TOTAL_PER_HOUR * limits.FLOOD_SHARE
    callback = CallbackRequest(
        created_at=now, fingerprint=fingerprint, during_flood=flood, **values
    )
    callback.full_clean()
    callback.save()
    if flood:
        # The whole hour belongs to the flood, also the requests that came before the mark.
        CallbackRequest.objects.filter(created_at__gte=since, during_flood=False).update(
            during_flood=True
        )
    record(
        by=by,
        action=AuditAction.INTAKE_RECEIVED,
        target=target_of(callback),
        fields=[name for name, value in values.items() if value],
        detail="explorer",
    )
    return callback


@transaction.atomic
def assign_request(*, by: User, callback: CallbackRequest, coach: User) -> CallbackRequest:
    """A team lead gives an open request to a coach of their own team."""
    current = _open_for_update(callback)
    if not coaches_of(by.led_team_id).filter(pk=coach.pk).exists():
        raise ValidationError({"coach": _("Choose a coach of your own team.")})
    current.status = Status.ASSIGNED
    current.coach = coach
    current.assigned_by = by
    current.assigned_at = timezone.now()
    current.full_clean()
    current.save()
    record(
        by=by,
        action=AuditAction.INTAKE_ASSIGNED,
        target=target_of(current),
        fields=["coach"],
        detail=f"to {coach.username}",
    )
    return current


@transaction.atomic
def convert_request(*, by: User, callback: CallbackRequest, values: ClientValues) -> Client:
    """Turn an open request into a client of its coach (or of ``by``, if nobody has it yet).

    The request keeps no personal data of its own from then on: the client file holds it,
    so that erasing the client erases it everywhere.
    """
    current = _open_for_update(callback)
    coach = current.coach if current.status == Status.ASSIGNED and current.coach else by
    client = create_client(by=by, coach=coach, values=values)
    current.status = Status.CONVERTED
    current.client = client
    current.coach = coach
    current.first_name = ""
    current.phone = ""
    current.fingerprint = ""
    current.full_clean()
    current.save()
    record(
        by=by,
        action=AuditAction.INTAKE_CONVERTED,
        client_id=client.pk,
        target=target_of(current),
        fields=["status", "client"],
    )
    return client


@transaction.atomic
def decline_request(*, by: User, callback: CallbackRequest) -> CallbackRequest:
    """Nobody will call: the request leaves the queue and goes with the daily purge."""
    current = _open_for_update(callback)
    current.status = Status.DECLINED
    current.save(update_fields=["status"])
    record(by=by, action=AuditAction.INTAKE_DECLINED, target=target_of(current), fields=["status"])
    return current


@transaction.atomic
def purge_expired(*, by: User | None, today: datetime.date, apply: bool) -> int:
    """Delete the requests that did not become a client within KEEP_DAYS days (declined ones
    too); with ``apply=False`` only count them. One audit entry with the count.

    ``by`` is None when the daily timer runs it (the audit trail then says "system").
    """
    expired = queries.expired(today=today)
    count = expired.count()
    if not apply or count == 0:
        return count
    expired.delete()
    record(by=by, action=AuditAction.INTAKE_PURGED, detail=f"{count} requests deleted")
    return count
