"""``get_FOO_display()`` with each field's labels gathered once, not on every call."""

from __future__ import annotations

import functools
from collections.abc import Hashable
from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


@functools.cache
def _labels(field: models.Field[Any, Any]) -> dict[Hashable, Any]:
    # The labels stay lazy: each call still gives them in the active language.
    return dict(make_hashable(field.flatchoices))


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """A choice's label for a value read as a plain column, or the value itself when it is none
    of them, as ``get_FOO_display()`` gives it."""
    return str(dict(choices.choices).get(value, value))


class ChoiceLabels:
    """A model mixin: Django rebuilds a field's whole table of choices (and translates every
    label) for each ``get_FOO_display()``; a caseload page made a hundred of those."""

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> Any:  # noqa: N802 - Django's name
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)
