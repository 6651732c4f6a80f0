"""Every change to the client file: atomic, audited (field names, never values)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, save_setting, target_of
from koers.web.clients.choices import (
    FAILED_ATTEMPTS,
    TRAJECT_STEPS,
    CallTime,
    ContactOutcome,
    TrajectStatus,
)
from koers.web.clients.inputs import (
    CLIENT_FIELDS,
    CONTACT_FIELDS,
    TRAJECT_FIELDS,
    ClientValues,
    ContactValues,
    TrajectValues,
)
from koers.web.clients.models import (
    Afspraak,
    Client,
    Consent,
    Contact,
    Opdrachtgever,
    StatusChange,
    Traject,
)
from koers.web.common.bsn import refuse_bsn_in
from koers.web.common.inputs import refuse_unknown

Versioned = TypeVar("Versioned", Client, Traject)


class VersionedRow(Protocol):
    """A row saved with optimistic locking: each save raises its ``version``."""

    version: int


class ConflictError(Exception):
    """Someone else saved this record after the editor opened it."""

    def __init__(self, current: VersionedRow) -> None:
        super().__init__("the record was changed by someone else")
        self.current = current


class StepError(ValueError):
    """A traject status change that the workflow does not allow."""


def _note_status(client: Client, field: str, old: str, new: str, by: User | None) -> None:
    if old != new:
        StatusChange.objects.create(client=client, field=field, old=old, new=new, by=by)


def _save_next_version(row: Client | Traject) -> None:
    """Validate and save ``row`` as its next version, then read back what the database holds."""
    row.full_clean()
    row.version = F("version") + 1
    row.save()
    row.refresh_from_db()


def _update_versioned(
    model: type[Versioned],
    pk: int,
    version: int,
    values: Mapping[str, Any],
    allowed: frozenset[str],
) -> tuple[Versioned, dict[str, Any]]:
    """Save the fields of ``values`` that differ, if the row is still at ``version``.

    Returns the row as saved and the old values of the changed fields (empty: nothing written).
    Raises ConflictError, writing nothing, when someone saved in between.
    """
    refuse_unknown(values, allowed)
    refuse_bsn_in(values)
    current = model.objects.select_for_update().get(pk=pk)
    if current.version != version:
        raise ConflictError(current)
    old = {
        name: getattr(current, name)
        for name, value in values.items()
        if getattr(current, name) != value
    }
    if old:
        for name in old:
            setattr(current, name, values[name])
        _save_next_version(current)
    return current, old


@transaction.atomic
def create_client(*, by: User, coach: User, values: ClientValues) -> Client:
    refuse_unknown(values, CLIENT_FIELDS)
    refuse_bsn_in(values)
    client = Client(coach=coach, **values)
    client.full_clean()
    client.save()
    _note_status(client, StatusChange.Field.SITUATION, "", client.situation, by)
    _note_status(client, StatusChange.Field.URGENCY, "", client.urgency, by)
    record(
        by=by,
        action=AuditAction.CLIENT_CREATED,
        client_id=client.pk,
        fields=[name for name, value in values.items() if value not in ("", None, [])],
    )
    return client


@transaction.atomic
def update_client(*, by: User, client: Client, version: int, values: ClientValues) -> Client:
    """Save changed fields if nobody saved in between (else ConflictError, nothing written)."""
    current, old = _update_versioned(Client, client.pk, version, values, CLIENT_FIELDS)
    if not old:
        return current
    for field in (StatusChange.Field.SITUATION, StatusChange.Field.URGENCY):
        if field in old:
            _note_status(current, field, old[field], getattr(current, field), by)
    record(by=by, action=AuditAction.CLIENT_CHANGED, client_id=current.pk, fields=list(old))
    return current


@transaction.atomic
def reassign_client(*, by: User, client: Client, coach: User) -> Client:
    Client.objects.filter(pk=client.pk).update(coach=coach, version=F("version") + 1)
    client.refresh_from_db()
    record(
        by=by,
        action=AuditAction.CLIENT_REASSIGNED,
        client_id=client.pk,
        fields=["coach"],
        detail=f"to {coach.username}",
    )
    return client


def part_of_day(moment: datetime.datetime, local: datetime.tzinfo | None = None) -> str:
    """Morning (before 12), afternoon (before 17) or evening, in local time (``local``: the
    current time zone, when the caller has it already)."""
    hour = timezone.localtime(moment, local).hour
    return CallTime.MORNING if hour < 12 else CallTime.AFTERNOON if hour < 17 else CallTime.EVENING


def _needs_other_route(client: Client, contact: Contact) -> bool:
    """Three failed attempts at different times of day since the client was last reached."""
    if contact.outcome not in FAILED_ATTEMPTS:
        return False if contact.outcome == ContactOutcome.REACHED else client.needs_other_route
    last_reached = (
        client.contacts.filter(outcome=ContactOutcome.REACHED).order_by("-at").values("at")[:1]
    )
    failed = client.contacts.filter(outcome__in=FAILED_ATTEMPTS)
    if last_reached:
        failed = failed.filter(at__gt=last_reached[0]["at"])
    parts = {part_of_day(at) for at in failed.values_list("at", flat=True)}
    return len(parts) >= 3


def submitted_contact(*, by: User, client: Client, token: str) -> Contact | None:
    """The contact an earlier submit of the form with ``token`` logged, if any.

    A token is shown in one form for one client: used for another client or by someone else,
    it is refused rather than answered with that contact.
    """
    if not token:
        return None
    contact = Contact.objects.filter(form_token=token).first()
    if contact is not None and (contact.client_id != client.pk or contact.by_id != by.pk):
        raise ValidationError(_("This form was already used. Open it again."))
    return contact


def count_minutes(contact: Contact) -> None:
    """Add the minutes of ``contact``, just saved, to its traject's ``contact_minutes``: in the
    caller's transaction, so the stored total always equals the sum of its contacts."""
    if contact.traject_id is not None and contact.minutes:
        Traject.objects.filter(pk=contact.traject_id).update(
            contact_minutes=F("contact_minutes") + contact.minutes
        )


