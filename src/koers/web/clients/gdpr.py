"""The client's rights under the AVG/GDPR: access (export), erasure, and retention.

Erasure and retention blank what identifies a person or tells their story in their words
(names, contact details, employer, notes, contact summaries) and keep what reports count
(situations, urgencies, trajecten, contact dates, minutes and outcomes). The rows stay, so
totals for commissioning parties do not change after a client is erased.
"""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import F, Max
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients.choices import TrajectStatus
from koers.web.clients.models import (
    PERSONAL_FIELDS,
    Client,
    Consent,
    Contact,
    StatusChange,
    Traject,
)

EXPORT_FORMAT = "koers.client-export/1"

# What erasure blanks, besides PERSONAL_FIELDS on the client (field names, for the audit).
CLIENT_LISTS = ("call_times", "support_reasons")
CONTACT_TEXT = ("summary", "next_action")
CONSENT_TEXT = ("note",)

# What erasure keeps, as shown on the confirmation page.
KEPT = {
    Client: (
        "situation",
        "urgency",
        "question_type",
        "channel",
        "sector",
        "contract_type",
        "education_level",
        "occupation_uri",
        "digital_skills",
        "language",
        "created_at",
    ),
    Contact: ("at", "minutes", "with_whom", "channel", "outcome", "situation_after"),
    Traject: ("opdrachtgever", "order_number", "starts", "ends", "status", "outcome", "closed_on"),
    Consent: ("recipient", "given_on", "revoked_on"),
}


class AlreadyErasedError(ValueError):
    """The client's personal data was erased before; there is nothing left to erase."""


def _plain(value: Any) -> Any:
    """A model value as JSON: dates as ISO text, decimals as text, lists as they are."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _row(obj: models.Model, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every stored field of one row; a foreign key as its id under the field's name."""
    data: dict[str, Any] = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.name in skip:
            continue
        data[model_field.name] = _plain(model_field.value_from_object(obj))
    return data


def personal_data(client: Client) -> dict[str, Any]:
    """Everything Koers holds about one client, JSON-serialisable (no audit entry: see export)."""
    data = _row(client, skip=("id", "coach"))
    trajecten = client.trajecten.select_related("opdrachtgever", "afspraak")
    contacts = client.contacts.select_related("by")
    history = client.status_changes.select_related("by")
    return {
        "format": EXPORT_FORMAT,
        "number": client.pk,
        "coach": client.coach.username,
        "client": data,
        "trajecten": [
            {
                **_row(traject, skip=("client",)),
                "opdrachtgever": traject.opdrachtgever.name,
                "afspraak": traject.afspraak.name if traject.afspraak else None,
            }
            for traject in trajecten
        ],
        "contacts": [
            {**_row(contact, skip=("client",)), "by": contact.by.username if contact.by else None}
            for contact in contacts
        ],
        "consents": [_row(consent, skip=("client",)) for consent in client.consents.all()],
        "status_history": [
            {**_row(change, skip=("client",)), "by": change.by.username if change.by else None}
            for change in history
        ],
    }


@transaction.atomic
def export_client(*, by: User, client: Client) -> dict[str, Any]:
    """Everything held about ``client`` (right of access, art. 15), audited."""
    data = personal_data(client)
    data["exported_at"] = timezone.now().isoformat()
    record(
        by=by,
        action=AuditAction.CLIENT_EXPORTED,
        client_id=client.pk,
        fields=sorted(data["client"]),
    )
    return data


def _blank(client_id: int, *, now: datetime.datetime) -> list[str]:
    """Blank the personal data of one client and its rows; the names of what was blanked."""
    blank: dict[str, Any] = dict.fromkeys(PERSONAL_FIELDS, "")
    blank.update({name: [] for name in CLIENT_LISTS})
    Client.objects.filter(pk=client_id).update(
        **blank, erased_at=now, version=F("version") + 1, updated_at=now
    )
    Contact.objects.filter(client_id=client_id).update(**dict.fromkeys(CONTACT_TEXT, ""))
    Consent.objects.filter(client_id=client_id).update(**dict.fromkeys(CONSENT_TEXT, ""))
    return [
        *blank,
        *(f"contact.{name}" for name in CONTACT_TEXT),
        *(f"consent.{name}" for name in CONSENT_TEXT),
    ]


@transaction.atomic
def erase_client(*, by: User, client: Client) -> Client:
    """Erase a client's personal data on request (art. 17); keeps what reports count.

    Cannot be undone. Raises :class:`AlreadyErasedError` for a client erased before.
    """
    current = Client.objects.select_for_update().get(pk=client.pk)
    if current.erased_at is not None:
        raise AlreadyErasedError("this client's personal data was already erased")
    fields = _blank(current.pk, now=timezone.now())
    record(by=by, action=AuditAction.CLIENT_ERASED, client_id=current.pk, fields=fields)
    current.refresh_from_db()
    return current


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
        .exclude(trajecten__status__in=[s for s in TrajectStatus if s != TrajectStatus.CLOSED])
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
    for pk in ids:
        fields = _blank(pk, now=now)
        Traject.objects.filter(client_id=pk).update(anonymised_at=now)
        record(by=by, action=AuditAction.CLIENT_ANONYMISED, client_id=pk, fields=fields)
    return ids


def label(model: type[models.Model], name: str) -> str:
    """The translated label of a model field."""
    model_field = model._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    return str(model_field.verbose_name)


def removed_and_kept() -> dict[str, list[str]]:
    """Labels of the fields erasure removes and of those it keeps, for the confirmation page."""
    removed = [
        *(label(Client, name) for name in (*PERSONAL_FIELDS, *CLIENT_LISTS)),
        *(label(Contact, name) for name in CONTACT_TEXT),
        *(label(Consent, name) for name in CONSENT_TEXT),
    ]
    kept = [label(model, name) for model, names in KEPT.items() for name in names]
    kept.append(str(StatusChange._meta.verbose_name_plural))
    return {"removed": removed, "kept": list(dict.fromkeys(kept))}
