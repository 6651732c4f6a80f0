"""What forms across the web app share."""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError

T = TypeVar("T")


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


def new_submit_token() -> str:
    """24 random letters (137 bits); letters only, so that no token ever looks like a BSN."""
    return "".join(secrets.choice(string.ascii_letters) for _ in range(24))


class SubmitTokenField(forms.CharField):
    """A hidden random token, new each time the form is shown.

    An action that takes it recognises a second submit of the same form (a retry after a
    lost answer) and returns what the first one made, instead of making it twice.
    """

    def __init__(self) -> None:
        super().__init__(
            widget=forms.HiddenInput, required=False, max_length=64, initial=new_submit_token
        )


def describe_errors(form: forms.Form) -> None:
    """Point each invalid input at its error message (and help text) for screen readers."""
    for name in form.errors:
        if name in form.fields:
            bound = form[name]
            ids = [f"{bound.auto_id}_error"]
            if bound.help_text:
                ids.append(f"{bound.auto_id}_helptext")
            form.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