@transaction.atomic
def log_contact(*, by: User, client: Client, values: ContactValues, token: str = "") -> Contact:
    """Record a contact; a situation or urgency after it updates the client and its history.

    ``token`` (the form's submit token) makes it idempotent: a second submit of the same form,
    say a retry after the first answer was lost, returns the contact the first one logged.
    """
    refuse_unknown(values, CONTACT_FIELDS)
    refuse_bsn_in(values)
    earlier = submitted_contact(by=by, client=client, token=token)
    if earlier is not None:
        return earlier
    contact = Contact(client=client, by=by, form_token=token, **values)
    if contact.traject is not None and contact.traject.client_id != client.pk:
        raise ValidationError({"traject": _("This traject belongs to another client.")})
    if contact.outcome != ContactOutcome.CALLBACK:
        contact.callback_at = None
    # The client and the user are the objects at hand: no query to see that they exist.
    contact.full_clean(exclude=["client", "by"])
    try:
        with transaction.atomic():
            contact.save()
    except IntegrityError:
        # The same form submitted twice at once: the other submit logged it first.
        earlier = submitted_contact(by=by, client=client, token=token)
        if earlier is None:
            raise
        return earlier
    count_minutes(contact)
    after: dict[str, Any] = {}
    if contact.situation_after and contact.situation_after != client.situation:
        after["situation"] = contact.situation_after
    if contact.urgency_after and contact.urgency_after != client.urgency:
        after["urgency"] = contact.urgency_after
    route = _needs_other_route(client, contact)
    if route != client.needs_other_route:
        after["needs_other_route"] = route
    if contact.outcome == ContactOutcome.REACHED:
        # A contact logged afterwards may lie before the latest one: only move forward.
        Client.objects.filter(
            Q(last_reached_at__isnull=True) | Q(last_reached_at__lt=contact.at), pk=client.pk
        ).update(last_reached_at=contact.at)
        if client.last_reached_at is None or client.last_reached_at < contact.at:
            client.last_reached_at = contact.at
    if after:
        current = Client.objects.select_for_update().get(pk=client.pk)
        for field in ("situation", "urgency"):
            if field in after:
                _note_status(current, field, getattr(current, field), after[field], by)
        Client.objects.filter(pk=client.pk).update(**after, version=F("version") + 1)
        for field, value in after.items():
            setattr(client, field, value)
        client.version = current.version + 1
    record(
        by=by,
        action=AuditAction.CONTACT_LOGGED,
        client_id=client.pk,
        target=target_of(contact),
        fields=[*(name for name, value in values.items() if value not in ("", None)), *after],
    )
    return contact


