"""The right of access (art. 15): everything the register lists about one client."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, cast

from django.db import models, transaction
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients.models import Client
from koers.web.clients.signals import HeldElsewhere, client_exported
from koers.web.privacy.holdings import Holding
from koers.web.privacy.register import CLIENT, REGISTER

EXPORT_FORMAT = "koers.client-export/3"
_REGISTERED = {holding.model for holding in REGISTER}


def _plain(value: Any) -> Any:
    """A model value as JSON: dates as ISO text, decimals as text, lists as they are."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _value(row: models.Model, name: str) -> Any:
    """One field of a row as the export shows it.

    A link to another row of this export is its number (so rows can be joined); a staff
    member is their user name; anything else linked (a commissioning party, a course, a
    scheme) is its name.
    """
    field = row._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        related = field.related_model
        if related in _REGISTERED:
            return getattr(row, field.attname)
        linked = getattr(row, name)
        if linked is None:
            return None
        return linked.get_username() if isinstance(linked, User) else str(linked)
    assert isinstance(field, models.Field)
    return _plain(field.value_from_object(row))


def _rows(holding: Holding, client_id: int) -> list[dict[str, Any]]:
    linked = [
        name
        for name in holding.fields
        if isinstance(field := holding.model._meta.get_field(name), models.ForeignKey)
        and field.related_model not in _REGISTERED
    ]
    rows = holding.rows_of(client_id).select_related(*linked)
    return [{"id": row.pk, **{name: _value(row, name) for name in holding.fields}} for row in rows]


def personal_data(
    client: Client, *, elsewhere: list[HeldElsewhere] | None = None
) -> dict[str, Any]:
    """Everything Koers holds about one client, JSON-serialisable (no audit entry: see export).

    ``elsewhere``: what ``held_elsewhere`` answered, when the caller has asked already."""
    data: dict[str, Any] = {"format": EXPORT_FORMAT, "number": client.pk}
    for holding in REGISTER:
        rows = _rows(holding, client.pk)
        data[holding.section] = rows[0] if holding is CLIENT else rows
    data["coach"] = data[CLIENT.section].pop("coach")
    data[CLIENT.section].pop("id")
    for held in held_elsewhere(client.pk) if elsewhere is None else elsewhere:
        data[held.section] = held.rows
    return data


def held_elsewhere(client_id: int) -> list[HeldElsewhere]:
    """What apps keep about the client outside the register (a report as it was sent)."""
    return [
        cast(HeldElsewhere, held)
        for _receiver, held in client_exported.send(sender=Client, client_id=client_id)
    ]


@transaction.atomic
def export_client(
    *, by: User, client: Client, elsewhere: list[HeldElsewhere] | None = None
) -> dict[str, Any]:
    """Everything held about ``client`` (right of access, art. 15), audited; ``elsewhere`` as
    for ``personal_data``."""
    held = held_elsewhere(client.pk) if elsewhere is None else elsewhere
    data = personal_data(client, elsewhere=held)
    data["exported_at"] = timezone.now().isoformat()
    record(
        by=by,
        action=AuditAction.CLIENT_EXPORTED,
        client_id=client.pk,
        fields=[holding.section for holding in REGISTER] + [part.section for part in held],
    )
    return data
