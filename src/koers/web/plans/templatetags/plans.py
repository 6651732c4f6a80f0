"""``{% plan_summary client %}``: the career plan in short on the client's page; ``skill_spans``:
a list of skills in one line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from koers.web.clients.models import Client
from koers.web.common.presenters import SkillText
from koers.web.plans.pages import summary_of

register = template.Library()


@register.inclusion_tag("plans/_summary.html")
def plan_summary(client: Client, *, on_call: bool = False) -> dict[str, Any]:
    """The summary; ``on_call`` (the calling round's call screen) leaves out starting a plan,
    so that the screen stays one call's work."""
    return {"client": client, "summary": summary_of(client), "on_call": on_call}


@register.filter
def skill_spans(skills: Iterable[SkillText]) -> SafeString:
    """Skills as "a, b, c", each label marked with its language (WCAG 3.1.2). A filter, not a
    loop in the template: the editor lists some 350 of them, which cost the template engine
    several milliseconds a page."""
    return format_html_join(", ", '<span lang="{}">{}</span>', ((s.lang, s.label) for s in skills))
