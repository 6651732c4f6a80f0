"""Who may do what: pure functions over users and clients, tested as a table."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from koers.web.accounts.roles import Role

if TYPE_CHECKING:
    from koers.web.accounts.models import User
    from koers.web.clients.models import Client


def can_open_client(user: User, client: Client, *, covering: Collection[int]) -> bool:
    """Own clients, clients of a coach one covers for (``covering``), and a team lead's team."""
    if not user.is_active or client.erased_at is not None:
        return False
    if client.coach_id == user.pk or client.coach_id in covering:
        return True
    return (
        user.role == Role.TEAMLEAD
        and user.team_id is not None
        and client.coach.team_id == user.team_id
    )


def can_reassign(user: User, client: Client) -> bool:
    return (
        user.role == Role.TEAMLEAD
        and user.team_id is not None
        and (client.coach.team_id == user.team_id)
    )


def can_lead_team(user: User) -> bool:
    return user.role == Role.TEAMLEAD and user.team_id is not None


def can_administer(user: User) -> bool:
    """Users, teams, organisation settings, data requests and the audit trail."""
    return user.is_active and user.role == Role.ADMIN


def can_work_with_clients(user: User) -> bool:
    return user.is_active and user.role in {Role.COACH, Role.TEAMLEAD}


def can_keep_catalogue(user: User) -> bool:
    """The course catalogue: admins and team leads keep it; coaches read it."""
    return user.is_active and user.role in {Role.ADMIN, Role.TEAMLEAD}


def can_read_training(user: User) -> bool:
    """Schemes and courses are read by every active staff member."""
    return user.is_active
