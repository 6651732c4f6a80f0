"""Who may do what by role: pure functions over users (a client's access rules are in
clients.access)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from koers.web.accounts.roles import Role

if TYPE_CHECKING:
    from koers.web.accounts.models import User


def can_lead_team(user: User) -> bool:
    return user.led_team_id is not None


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
