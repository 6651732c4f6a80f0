"""``{% callback_form %}``: the explorer's "Call me back" form, for the footer of every page;
``{% to_call_back callbacks %}``: the requests to call back; ``{% promise callback %}``: by
when the staff should call a request back."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.web.explorer.short_code import InvalidCodeError, decode
from koers.web.intake.forms import CallbackForm
from koers.web.intake.models import CallbackRequest
from koers.web.intake.promise import working_days_left

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


@register.inclusion_tag("intake/_to_call.html")
def to_call_back(callbacks: list[CallbackRequest]) -> dict[str, Any]:
    """The requests to call back, for the top of "Aandacht nodig" and the calling rounds."""
    return {"callbacks": callbacks, "promise_days": settings.KOERS_CALLBACK_WORKING_DAYS}


@register.simple_tag
def promise(callback: CallbackRequest) -> str:
    """By when the explorer promised to call back, and how many working days are left."""
    today = timezone.localdate()
    deadline = callback.promised_by
    left = working_days_left(deadline, today=today)
    if left > 0:
        how = ngettext("%(count)d working day left", "%(count)d working days left", left) % {
            "count": left
        }
    elif left == 0:
        how = _("today is the last day")
    else:
        how = ngettext("%(count)d working day late", "%(count)d working days late", -left) % {
            "count": -left
        }
    return _("call back by %(day)s, %(how)s") % {
        "day": date_format(deadline, "l j F"),
        "how": how,
    }
