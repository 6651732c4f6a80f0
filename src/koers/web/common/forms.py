"""What forms across the web app share: running an action on a valid form, the BSN guard,
date inputs, submit tokens and error descriptions."""

from __future__ import annotations

import contextlib
import secrets
import string
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from koers.web.common.bsn import refuse_bsn
from koers.web.common.csv_files import MAX_BYTES

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


def on_valid_post(request: HttpRequest, form: forms.BaseForm, action: Callable[[], T]) -> T | None:
    """On a valid POST, run ``action`` as ``run_on_form`` does; else (or when it fails) None."""
    if request.method == "POST" and form.is_valid():
        return run_on_form(form, action)
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


class NoBsnMixin(forms.BaseForm):
    """Refuse a BSN in any text field (the 11-proef), with the error on that field.

    Also drops the "---------" choice from required radio buttons: a radio group needs none.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if (
                field.required
                and isinstance(field, forms.ChoiceField)
                and isinstance(field.widget, forms.RadioSelect)
            ):
                choices: Any = field.choices
                field.choices = [(value, label) for value, label in choices if value != ""]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in list(cleaned.items()):
            try:
                refuse_bsn(value)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


# A date the field could not read: how to type one in the active language (the browser's date
# picker always sends 2026-12-02; typed by hand a Dutch date is 2-12-2026).
DATE_ERRORS = {"invalid": _("Enter a date like 2026-12-02.")}


class DateInput(forms.DateInput):
    """The browser's date picker: its value is always ISO (2026-12-02), whatever the language;
    it shows the date the way the browser's language does."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value: Any) -> str | None:
        """A date typed in the active language's format (02-12-2026) is shown again as ISO, the
        only value a date picker takes; one that cannot be read stays as typed."""
        if isinstance(value, str) and value:
            with contextlib.suppress(ValidationError):
                value = forms.DateField().to_python(value)
        return super().format_value(value)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


class CsvFileField(forms.FileField):
    """A spreadsheet upload (CSV) of at most ``MAX_BYTES``."""

    def __init__(self, *, label: StrOrPromise) -> None:
        super().__init__(
            label=label,
            help_text=_("UTF-8, separated by ; or , with the columns of the template."),
            widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        )

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload is not None and upload.size > MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // (1024 * 1024)}
            )
        return upload
