"""The e-mail that lets a new user choose their first password."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpRequest
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from koers.web.accounts.models import User


def send_welcome(request: HttpRequest, user: User) -> None:
    """A one-time link to the set-password page, valid for PASSWORD_RESET_TIMEOUT.

    Django's own reset form skips accounts without a usable password, which is exactly what a
    new account is, so the link is made here with the same token generator.
    """
    context = {
        "email": user.email,
        "domain": request.get_host(),
        "site_name": settings.KOERS_ORGANISATION["name"],
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
    }
    PasswordResetForm().send_mail(
        "accounts/welcome_subject.txt",
        "accounts/welcome_email.txt",
        context,
        settings.DEFAULT_FROM_EMAIL,
        user.email,
    )
