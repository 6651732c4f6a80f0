"""Who may open a client, and opening one: the permission check and the audit entry for the
view, in one place."""

from __future__ import annotations

from collections.abc import Collection

from django.http import Http404
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.accounts.queries import covered_coach_ids
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients.models import Client
from koers.web.common.kept_rows import kept_row


def can_open_client(user: User, client: Client, *, covering: Collection[int]) -> bool:
    """Own clients, clients of a coach one covers for (``covering``), and a team lead's team."""
    if not user.is_active or client.erased_at is not None:
        return False
    if client.coach_id == user.pk or client.coach_id in covering:
        return True
    return user.leads_team_of(client.coach)


def may_open_client(user: User, client: Client) -> bool:
    """``can_open_client`` with the covers looked up (a coach's own client needs no look-up
    of the colleagues she covers for)."""
    covering = (
        set() if client.coach_id == user.pk else covered_coach_ids(user, today=timezone.localdate())
    )
    return can_open_client(user, client, covering=covering)


def can_reassign(user: User, client: Client) -> bool:
    return user.leads_team_of(client.coach)


# Seven of the workspace pages open a client: kept, with its coach (``leads_team_of`` needs it).
_client_with_coach = kept_row(Client, related="coach")


def get_client_for(user: User, pk: int, *, audit: bool = True) -> Client:
    """The client if ``user`` may open it (the view is audited), else 404 for all other cases.

    A 404 rather than a 403, so that nobody learns which client numbers exist.
    """
    client = _client_with_coach(pk)
    if client is None:
        raise Http404
    if not may_open_client(user, client):
        raise Http404
    if audit:
        record(by=user, action=AuditAction.CLIENT_VIEWED, client_id=client.pk)
    return client
