"""What forms across the web app share."""

from __future__ import annotations

from django import forms


def describe_errors(form: forms.Form) -> None:
    """Point each invalid input at its error message (and help text) for screen readers."""
    for name in form.errors:
        if name in form.fields:
            bound = form[name]
            ids = [f"{bound.auto_id}_error"]
            if bound.help_text:
                ids.append(f"{bound.auto_id}_helptext")
            form.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
