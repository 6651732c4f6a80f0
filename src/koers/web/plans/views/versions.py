"""The plan's versions: the list, and one version as it was saved."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.plans import pages, queries
from koers.web.plans.access import get_plan_for
from koers.web.plans.models import Plan, PlanShare


def _plan_to_read(request: HttpRequest, pk: int) -> Plan:
    # Both pages show versions as they were saved, not what the plan holds now.
    plan = get_plan_for(current_user(request), pk, contents=())
    if plan is None:
        raise Http404
    return plan


@for_coaches
@require_GET
def versions(request: HttpRequest, pk: int) -> TemplateResponse:
    """Every saved version: number, when, who, what changed, the client's answer, and to whom
    it was sent."""
    plan = _plan_to_read(request, pk)
    sent = Prefetch("shares", queryset=PlanShare.objects.select_related("opdrachtgever"))
    return TemplateResponse(
        request,
        "plans/versions.html",
        {
            "client": plan.client,
            "plan": plan,
            "versions": queries.version_list_of(plan).prefetch_related(sent),
        },
    )


@for_coaches
@require_GET
def version(request: HttpRequest, pk: int, number: int) -> TemplateResponse:
    """One version as it was saved, read only."""
    plan = _plan_to_read(request, pk)
    saved = queries.versions_of(plan).filter(number=number).first()
    if saved is None:
        raise Http404
    return TemplateResponse(
        request,
        "plans/version.html",
        {
            "client": plan.client,
            "plan": plan,
            "saved": saved,
            "shown": pages.snapshot_shown(saved.snapshot),
        },
    )
