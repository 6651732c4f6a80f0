"""'Aandacht nodig': one list per coach, and the team's for a team lead."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients.attention import attention
from koers.web.clients.queries import caseload_for


@for_coaches
def needs_attention(request: HttpRequest) -> TemplateResponse:
    user = current_user(request)
    today = timezone.localdate()
    clients = caseload_for(user, today=today)
    team = user.is_teamlead and request.GET.get("wie") != "mij"
    if not team:
        clients = clients.filter(coach=user) if user.is_teamlead else clients
    sections = attention(clients, today=today, expand=request.GET.get("alle", ""))
    record(by=user, action=AuditAction.CLIENT_LISTED, detail="needs attention")
    return TemplateResponse(
        request,
        "clients/attention.html",
        {"sections": sections, "team": team, "total": sum(len(s.rows) for s in sections)},
    )
