"""Personal API tokens: made for a user with a second factor, shown once, revoked at will.

A token acts as its user, with that user's role and team and never more: the API asks the same
permission and access functions as the pages. A token stops working when it expires, when it
is revoked, when its user is deactivated, and when the user's second factor is reset.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.web.accounts.models import ApiToken, User
from koers.web.accounts.permissions import can_administer
from koers.web.accounts.queries import has_two_factor, with_authenticator
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, target_of

PREFIX = "koers_"
# The longest a token may live, and how often its "last used" is written (not every call).
MAX_DAYS = 366
LAST_USED_EVERY = datetime.timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A new token: ``token`` is shown once and kept nowhere."""

    token: str
    row: ApiToken


def hash_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_token(
    *, by: User | None, user: User, scope: str, days: int, name: str = ""
) -> IssuedToken:
    """A token for ``user`` valid ``days`` days; ``by`` is an admin or the user (None: system).

    Refused (ValidationError) for a user without a second factor, an unknown scope or a
    lifetime outside 1 to MAX_DAYS days.
    """
    if by is not None and by.pk != user.pk and not can_administer(by):
        raise PermissionDenied("only admins make tokens for others")
    if not user.is_active:
        raise ValidationError({"user": _("This account is not active.")})
    if not has_two_factor(user):
        raise ValidationError(
            {"user": _("Only users with two-step sign-in set up can hold API tokens.")}
        )
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Choose read or write.")})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            {"expires_at": _("A token is valid for 1 to %(max)d days.") % {"max": MAX_DAYS}}
        )
    token = PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    row = ApiToken(
        user=user,
        name=name.strip(),
        scope=scope,
        prefix=token[: len(PREFIX) + 6],
        key_hash=hash_of(token),
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    row.full_clean()
    row.save()
    record(
        by=by,
        action=AuditAction.TOKEN_CREATED,
        target=target_of(row),
        detail=f"{user.username} {scope} until {row.expires_at.date().isoformat()}",
    )
    return IssuedToken(token, row)


@transaction.atomic
def revoke_token(*, by: User | None, token: ApiToken) -> ApiToken:
    """Stop the token from working; its owner or an admin may. Revoking twice changes nothing."""
    if by is not None and by.pk != token.user_id and not can_administer(by):
        raise PermissionDenied("only the owner or an admin revokes a token")
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if current.revoked_at is None:
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at"])
        record(by=by, action=AuditAction.TOKEN_REVOKED, target=target_of(current))
    return current


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def token_user(token: str) -> tuple[User, ApiToken] | None:
    """The user and token row a bearer token stands for, if it works now; else None."""
    if not token.startswith(PREFIX) or len(token) > 100:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .annotate(user_has_2fa=with_authenticator("user"))
        .filter(key_hash=hash_of(token))
        .first()
    )
    now = timezone.now()
    if row is None or not row.works_at(now) or not row.user.is_active:
        return None
    if not row.user_has_2fa:
        return None
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row.user, row
