"""Writing the audit trail: called inside the transaction of the change it records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model

from koers.web.audit.models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from koers.web.accounts.models import User

M = TypeVar("M", bound=Model)

_channel: ContextVar[str] = ContextVar("audit_channel", default="web")


@contextmanager
def channel(name: str) -> Iterator[None]:
    """Mark the entries written inside this block as coming from ``name`` (web, cli, api)."""
    token = _channel.set(name)
    try:
        yield
    finally:
        _channel.reset(token)


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


def save_setting(by: User, row: M, action: AuditAction, fields: list[str]) -> M:
    """Validate, save and audit an organisation setting (target: ``model_name:pk``)."""
    row.full_clean()
    row.save()
    record(by=by, action=action, target=f"{row._meta.model_name}:{row.pk}", fields=fields)
    return row
