"""The career plan in the API, for a personal token: read only, the same document as
``koers plan show CLIENT --json`` (plans.snapshot), opened and audited as on the plan's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from koers.web.api.auth import TokenAuth, worker_of
from koers.web.api.problems import WORKSPACE_ERRORS
from koers.web.plans.access import get_plan_for
from koers.web.plans.schemas import PlanOut
from koers.web.plans.snapshot import snapshot_of

router = Router(tags=["plans"], auth=TokenAuth())


@router.get(
    "/clients/{client_id}/plan",
    response={200: PlanOut, **WORKSPACE_ERRORS},
    operation_id="get_plan",
    summary="A client's career plan as it is now",
)
def get_plan(request: HttpRequest, client_id: int) -> dict[str, Any]:
    """404 too when no plan was started (``detail`` says so)."""
    plan = get_plan_for(worker_of(request), client_id)
    if plan is None:
        raise HttpError(404, "this client has no career plan yet")
    return {"client": plan.client_id, **snapshot_of(plan)}
