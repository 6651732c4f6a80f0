"""Every change to users, teams, second factors and covers: atomic, audited (names, not values)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import django_otp
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.web.accounts.codes import digest, matches, new_code
from koers.web.accounts.inputs import USER_FIELDS, UserValues
from koers.web.accounts.mail import send_second_factor_added
from koers.web.accounts.models import (
    Cover,
    EnrolmentCode,
    RecoveryCode,
    RecoveryDevice,
    Team,
    User,
)
from koers.web.accounts.permissions import can_administer, can_lead_team
from koers.web.accounts.roles import Role
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, target_of
from koers.web.common.inputs import refuse_unknown

# The audit detail of a refused enrolment code (the typed text is never kept).
WRONG_ENROLMENT = "wrong or expired enrolment code"
# What an admin may change on an existing account (update_user).
RECOVERY_CODES = 10
TOTP_NAME = "authenticator app"
RECOVERY_NAME = "recovery codes"
# How long an admin's enrolment code lets a user set up their authenticator app.
ENROLMENT_DAYS = 7


@dataclass(frozen=True, slots=True)
class IssuedCode:
    """An enrolment code to hand over once: only its hash is kept."""

    code: str
    expires_at: datetime.datetime


def _check_role(role: str) -> None:
    if role not in Role.values:
        choices = ", ".join(Role.values)
        raise ValidationError(
            {
                "role": _("Unknown role %(role)s: choose %(choices)s.")
                % {"role": role, "choices": choices}
            }
        )


@transaction.atomic
def create_team(*, by: User | None, name: str) -> Team:
    """A new team; names are unique, whatever their case."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("A team needs a name.")})
    if Team.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            {"name": _("There is already a team called %(name)s.") % {"name": name}}
        )
    team = Team.objects.create(name=name)
    record(by=by, action=AuditAction.TEAM_CREATED, target=target_of(team), fields=["name"])
    return team


