"""Password-reset mail, throttled per address and per account (issue 14).

Without a limit, anyone could have Koers send a coach hundreds of reset mails, or probe from
one address without end. Past KOERS_RESET_PER_ADDRESS requests from one address (IPv6: one
/64) or KOERS_RESET_PER_ACCOUNT for one e-mail address within an hour, no mail goes out; the
page says the same as always, so it never tells whether an account exists.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from koers.web.accounts.models import PasswordResetRequest
from koers.web.client_address import client_block

WINDOW = datetime.timedelta(hours=1)


def _key(kind: str, value: str) -> str:
    return salted_hmac(f"koers.web.accounts.reset.{kind}", value, algorithm="sha256").hexdigest()


@transaction.atomic
def may_send_reset(*, address: str, email: str, now: datetime.datetime | None = None) -> bool:
    """Count this request; True while the address and the account are within their limits."""
    now = now or timezone.now()
    PasswordResetRequest.objects.filter(created_at__lt=now - WINDOW).delete()
    address_key, account_key = _key("address", address), _key("account", email.strip().lower())
    recent = PasswordResetRequest.objects.filter(created_at__gte=now - WINDOW)
    allowed = (
        recent.filter(address=address_key).count() < settings.KOERS_RESET_PER_ADDRESS
        and recent.filter(account=account_key).count() < settings.KOERS_RESET_PER_ACCOUNT
    )
    PasswordResetRequest.objects.create(address=address_key, account=account_key, created_at=now)
    return allowed


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form, which sends nothing past the limits (and says nothing about it)."""

    def save(self, *args: Any, **kwargs: Any) -> None:
        request: HttpRequest | None = kwargs.get("request")
        address = (client_block(request) or "") if request is not None else ""
        if may_send_reset(address=address, email=self.cleaned_data["email"]):
            super().save(*args, **kwargs)
