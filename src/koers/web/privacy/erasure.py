"""The right to erasure (art. 17): blank what the register marks, keep what reports count.

The rows stay, so totals for commissioning parties do not change after a client is erased;
what stays are codes, dates and amounts that no longer point to a person.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients.models import Client
from koers.web.privacy.holdings import Holding
from koers.web.privacy.register import CLIENT, REGISTER, blank_client_data


class AlreadyErasedError(ValueError):
    """The client's personal data was erased before; there is nothing left to erase."""


@transaction.atomic
def erase_client(*, by: User, client: Client) -> Client:
    """Erase a client's personal data on request (art. 17); keeps what reports count.

    Cannot be undone. Raises :class:`AlreadyErasedError` for a client erased before.
    """
    current = Client.objects.select_for_update().get(pk=client.pk)
    if current.erased_at is not None:
        raise AlreadyErasedError("this client's personal data was already erased")
    fields = blank_client_data(current.pk, now=timezone.now())
    record(by=by, action=AuditAction.CLIENT_ERASED, client_id=current.pk, fields=fields)
    current.refresh_from_db()
    return current


def _label(holding: Holding, name: str) -> str:
    """The translated label of a field, with its section's title where that is not clear."""
    field = holding.model._meta.get_field(name)
    assert isinstance(field, models.Field)
    label = str(field.verbose_name)
    return label if holding is CLIENT else f"{label} ({holding.title})"


def removed_and_kept() -> dict[str, list[str]]:
    """Labels of the fields erasure removes and of what it keeps, for the confirmation page."""
    removed = [_label(holding, name) for holding in REGISTER for name in holding.blanked]
    kept = [str(holding.title) for holding in REGISTER if holding.kept]
    return {"removed": removed, "kept": kept}
