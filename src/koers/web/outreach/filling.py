"""Filling a message template: only the known placeholders, each a plain name.

``str.format_map`` over a fixed dict of strings. A template may name no attribute, index,
conversion or format spec (``{voornaam.__class__}``, ``{voornaam!r}``): those are refused when
the template is saved, and again when it is filled. The values are never parsed, so a client
named ``{coach}`` or ``<b>`` is written as typed.
"""

from __future__ import annotations

import datetime
import string
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.web.accounts.models import User
from koers.web.clients.models import Client

# The names a template may use, and what each stands for (shown to whoever edits one).
PLACEHOLDERS = {
    "voornaam": gettext_lazy("the client's first name"),
    "coach": gettext_lazy("the coach's name"),
    "organisatie": gettext_lazy("the organisation's name"),
    "telefoon": gettext_lazy("the organisation's phone number"),
    "datum": gettext_lazy("the date of the appointment"),
    "tijd": gettext_lazy("the time of the appointment"),
}
MOMENT_NAMES = frozenset({"datum", "tijd"})


def names_in(text: str) -> set[str]:
    """The placeholders ``text`` uses; ValidationError for anything but plain known names."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        raise ValidationError(
            _("A single { or } in the text: write {{ or }} for the character itself.")
        ) from None
    names = set()
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise ValidationError(
                _("Unknown placeholder {%(name)s}. You can use: %(known)s.")
                % {"name": name, "known": ", ".join(f"{{{known}}}" for known in PLACEHOLDERS)}
            )
        names.add(name)
    return names


def values_for(
    client: Client, *, sender: User, language: str, moment: datetime.datetime | None
) -> dict[str, str]:
    """What the placeholders stand for, for ``client``; ``{coach}`` is whoever sends it (the
    client's coach, or a colleague covering for her); dates in ``language``."""
    organisation = settings.KOERS_ORGANISATION
    values = {
        "voornaam": client.first_name,
        "coach": sender.display_name,
        "organisatie": organisation["name"],
        "telefoon": organisation["phone"],
        "datum": "",
        "tijd": "",
    }
    if moment is not None:
        local = timezone.localtime(moment)
        with translation.override(language):
            values["datum"] = formats.date_format(local, "l j F Y")
            values["tijd"] = formats.time_format(local, "H:i")
    return values


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its placeholders filled in from ``values`` (checked first)."""
    names_in(text)
    return text.format_map(values)
