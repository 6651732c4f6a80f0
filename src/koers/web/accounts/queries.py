"""Reads about users: covers in force, team members."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from koers.web.accounts.models import Cover, User
from koers.web.accounts.roles import Role


def covered_coach_ids(user: User, *, today: datetime.date) -> set[int]:
    """The coaches whose clients ``user`` handles today (waarneming)."""
    return set(
        Cover.objects.filter(substitute=user, starts__lte=today, ends__gte=today).values_list(
            "coach_id", flat=True
        )
    )


def coaches_of(team_id: int | None) -> QuerySet[User]:
    """Everyone in a team who can hold a caseload."""
    if team_id is None:
        return User.objects.none()
    return User.objects.filter(
        team_id=team_id, is_active=True, role__in=[Role.COACH, Role.TEAMLEAD]
    ).order_by("first_name", "username")
