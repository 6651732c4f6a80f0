"""Every change to a calling round: start, call, skip, pin, close (atomic, audited)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, save_setting, target_by_id, target_of
from koers.web.casework.pauses import pause_client
from koers.web.clients.actions import log_contact, submitted_contact
from koers.web.clients.choices import FAILED_ATTEMPTS
from koers.web.clients.inputs import ContactValues
from koers.web.clients.models import Client, Contact
from koers.web.rounds.models import CallScript, Entry, NoteTemplate, Round
from koers.web.rounds.queries import call_list


@transaction.atomic
def start_round(
    *,
    by: User,
    coach: User,
    title: str,
    clients: QuerySet[Client],
    scope: str = "",
    size: int | None = None,
    script: CallScript | None = None,
) -> Round:
    """A round for ``coach`` over ``clients`` (erased clients left out); with ``size``, only
    that many: the first of the call list as it stands now, paused clients left out."""
    round_ = Round.objects.create(
        coach=coach, title=title, scope=scope, started_by=by, script=script
    )
    Entry.objects.bulk_create(
        Entry(round=round_, client_id=pk)
        for pk in clients.filter(erased_at__isnull=True).values_list("pk", flat=True).distinct()
    )
    if size is not None:
        first = [row.entry.pk for row in call_list(round_) if row.paused_until is None][:size]
        Entry.objects.filter(round=round_).exclude(pk__in=first).delete()
    record(
        by=by,
        action=AuditAction.ROUND_STARTED,
        target=target_of(round_),
        detail=f"{round_.entries.count()} clients",
    )
    return round_


def start_team_round(
    *,
    by: User,
    coaches: QuerySet[User],
    title: str,
    clients: QuerySet[Client],
    scope: str = "",
    size: int | None = None,
    script: CallScript | None = None,
) -> list[Round]:
    """A team round split across coaches: each coach calls her own clients of ``clients``
    (with ``size``: each coach's first that many)."""
    with transaction.atomic():
        return [
            start_round(
                by=by,
                coach=coach,
                title=title,
                clients=clients.filter(coach=coach),
                scope=scope,
                size=size,
                script=script,
            )
            for coach in coaches
            if clients.filter(coach=coach).exists()
        ]


@transaction.atomic
def record_call(*, by: User, entry: Entry, values: ContactValues, token: str = "") -> Contact:
    """Log the call as a contact; a failed attempt sends the client to the back of the list.

    The entry is done when the client was reached or otherwise dealt with, or after three
    failed attempts at different times of day (then Koers suggests another route). A second
    submit with the same ``token`` (the form's) returns the first one's contact, changing
    nothing.
    """
    # Locked first, so that a second submit of the same call waits here and then finds it.
    Entry.objects.select_for_update().filter(pk=entry.pk).first()
    client = entry.client
    earlier = submitted_contact(by=by, client=client, token=token)
    if earlier is not None:
        entry.refresh_from_db()
        return earlier
    if entry.attempts == 0:
        entry.situation_before, entry.urgency_before = client.situation, client.urgency
    contact = log_contact(by=by, client=client, values=values, token=token)
    entry.attempts = F("attempts") + 1
    entry.contact = contact
    now = timezone.now()
    if contact.outcome in FAILED_ATTEMPTS and not client.needs_other_route:
        entry.skipped_at = now
    else:
        entry.done_at = now
    entry.save()
    entry.refresh_from_db()
    return contact


@transaction.atomic
def record_call_and_pause(
    *,
    by: User,
    entry: Entry,
    values: ContactValues,
    token: str = "",
    until: datetime.date,
    reason: str,
    deadlines_confirmed: bool = False,
) -> Contact:
    """Log the call and pause the client from today, both or neither (a deadline in the
    pause without the coach's yes raises ``DeadlineInPauseError`` and logs nothing)."""
    contact = record_call(by=by, entry=entry, values=values, token=token)
    pause_client(
        by=by,
        client=entry.client,
        until=until,
        reason=reason,
        deadlines_confirmed=deadlines_confirmed,
    )
    return contact


def _move_entry(by: User, entry: Entry, changed: str, **values: object) -> Entry:
    """Change where an entry stands in its round's list, audited as a change of the round."""
    Entry.objects.filter(pk=entry.pk).update(**values)
    entry.refresh_from_db()
    record(
        by=by,
        action=AuditAction.ROUND_CHANGED,
        target=target_by_id(Round, entry.round_id),
        client_id=entry.client_id,
        fields=[changed],
    )
    return entry


@transaction.atomic
def skip_entry(*, by: User, entry: Entry) -> Entry:
    """Come back to this client later in the round."""
    return _move_entry(by, entry, "skipped_at", skipped_at=timezone.now(), pinned=False)


@transaction.atomic
def pin_entry(*, by: User, entry: Entry, pinned: bool = True) -> Entry:
    """Put this client at the top of the list (or take the pin off)."""
    return _move_entry(by, entry, "pinned", pinned=pinned, skipped_at=None)


@transaction.atomic
def close_round(*, by: User, round_: Round) -> Round:
    Round.objects.filter(pk=round_.pk, closed_at__isnull=True).update(closed_at=timezone.now())
    round_.refresh_from_db()
    record(by=by, action=AuditAction.ROUND_CLOSED, target=target_of(round_))
    return round_


@transaction.atomic
def save_call_script(*, by: User, script: CallScript) -> CallScript:
    """Create or change a call script (admins); one script at most is offered first."""
    if script.is_default:
        CallScript.objects.exclude(pk=script.pk).update(is_default=False)
    return save_setting(by, script, AuditAction.CALL_TEXT_SAVED, ["name", "questions"])


@transaction.atomic
def save_note_template(*, by: User, template: NoteTemplate) -> NoteTemplate:
    return save_setting(by, template, AuditAction.CALL_TEXT_SAVED, ["outcome", "text"])
