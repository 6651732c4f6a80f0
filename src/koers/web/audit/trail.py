"""Writing the audit trail: called inside the transaction of the change it records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Literal, TypeVar

from django.db.models import Model

from koers.web.audit.models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from koers.web.accounts.models import User

M = TypeVar("M", bound=Model)

_channel: ContextVar[str] = ContextVar("audit_channel", default="web")

# Kinds named otherwise than their model; stored entries already use these names.
_KINDS = {"intake.callbackrequest": "callback"}


@contextmanager
def channel(name: str) -> Iterator[None]:
    """Mark the entries written inside this block as coming from ``name`` (web, cli, api)."""
    token = _channel.set(name)
    try:
        yield
    finally:
        _channel.reset(token)


def target_by_id(model: type[Model], pk: object) -> str:
    """How an entry names one row: ``kind:pk`` (``contact:12``), the kind being the model's
    name; for when only the id is at hand (``target_by_id(Round, entry.round_id)``)."""
    meta = model._meta
    return f"{_KINDS.get(meta.label_lower, meta.model_name)}:{pk}"


def target_of(row: Model) -> str:
    """How an entry names ``row`` (``contact:12``)."""
    # __class__, not type(): request.user is a lazy proxy of the user it stands for.
    return target_by_id(row.__class__, row.pk)


def record(
    *,
    by: User | None,
    action: AuditAction,
    client_id: int | None = None,
    target: str = "",
    fields: Iterable[str] = (),
    detail: str = "",
) -> AuditEvent:
    """Append one entry; ``fields`` are field names, never values."""
    return AuditEvent.objects.create(
        actor=by,
        actor_name=by.username if by is not None else "system",
        action=action,
        client_id=client_id,
        target=target,
        fields=sorted(set(fields)),
        detail=detail[:200],
        via=_channel.get(),
    )


# What a list page records: that ``by`` saw a list of people, never whom it listed.
Listing = Literal[
    AuditAction.CLIENT_LISTED, AuditAction.INTAKE_LISTED, AuditAction.APPLICATIONS_LISTED
]


def record_listing(
    *, by: User, what: Listing, page: int | None = None, target: str = "", detail: str = ""
) -> AuditEvent:
    """One entry for each list page shown: its page number, or ``detail`` for what it was."""
    if page is not None:
        detail = f"page {page}"
    return record(by=by, action=what, target=target, detail=detail)


def save_setting(by: User, row: M, action: AuditAction, fields: list[str]) -> M:
    """Validate, save and audit an organisation setting."""
    row.full_clean()
    row.save()
    record(by=by, action=action, target=target_of(row), fields=fields)
    return row
