"""Reflection exercises (C2): what work gives you and what the change means to you.

Answers live only in an encrypted cookie in the person's own browser (and on the page):
never in the database, a URL or a log. They appear on the printout of a learning plan.

Encrypted rather than kept on the server under a random id (issue 14): answers about worries
and health then still never reach the database, and there is nothing to clean up; yet someone
who copies the cookie from a shared computer cannot read them without the server's key. The
cookie ends with the browser session and is sent only over HTTPS when Koers runs behind HTTPS.
"""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

COOKIE = "koers_reflection"
# Fernet also dates its tokens: a browser that restores its sessions keeps them a month at most.
MAX_AGE = 60 * 60 * 24 * 30

GIVES = {
    "place": _("a place in society"),
    "security": _("security: a steady income"),
    "people": _("being with people"),
    "helping": _("helping others"),
    "making": _("making or fixing things"),
    "structure": _("structure in my day"),
    "pride": _("being proud of what I do"),
}
LEAVE = {
    "colleagues": _("my colleagues"),
    "craft": _("my trade, what I am good at"),
    "customers": _("my customers or clients"),
    "certainty": _("knowing what to expect"),
}
GAIN = {
    "new": _("learning something new"),
    "work": _("more certainty of work"),
    "meaning": _("work that means more to me"),
    "hours": _("better hours"),
}
WORRIES = {
    "money": _("money"),
    "age": _("my age"),
    "learning": _("learning again, school"),
    "others": _("what others think"),
    "health": _("my health"),
    "family": _("my family"),
}
QUESTIONS = {
    "gives": (_("What does work give you?"), GIVES),
    "leave": (_("What would you leave behind?"), LEAVE),
    "gain": (_("What could you gain?"), GAIN),
    "worries": (_("What worries you?"), WORRIES),
}


def question_fields(
    answers: dict[str, list[str] | str] | None = None,
) -> dict[str, forms.MultipleChoiceField]:
    """One group of boxes to tick per question (those in ``answers`` ticked)."""
    return {
        key: forms.MultipleChoiceField(
            label=question,
            choices=list(options.items()),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            initial=(answers or {}).get(key, []),
        )
        for key, (question, options) in QUESTIONS.items()
    }


class ReflectionForm(forms.Form):
    """One group of boxes to tick per question, then an optional own word."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(question_fields())
        self.fields["own_words"] = forms.CharField(
            label=_("In your own words (if you like)"), max_length=200, required=False
        )


@lru_cache(maxsize=2)
def _fernet(secret_key: str) -> Fernet:
    """A Fernet key of its own, derived from SECRET_KEY (HKDF), so that no other use of the
    secret key can produce or read these cookies."""
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"koers.reflection").derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def read(request: HttpRequest) -> dict[str, list[str] | str]:
    """The answers in the person's cookie; empty when there are none, when it was tampered with
    or is too old, and for the signed (readable) cookies of earlier versions."""
    raw = request.COOKIES.get(COOKIE)
    if not raw:
        return {}
    try:
        answers = json.loads(_fernet(settings.SECRET_KEY).decrypt(raw, ttl=MAX_AGE))
    except (InvalidToken, ValueError):
        return {}
    return answers if isinstance(answers, dict) else {}


def keep(response: HttpResponse, answers: dict[str, list[str] | str]) -> None:
    """No max-age or expiry: the cookie ends with the browser session."""
    response.set_cookie(
        COOKIE,
        _fernet(settings.SECRET_KEY).encrypt(json.dumps(answers).encode()).decode("ascii"),
        httponly=True,
        samesite="Lax",
        # Under KOERS_HTTPS, like the session cookie.
        secure=settings.SESSION_COOKIE_SECURE,
    )


def forget(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE, samesite="Lax")


def summary(answers: dict[str, list[str] | str]) -> list[tuple[str, list[str]]]:
    """The answers as (question, chosen words) for the page and the printout."""
    lines = []
    for key, (question, options) in QUESTIONS.items():
        chosen = [str(options[c]) for c in answers.get(key, []) if c in options]
        if chosen:
            lines.append((str(question), chosen))
    own = answers.get("own_words")
    if isinstance(own, str) and own:
        lines.append((str(_("In your own words")), [own]))
    return lines
