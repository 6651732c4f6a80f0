"""The e-mails of accounts: choosing a first password, and a second factor that was added."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from koers.web.accounts.models import User

logger = logging.getLogger(__name__)


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


def send_second_factor_added(user: User, *, app: bool) -> None:
    """Tell ``user`` that an authenticator app (``app``) or new recovery codes were added.

    If it was not them, they learn it here. A mail server that is down does not undo the
    change: it is logged instead.
    """
    if not user.email:
        return
    context = {
        "user": user,
        "site_name": settings.KOERS_ORGANISATION["name"],
        "at": timezone.localtime(),
        "app": app,
    }
    subject = render_to_string("accounts/second_factor_subject.txt", context).strip()
    body = render_to_string("accounts/second_factor_email.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except OSError:
        logger.warning("Could not mail user %s about their new second factor", user.pk)