@transaction.atomic
def create_traject(*, by: User, client: Client, values: TrajectValues) -> Traject:
    refuse_unknown(values, TRAJECT_FIELDS)
    refuse_bsn_in(values)
    traject = Traject(client=client, **values)
    traject.full_clean()
    traject.save()
    record(
        by=by,
        action=AuditAction.TRAJECT_CREATED,
        client_id=client.pk,
        target=target_of(traject),
        fields=[name for name, value in values.items() if value not in ("", None)],
    )
    return traject


@transaction.atomic
def update_traject(*, by: User, traject: Traject, version: int, values: TrajectValues) -> Traject:
    current, old = _update_versioned(Traject, traject.pk, version, values, TRAJECT_FIELDS)
    if old:
        record(
            by=by,
            action=AuditAction.TRAJECT_CHANGED,
            client_id=current.client_id,
            target=target_of(current),
            fields=list(old),
        )
    return current


@transaction.atomic
def change_traject_status(
    *,
    by: User,
    traject: Traject,
    status: str,
    outcome: str = "",
    on: datetime.date | None = None,
) -> Traject:
    """Move a traject one step (aangemeld -> intake -> actief <-> gepauzeerd -> afgesloten)."""
    current = Traject.objects.select_for_update().get(pk=traject.pk)
    if status not in TRAJECT_STEPS.get(current.status, ()):
        raise StepError(
            _("A traject cannot go from %(old)s to %(new)s.")
            % {"old": current.get_status_display(), "new": TrajectStatus(status).label}
        )
    fields = ["status"]
    if status == TrajectStatus.CLOSED:
        if not outcome:
            raise ValidationError({"outcome": _("Choose the outcome to close the traject.")})
        current.outcome = outcome
        current.closed_on = on or timezone.localdate()
        fields += ["outcome", "closed_on"]
    current.status = status
    _save_next_version(current)
    record(
        by=by,
        action=AuditAction.TRAJECT_STATUS,
        client_id=current.client_id,
        target=target_of(current),
        fields=fields,
        detail=status,
    )
    return current


@transaction.atomic
def give_consent(
    *,
    by: User,
    client: Client,
    recipient: str,
    given_on: datetime.date,
    expires_on: datetime.date | None = None,
    note: str = "",
) -> Consent:
    refuse_bsn_in({"note": note})
    consent = Consent(
        client=client, recipient=recipient, given_on=given_on, expires_on=expires_on, note=note
    )
    consent.full_clean()
    consent.save()
    record(
        by=by,
        action=AuditAction.CONSENT_GIVEN,
        client_id=client.pk,
        target=target_of(consent),
        fields=["recipient", "given_on"],
        detail=recipient,
    )
    return consent


@transaction.atomic
def revoke_consent(*, by: User, consent: Consent, on: datetime.date | None = None) -> Consent:
    Consent.objects.filter(pk=consent.pk, revoked_on__isnull=True).update(
        revoked_on=on or timezone.localdate()
    )
    consent.refresh_from_db()
    record(
        by=by,
        action=AuditAction.CONSENT_REVOKED,
        client_id=consent.client_id,
        target=target_of(consent),
        fields=["revoked_on"],
        detail=consent.recipient,
    )
    return consent


@transaction.atomic
def save_opdrachtgever(*, by: User, opdrachtgever: Opdrachtgever) -> Opdrachtgever:
    """Create or change who pays for trajecten (organisation settings, admins)."""
    return save_setting(
        by, opdrachtgever, AuditAction.OPDRACHTGEVER_SAVED, ["name", "kind", "retention_months"]
    )


@transaction.atomic
def save_afspraak(*, by: User, afspraak: Afspraak) -> Afspraak:
    return save_setting(
        by,
        afspraak,
        AuditAction.AFSPRAAK_SAVED,
        ["name", "kind", "parties", "scope", "entitlement", "reporting"],
    )
