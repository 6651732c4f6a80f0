"""Training applications in the API, for a personal token: a client's applications and one
application, opened exactly when its client may be opened (and audited as on the pages)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from koers.web.api.auth import TokenAuth, worker_of
from koers.web.api.problems import WORKSPACE_ERRORS
from koers.web.clients.access import get_client_for
from koers.web.training.access import get_application_for
from koers.web.training.models import Application
from koers.web.training.queries import applications_of
from koers.web.training.schemas import ApplicationOut

router = Router(tags=["training"], auth=TokenAuth())


@router.get(
    "/clients/{client_id}/applications",
    response={200: list[ApplicationOut], **WORKSPACE_ERRORS},
    operation_id="list_applications",
    summary="A client's training applications, newest first, with their funding lines",
)
def list_applications(request: HttpRequest, client_id: int) -> list[Application]:
    return applications_of(get_client_for(worker_of(request), client_id))


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, **WORKSPACE_ERRORS},
    operation_id="get_application",
    summary="One training application, with its funding lines",
)
def get_application(request: HttpRequest, application_id: int) -> Application:
    """404 for an application of a client you may not open, as for one that does not exist."""
    return get_application_for(worker_of(request), application_id)
