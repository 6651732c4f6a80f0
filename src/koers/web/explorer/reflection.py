"""Reflection exercises (C2): what work gives you and what the change means to you.

Answers live only in a signed cookie in the person's own browser (and on the page):
never in the database, a URL or a log. They appear on the printout of a learning plan.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

COOKIE = "koers_reflection"
SALT = "koers.reflection"
MAX_AGE = 60 * 60 * 24 * 30  # a month: long enough to bring the printout to a coach

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


class ReflectionForm(forms.Form):
    """One group of boxes to tick per question, then an optional own word."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, (question, options) in QUESTIONS.items():
            self.fields[key] = forms.MultipleChoiceField(
                label=question,
                choices=list(options.items()),
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        self.fields["own_words"] = forms.CharField(
            label=_("In your own words (if you like)"), max_length=200, required=False
        )


def read(request: HttpRequest) -> dict[str, list[str] | str]:
    """The answers in the person's cookie; empty when there are none or it was tampered with."""
    raw = request.COOKIES.get(COOKIE)
    if not raw:
        return {}
    try:
        answers: dict[str, list[str] | str] = signing.loads(raw, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return {}
    return answers


def keep(response: HttpResponse, answers: dict[str, list[str] | str]) -> None:
    response.set_cookie(
        COOKIE,
        signing.dumps(answers, salt=SALT, compress=True),
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
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
