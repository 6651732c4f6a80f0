"""The first authentication backend: refuses a sign-in before any password hash is computed.

django-axes refuses one user name from one address after KOERS_LOGIN_ATTEMPTS failures. That
does not stop one address from trying a few passwords on every account, so this backend also
refuses an address (IPv6: its /64) once KOERS_LOGIN_ATTEMPTS_PER_ADDRESS sign-ins from it
failed within the lockout time, whatever the user names. Refusing here, before ModelBackend,
keeps such a flood from costing a password hash per try.
"""

from __future__ import annotations

import datetime
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.client_address import client_block
from koers.web.common.kept_rows import kept_row

# Set on a request refused for its address, so that the lockout page says why.
ADDRESS_LIMITED = "koers_address_limited"


def failed_sign_ins_from(block: str) -> int:
    """Failed sign-ins from ``block`` (any user name) within the lockout time."""
    attempts = AccessAttempt.objects.filter(ip_address=block)
    cool_off: datetime.timedelta | None = get_cool_off()
    if cool_off is not None:  # None: lockouts last until an admin lifts them
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    total: int | None = attempts.aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


class SignInLimitBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """django-axes' lockout per user name and address, then the limit per address."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().authenticate(request, username, password, **kwargs)
        if request is None:
            return
        block = client_block(request)
        if block and failed_sign_ins_from(block) >= settings.KOERS_LOGIN_ATTEMPTS_PER_ADDRESS:
            # django-axes' middleware turns this flag into the lockout page (429).
            setattr(request, "axes_locked_out", True)  # noqa: B010
            setattr(request, ADDRESS_LIMITED, True)
            raise AxesBackendPermissionDenied("too many failed sign-ins from this address")


_user = kept_row(User)


class UserBackend(ModelBackend):
    """Django's ModelBackend, with the signed-in user of every request read through a kept
    query (decision 0010): building and compiling that look-up cost more than running it."""

    def get_user(self, user_id: Any) -> User | None:
        user = _user(int(user_id))
        return user if user is not None and self.user_can_authenticate(user) else None
