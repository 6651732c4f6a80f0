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
from koers.web.clients.choices import Channel, WithWhom
from koers.web.clients.inputs import ClientValues
from koers.web.clients.models import Client, Contact
from koers.web.common.inputs import refuse_unknown
from koers.web.intake import limits, queries
from koers.web.intake.inputs import REQUEST_FIELDS, CallbackValues
from koers.web.intake.models import OPEN, CallbackAttempt, CallbackRequest, Status
from koers.web.plans import actions as plan_actions
from koers.web.plans.choices import DirectionKind


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
def log_attempt(
    *, by: User, callback: CallbackRequest, outcome: str, note: str = ""
) -> CallbackAttempt:
    """A try to call back that did not end the request (not reached, voicemail, ...)."""
    current = _open_for_update(callback)
    attempt = CallbackAttempt(request=current, by=by, outcome=outcome, note=note.strip())
    attempt.full_clean(exclude=["request", "by"])
    attempt.save()
    record(
        by=by,
        action=AuditAction.INTAKE_ATTEMPT_LOGGED,
        target=target_of(current),
        fields=["outcome", "note"] if attempt.note else ["outcome"],
    )
    return attempt


def _carry_over(by: User, callback: CallbackRequest, client: Client) -> list[str]:
    """What the request knew goes into the client file: the tries into the contact log, the
    step the person chose in the explorer into a new career plan. The names of what came."""
    moved = []
    attempts = list(callback.attempts.all())
    for attempt in attempts:
        contact = Contact(
            client=client,
            by_id=attempt.by_id,
            at=attempt.at,
            with_whom=WithWhom.CLIENT,
            channel=Channel.PHONE,
            outcome=attempt.outcome,
            summary=attempt.note,
        )
        contact.full_clean(exclude=["client", "by"])
        contact.save()
    if attempts:
        # Like the request itself, its tries keep no personal data once the client file has it.
        callback.attempts.update(note="")
        moved.append("attempts")
    _origin, chosen = queries.places_of(callback.short_code)
    if chosen:
        plan = plan_actions.start_plan(by=by, client=client)
        plan_actions.add_direction(
            by=by,
            plan=plan,
            version=plan.version,
            kind=DirectionKind.NEW_OCCUPATION,
            occupation_uri=chosen,
            why=_("Chosen in the explorer (code %(code)s).") % {"code": callback.short_code},
        )
        moved.append("plan")
    return moved


@transaction.atomic
def convert_request(*, by: User, callback: CallbackRequest, values: ClientValues) -> Client:
    """Turn an open request into a client of its coach (or of ``by``, if nobody has it yet).

    The request keeps no personal data of its own from then on: the client file holds it,
    so that erasing the client erases it everywhere.
    """
    current = _open_for_update(callback)
    coach = current.coach if current.status == Status.ASSIGNED and current.coach else by
    client = create_client(by=by, coach=coach, values=values)
    moved = _carry_over(by, current, client)
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
        detail=f"carried over: {', '.join(moved)}" if moved else "",
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