@transaction.atomic
def create_user(
    *,
    by: User | None,
    username: str,
    role: str,
    team: Team | None,
    email: str,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """A new account. Without ``password`` it cannot sign in until a reset link is used.

    A ``password`` is chosen by someone else, so the user replaces it at first sign-in.
    ``by`` is None only when the command line creates the very first admin.
    """
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("A user needs a username.")})
    _check_role(role)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("There is already a user called %(username)s.") % {"username": username}}
        )
    user = User(
        username=username,
        role=role,
        team=team,
        email=email.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
        user.set_password(password)
        user.must_set_password = True
    user.full_clean(exclude=["password"])
    user.save()
    fields = ["username", "role", "team", "email", "first_name", "last_name"]
    fields = [name for name in fields if getattr(user, name)]
    if password is not None:
        fields.append("password")
    record(by=by, action=AuditAction.USER_CREATED, target=target_of(user), fields=fields)
    return user


@transaction.atomic
def update_user(*, by: User, user: User, values: UserValues) -> User:
    """Change role, team, names, e-mail or whether the account may sign in."""
    refuse_unknown(values, USER_FIELDS)
    if "role" in values:
        _check_role(str(values["role"]))
    if user.pk == by.pk and (
        values.get("is_active", True) is False or values.get("role", user.role) != Role.ADMIN
    ):
        # Keeps the last door open: an admin cannot lock themselves out by mistake.
        raise ValidationError(_("You cannot take away your own admin rights or account."))
    changed = []
    for name, value in values.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed.append(name)
    if not changed:
        return user
    user.full_clean(exclude=["password"])
    user.save(update_fields=changed)
    record(by=by, action=AuditAction.USER_CHANGED, target=target_of(user), fields=changed)
    return user


@transaction.atomic
def set_own_password(*, by: User, password: str, detail: str) -> User:
    """``by`` chose a new password (validated by the form); it ends a must-set-password."""
    by.set_password(password)
    by.must_set_password = False
    by.save(update_fields=["password", "must_set_password"])
    record(
        by=by,
        action=AuditAction.PASSWORD_CHANGED,
        target=target_of(by),
        fields=["password"],
        detail=detail,
    )
    return by


@transaction.atomic
def issue_enrolment_code(*, by: User | None, user: User) -> IssuedCode:
    """A new one-time code with which ``user`` can set up an authenticator; older ones end."""
    code = new_code()
    expires_at = timezone.now() + datetime.timedelta(days=ENROLMENT_DAYS)
    # A new row, not an update: a session that accepted the old code keeps the old id.
    EnrolmentCode.objects.filter(user=user).delete()
    EnrolmentCode.objects.create(user=user, digest=digest(code), expires_at=expires_at)
    record(
        by=by, action=AuditAction.USER_CHANGED, target=target_of(user), fields=["enrolment_code"]
    )
    return IssuedCode(code=code, expires_at=expires_at)


@transaction.atomic
def reset_two_factor(*, by: User | None, user: User) -> IssuedCode:
    """Remove every second factor of ``user`` (a lost phone) and give a new enrolment code."""
    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        removed += 1
    record(
        by=by,
        action=AuditAction.USER_2FA_RESET,
        target=target_of(user),
        fields=["two_factor"],
        detail=f"{removed} device(s) removed",
    )
    return issue_enrolment_code(by=by, user=user)


@transaction.atomic
def accept_enrolment_code(*, by: User, typed: str) -> int | None:
    """The id of ``by``'s enrolment code if ``typed`` is it and it is still valid, else None.

    The code is used up only when the authenticator is confirmed (``confirm_two_factor``).
    """
    enrolment = EnrolmentCode.objects.filter(user=by, expires_at__gt=timezone.now()).first()
    if enrolment is None or not matches(typed, enrolment.digest):
        record(
            by=by, action=AuditAction.SIGN_IN_FAILED, target=target_of(by), detail=WRONG_ENROLMENT
        )
        return None
    # A set-up begun before the code was checked may have shown its key to someone else.
    TOTPDevice.objects.filter(user=by, confirmed=False).delete()
    return enrolment.pk


def start_two_factor(*, by: User) -> TOTPDevice:
    """The unconfirmed authenticator ``by`` is setting up (made on first use).

    Only after ``accept_enrolment_code``; not audited: nothing is in force until
    ``confirm_two_factor`` succeeds.
    """
    device = TOTPDevice.objects.filter(user=by, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=by, name=TOTP_NAME, confirmed=False)
    return device


@transaction.atomic
def confirm_two_factor(
    *, by: User, device: TOTPDevice, token: str, enrolment_id: int
) -> list[str] | None:
    """Confirm the authenticator with a code from it; returns fresh recovery codes, or None.

    Uses up the enrolment code ``enrolment_id`` and tells the user by e-mail.
    """
    enrolment = (
        EnrolmentCode.objects.select_for_update()
        .filter(pk=enrolment_id, user=by, expires_at__gt=timezone.now())
        .first()
    )
    if device.user_id != by.pk or device.confirmed or enrolment is None:
        raise PermissionDenied
    if not device.verify_token(_digits(token)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    enrolment.delete()
    # Older or abandoned attempts are of no use any more.
    TOTPDevice.objects.filter(user=by, confirmed=False).delete()
    codes = _new_recovery_codes(by)
    # After the commit, so that no mail goes out about a set-up that was rolled back.
    transaction.on_commit(lambda: send_second_factor_added(by, app=True))
    record(
        by=by,
        action=AuditAction.USER_CHANGED,
        target=target_of(by),
        fields=["two_factor", "recovery_codes"],
        detail="two-factor authentication set up",
    )
    return codes


@transaction.atomic
def verify_second_step(*, by: User, device: TOTPDevice | RecoveryDevice, token: str) -> bool:
    """Check a code from the app, or a recovery code (then used up); audited either way."""
    verified = django_otp.verify_token(by, device.persistent_id, token) is not None
    kind = "recovery code" if isinstance(device, RecoveryDevice) else "code from the app"
    record(
        by=by,
        action=AuditAction.SIGNED_IN if verified else AuditAction.SIGN_IN_FAILED,
        target=target_of(by),
        detail=f"second step: {kind}" if verified else f"second step: wrong {kind}",
    )
    return verified


@transaction.atomic
def regenerate_recovery_codes(*, by: User) -> list[str]:
    """Replace every recovery code of ``by`` with ten new ones (shown once); mails ``by``."""
    codes = _new_recovery_codes(by)
    transaction.on_commit(lambda: send_second_factor_added(by, app=False))
    record(by=by, action=AuditAction.USER_CHANGED, target=target_of(by), fields=["recovery_codes"])
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = RecoveryDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.codes.all().delete()
    codes = [new_code() for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create([RecoveryCode(device=device, digest=digest(c)) for c in codes])
    return codes


def _digits(token: str) -> str:
    return "".join(token.split())


@transaction.atomic
def arrange_cover(
    *,
    by: User,
    coach: User,
    substitute: User,
    starts: datetime.date,
    ends: datetime.date,
) -> Cover:
    """Waarneming: ``substitute`` handles the clients of ``coach`` from ``starts`` to ``ends``."""
    if not (can_lead_team(by) or can_administer(by)):
        raise PermissionDenied
    errors: dict[str, str] = {}
    longest = starts + datetime.timedelta(days=settings.KOERS_MAX_COVER_DAYS)
    if ends < starts:
        errors["ends"] = _("The end date cannot be before the start date.")
    elif ends > longest:
        errors["ends"] = _(
            "A cover lasts at most %(days)d days: from this start until %(date)s at the latest."
        ) % {
            "days": settings.KOERS_MAX_COVER_DAYS,
            "date": date_format(longest, "SHORT_DATE_FORMAT"),
        }
    if coach.pk == substitute.pk:
        errors["substitute"] = _("A coach cannot cover for themselves.")
    holders = {Role.COACH, Role.TEAMLEAD}
    for name, person in (("coach", coach), ("substitute", substitute)):
        if not person.is_active or person.role not in holders:
            errors.setdefault(
                name, _("%(name)s does not hold a caseload.") % {"name": person.display_name}
            )
        elif by.is_teamlead and not by.leads_team_of(person):
            errors.setdefault(
                name, _("%(name)s is not in your team.") % {"name": person.display_name}
            )
    if errors:
        raise ValidationError(errors)
    cover = Cover.objects.create(
        coach=coach, substitute=substitute, starts=starts, ends=ends, created_by=by
    )
    record(
        by=by,
        action=AuditAction.COVER_CREATED,
        target=target_of(cover),
        fields=["coach", "substitute", "starts", "ends"],
    )
    return cover


@transaction.atomic
def end_cover(*, by: User, cover: Cover) -> Cover | None:
    """End a cover now: from today the substitute no longer handles the coach's clients.

    A cover that ran before today keeps its history and ends yesterday (``ends`` is inclusive).
    One that starts today or later never ran before today: it is withdrawn (the row goes; the
    audit trail keeps that it was arranged and ended) and None is returned.
    """
    if not (can_administer(by) or by.leads_team_of(cover.coach)):
        raise PermissionDenied
    today = timezone.localdate()
    target = target_of(cover)
    if cover.ends < today:
        return cover
    if cover.starts < today:
        Cover.objects.filter(pk=cover.pk).update(ends=today - datetime.timedelta(days=1))
        cover.refresh_from_db()
        record(by=by, action=AuditAction.COVER_ENDED, target=target, fields=["ends"])
        return cover
    cover.delete()
    record(by=by, action=AuditAction.COVER_ENDED, target=target, detail="withdrawn")
    return None
