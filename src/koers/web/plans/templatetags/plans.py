"""``{% plan_summary client %}``: the career plan in short on the client's page."""

from __future__ import annotations

from typing import Any

from django import template

from koers.web.clients.models import Client
from koers.web.plans.pages import summary_of

register = template.Library()


@register.inclusion_tag("plans/_summary.html")
def plan_summary(client: Client, *, on_call: bool = False) -> dict[str, Any]:
    """The summary; ``on_call`` (the calling round's call screen) leaves out starting a plan,
    so that the screen stays one call's work."""
    return {"client": client, "summary": summary_of(client), "on_call": on_call}
