"""Sending a text message: a pluggable backend, named by ``KOERS_SMS_BACKEND``.

``ConsoleBackend`` (the default) prints the message; ``MessageBirdBackend`` posts it to
MessageBird's REST API (``KOERS_SMS_URL``, ``KOERS_SMS_KEY``, ``KOERS_SMS_SENDER``). Another
provider is a class with the same ``send`` method.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 10


class SendError(RuntimeError):
    """A message that did not go out; the text says what failed, for the coach."""


class SmsBackend(Protocol):
    def send(self, *, to: str, text: str) -> None:
        """Send ``text`` to ``to`` (international digits, no +), or raise SendError."""


class ConsoleBackend:
    """Prints each message on the server's output: for development and demos only (nothing
    leaves the machine, but the text lands in the server's log)."""

    def send(self, *, to: str, text: str) -> None:
        sys.stdout.write(f"SMS to {to}:\n{text}\n\n")


class MessageBirdBackend:
    """MessageBird's ``POST /messages``: JSON, ``Authorization: AccessKey <key>``."""

    def send(self, *, to: str, text: str) -> None:
        if not settings.KOERS_SMS_KEY:
            raise SendError(_("The SMS service is not set up (KOERS_SMS_KEY is empty)."))
        body = json.dumps(
            {"originator": settings.KOERS_SMS_SENDER, "recipients": [to], "body": text}
        ).encode()
        request = urllib.request.Request(
            settings.KOERS_SMS_URL,
            data=body,
            method="POST",
            headers={
                "Authorization": f"AccessKey {settings.KOERS_SMS_KEY}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):
                return
        except urllib.error.HTTPError as error:
            raise SendError(
                _("The SMS service refused the message (HTTP %(status)d).") % {"status": error.code}
            ) from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SendError(_("The SMS service could not be reached.")) from error


def sms_backend() -> SmsBackend:
    backend: SmsBackend = import_string(settings.KOERS_SMS_BACKEND)()
    return backend
