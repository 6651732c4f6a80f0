"""``{% plan_summary client %}``: the career plan in short on the client's page."""

from __future__ import annotations

from typing import Any

from django import template

from koers.web.clients.models import Client
from koers.web.plans.pages import summary_of

register = template.Library()


@register.inclusion_tag("plans/_summary.html")
def plan_summary(client: Client) -> dict[str, Any]:
    return {"client": client, "summary": summary_of(client)}
