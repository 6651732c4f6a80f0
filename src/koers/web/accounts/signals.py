"""Sign-ins, refused sign-ins and sign-outs in the audit trail, from Django's auth signals.

A refused sign-in names the account only when one by that name exists: what people type in
the name field is sometimes their password, and that must never be kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, target_of


@receiver(user_logged_in, dispatch_uid="koers.audit.signed_in")
def signed_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    record(by=user, action=AuditAction.SIGNED_IN, target=target_of(user), detail="password")


@receiver(user_logged_out, dispatch_uid="koers.audit.signed_out")
def signed_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        record(by=user, action=AuditAction.SIGNED_OUT, target=target_of(user))


@receiver(user_login_failed, dispatch_uid="koers.audit.sign_in_failed")
def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    typed = credentials.get("username")
    # The same exact look-up as Django's ModelBackend.
    account = User.objects.filter(username=typed).first() if isinstance(typed, str) else None
    if getattr(request, "axes_locked_out", False):
        reason = "locked out"
    elif account is None:
        reason = "unknown user name"
    elif not account.is_active:
        reason = "account not active"
    else:
        reason = "wrong password"
    record(
        by=None,
        action=AuditAction.SIGN_IN_FAILED,
        target=target_of(account) if account is not None else "",
        detail=f"{account.username}: {reason}" if account is not None else reason,
    )
