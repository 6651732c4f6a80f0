"""``{% callback_form %}``: the explorer's "Call me back" form, for the footer of every page."""

from __future__ import annotations

from typing import Any

from django import template

from koers.web.explorer.short_code import InvalidCodeError, decode
from koers.web.intake.forms import CallbackForm

register = template.Library()


@register.inclusion_tag("intake/_callback_section.html", takes_context=True)
def callback_form(context: template.Context) -> dict[str, Any]:
    """An empty form; a page that shows a result (``code`` in its context) offers to send it."""
    code = context.get("code", "")
    try:
        decode(code if isinstance(code, str) else "")
    except InvalidCodeError:
        code = ""
    return {"form": CallbackForm(initial={"short_code": code}), "callback_code": code}
