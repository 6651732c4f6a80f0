"""What the client pages share: the gate, and applying an action's errors to a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError

from koers.web.accounts.decorators import staff_required
from koers.web.accounts.permissions import can_work_with_clients
from koers.web.clients.models import Client, Traject

T = TypeVar("T")

# Coaches and team leads; admins handle data requests, not caseloads.
for_coaches = staff_required(can_work_with_clients)


def run_on_form(form: forms.BaseForm, action: Callable[[], T]) -> T | None:
    """Run ``action``; a ValidationError it raises becomes the form's errors (None returned)."""
    try:
        return action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


def conflict_of(
    form: forms.BaseForm, current: Client | Traject, values: dict[str, object]
) -> dict[str, object]:
    """Prepare a form for saving again over ``current``; name the fields that now differ."""
    data = form.data.copy()  # type: ignore[attr-defined]
    data["version"] = str(current.version)
    form.data = data
    differences = [
        str(form.fields[name].label)
        for name, value in values.items()
        if name in form.fields and getattr(current, name, value) != value
    ]
    return {"differences": differences}
