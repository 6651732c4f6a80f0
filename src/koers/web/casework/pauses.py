"""Pausing a client's career question until a date, and ending a pause early: what falls due
in the pause needs the coach's yes."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, target_of
from koers.web.casework.deadlines import Deadline, deadlines_between
from koers.web.clients.models import Client, Pause
from koers.web.common.bsn import refuse_bsn_in


class DeadlineInPauseError(Exception):
    """A deadline falls inside the pause and the coach has not confirmed it."""

    def __init__(self, deadlines: list[Deadline]) -> None:
        super().__init__(
            _("Something falls due during this pause. Confirm that the pause may still start.")
        )
        self.deadlines = deadlines


@transaction.atomic
def pause_client(
    *,
    by: User,
    client: Client,
    until: datetime.date,
    reason: str,
    note: str = "",
    deadlines_confirmed: bool = False,
    today: datetime.date | None = None,
) -> Pause:
    """Pause from today until a date (at most KOERS_MAX_PAUSE_DAYS); deadlines need a yes."""
    today = today or timezone.localdate()
    longest = today + datetime.timedelta(days=settings.KOERS_MAX_PAUSE_DAYS)
    if until < today:
        raise ValidationError({"until": _("The end of a pause cannot be in the past.")})
    if until > longest:
        raise ValidationError(
            {
                "until": _("A pause lasts at most %(days)d days (until %(date)s).")
                % {
                    "days": settings.KOERS_MAX_PAUSE_DAYS,
                    "date": date_format(longest, "SHORT_DATE_FORMAT"),
                }
            }
        )
    due = deadlines_between(client, today, until)
    if due and not deadlines_confirmed:
        raise DeadlineInPauseError(due)
    refuse_bsn_in({"note": note})
    # A new pause replaces a running one.
    Pause.objects.active_on(today).filter(client=client).update(ended_early_on=today)
    pause = Pause(client=client, starts=today, until=until, reason=reason, note=note, by=by)
    pause.full_clean()
    pause.save()
    record(
        by=by,
        action=AuditAction.CLIENT_PAUSED,
        client_id=client.pk,
        target=target_of(pause),
        fields=["until", "reason", *(["note"] if note else [])],
        detail=f"{len(due)} deadlines confirmed" if due else "",
    )
    return pause


@transaction.atomic
def end_pause(*, by: User, pause: Pause, today: datetime.date | None = None) -> Pause:
    today = today or timezone.localdate()
    Pause.objects.filter(pk=pause.pk, ended_early_on__isnull=True).update(ended_early_on=today)
    pause.refresh_from_db()
    record(
        by=by,
        action=AuditAction.PAUSE_ENDED,
        client_id=pause.client_id,
        target=target_of(pause),
        fields=["ended_early_on"],
    )
    return pause
