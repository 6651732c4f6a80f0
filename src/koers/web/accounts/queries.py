"""Reads about users: covers in force, team members, accounts and their second factor."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.web.accounts.models import Cover, EnrolmentCode, RecoveryCode, User
from koers.web.accounts.roles import Role
from koers.web.common.kept_queries import KeptQuery


def covers_in_force(substitute_id: int, *, today: datetime.date) -> QuerySet[Cover]:
    """The covers (waarneming) in which this user handles another coach's clients today."""
    return Cover.objects.filter(substitute_id=substitute_id, starts__lte=today, ends__gte=today)


# Read on every call screen and for each colleague's client opened: kept (decision 0010).
_COVERED = KeptQuery(
    lambda substitute_id, today: covers_in_force(substitute_id, today=today).values_list(
        "coach_id", flat=True
    )
)


def covered_coach_ids(user: User, *, today: datetime.date) -> set[int]:
    """The coaches whose clients ``user`` handles today."""
    return set(_COVERED(user.pk, today))


def in_led_team(user: User, coach: str = "coach") -> Q:
    """Rows whose ``coach`` is in the team ``user`` leads; no rows for anyone else."""
    team = user.led_team_id
    return Q(**{f"{coach}__team_id": team}) if team is not None else Q(pk__in=[])


def coaches_of(team_id: int | None) -> QuerySet[User]:
    """Everyone in a team who can hold a caseload."""
    if team_id is None:
        return User.objects.none()
    return User.objects.filter(
        team_id=team_id, is_active=True, role__in=[Role.COACH, Role.TEAMLEAD]
    ).order_by("first_name", "username")


def users_for_admin() -> QuerySet[User]:
    """Every account with its team and whether it has a confirmed authenticator (``has_2fa``)."""
    return (
        User.objects.select_related("team")
        .annotate(has_2fa=with_authenticator())
        .order_by("username")
    )


def _authenticators() -> QuerySet[TOTPDevice]:
    """What counts as a second factor: a confirmed authenticator app (recovery codes alone do
    not count)."""
    devices: QuerySet[TOTPDevice] = TOTPDevice.objects.filter(confirmed=True)
    return devices


def with_authenticator(user: str = "pk") -> Exists:
    """Whether the row's ``user`` has a second factor, as a column of the query."""
    return Exists(_authenticators().filter(user=OuterRef(user)))


def has_two_factor(user: User) -> bool:
    """Whether ``user`` has a second factor."""
    return bool(_authenticators().filter(user=user).exists())


def has_enrolment_code(user: User, pk: int) -> bool:
    """Whether the enrolment code ``pk`` of ``user`` is still there (unused) and valid."""
    return EnrolmentCode.objects.filter(pk=pk, user=user, expires_at__gt=timezone.now()).exists()


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(device__user=user, device__confirmed=True).count()


def covers_for(user: User) -> QuerySet[Cover]:
    """The covers a team lead arranges (their team's) or, for an admin, all of them."""
    covers = Cover.objects.select_related("coach", "substitute", "created_by")
    if user.role == Role.ADMIN:
        return covers
    return covers.filter(in_led_team(user))


def cover_candidates(user: User) -> QuerySet[User]:
    """Whom ``user`` may choose as absent coach or substitute."""
    if user.role == Role.ADMIN:
        return User.objects.filter(is_active=True, role__in=[Role.COACH, Role.TEAMLEAD]).order_by(
            "first_name", "username"
        )
    return coaches_of(user.led_team_id)
