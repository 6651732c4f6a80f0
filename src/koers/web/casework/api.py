"""Pauses in the API, for a personal token: a client's pauses, and pausing a client through
casework.pauses, so that what falls due in the pause needs the same yes as on the page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from koers.web.api.auth import TokenAuth, worker_of
from koers.web.api.problems import WORKSPACE_ERRORS, problem
from koers.web.casework import pauses
from koers.web.casework.schemas import DeadlinesInPause, PauseIn, PauseOut
from koers.web.clients.access import get_client_for
from koers.web.clients.models import Pause

router = Router(tags=["pauses"], auth=TokenAuth())


@router.get(
    "/clients/{client_id}/pauses",
    response={200: list[PauseOut], **WORKSPACE_ERRORS},
    operation_id="list_pauses",
    summary="A client's pauses, the latest first",
)
def list_pauses(request: HttpRequest, client_id: int) -> list[Pause]:
    client = get_client_for(worker_of(request), client_id)
    return list(client.pauses.select_related("by").order_by("-starts", "-pk"))


@router.post(
    "/clients/{client_id}/pauses",
    response={201: PauseOut, 409: DeadlinesInPause, **WORKSPACE_ERRORS},
    operation_id="pause_client",
    summary="Pause a client until a date (a token with the write scope)",
)
def pause_client(
    request: HttpRequest, client_id: int, payload: PauseIn
) -> Status[Pause] | HttpResponse:
    """A new pause replaces a running one. When something falls due in the pause the answer
    is 409 with the ``deadlines``, and nothing is paused until ``deadlines_confirmed``."""
    user = worker_of(request, write=True)
    client = get_client_for(user, client_id, audit=False)
    try:
        pause = pauses.pause_client(by=user, client=client, **payload.dict())
    except pauses.DeadlineInPauseError as error:
        due = [{"on": d.on.isoformat(), "what": d.what} for d in error.deadlines]
        return problem(409, str(error), extra={"deadlines": due})
    return Status(201, pause)
