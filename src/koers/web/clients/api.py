"""The client file in the API, for a personal token: the caseload, one client, its contacts
and trajecten; logging a contact, starting, changing or moving a traject. The same queries,
access checks and actions as the pages, so that the same people see the same clients and
every view and change is audited alike."""

from __future__ import annotations

from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.params import functions as param
from ninja.responses import NinjaJSONEncoder

from koers import knowledge
from koers.taxonomy.sectors import SECTORS
from koers.web.accounts.models import User, display_name
from koers.web.accounts.queries import coaches_of
from koers.web.api.answers import json_answer
from koers.web.api.auth import TokenAuth, worker_of
from koers.web.api.problems import WORKSPACE_ERRORS, Problem
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record_listing
from koers.web.clients import actions
from koers.web.clients.access import get_client_for
from koers.web.clients.forms import CaseloadFilterForm
from koers.web.clients.inputs import as_client_values
from koers.web.clients.models import Client, Contact, Opdrachtgever, Traject
from koers.web.clients.queries import caseload_for, contacts_of, filtered_caseload, trajecten_of
from koers.web.clients.schemas import (
    ClientChange,
    ClientIn,
    ClientOut,
    ClientPage,
    ClientRow,
    ContactIn,
    ContactOut,
    form_token,
    idempotency_key_header,
)
from koers.web.clients.traject_schemas import TrajectChange, TrajectIn, TrajectOut, TrajectStep

router = Router(tags=["clients"], auth=TokenAuth())
# What a row of the list shows (ClientRow): a client's file has thirty columns, the coach's
# account a password hash and more.
ROW_FIELDS = tuple(name for name in ClientRow.model_fields if name != "coach")
COACH_FIELDS = tuple(f"coach__{name}" for name in User.DISPLAY_NAME_FIELDS)
DATES = NinjaJSONEncoder()


def client_row(values: dict[str, Any]) -> dict[str, Any]:
    """A ClientRow from the row's columns, the coach named as everywhere else."""
    row = {name: values[name] for name in ROW_FIELDS}
    if row["last_reached_at"]:
        # Written as ninja writes it elsewhere (the client's file): to the millisecond.
        row["last_reached_at"] = DATES.default(row["last_reached_at"])
    row["coach"] = {
        "id": values["coach_id"],
        "name": display_name(*(values[field] for field in COACH_FIELDS)),
    }
    return row


class CaseloadQuery(Schema):
    """The caseload page's filters, with the same choices."""

    q: str = Field("", max_length=100, description="Words in the name, employer or e-mail.")
    situation: str = ""
    urgency: str = ""
    status: str = Field("", description="Clients with a traject in this status.")
    opdrachtgever: int | None = None
    coach: int | None = Field(None, description="Team leads: one coach's clients.")
    sort: Literal["name", "urgency", "last_contact", "-last_contact"] = "name"
    page: int = Field(1, ge=1)


@router.get(
    "/clients",
    response={200: ClientPage, **WORKSPACE_ERRORS},
    operation_id="list_clients",
    summary="The caseload: the clients you may see",
)
def list_clients(request: HttpRequest, filters: Query[CaseloadQuery]) -> HttpResponse:
    """Own clients, those of a colleague you cover for, and for a team lead the team's."""
    user = worker_of(request)
    asked = filters.dict()
    form = CaseloadFilterForm(
        {name: value for name, value in asked.items() if value not in (None, "")},
        opdrachtgevers=list(Opdrachtgever.objects.values_list("pk", "name")),
        coaches=[(c.pk, c.display_name) for c in coaches_of(user.led_team_id)],
    )
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    clients = filtered_caseload(caseload_for(user, today=timezone.localdate()), form.filters())
    rows = clients.values(*ROW_FIELDS, "coach_id", *COACH_FIELDS)
    paginator = Paginator(rows, settings.KOERS_PAGE_SIZE)
    page = paginator.get_page(filters.page)
    record_listing(by=user, what=AuditAction.CLIENT_LISTED, page=page.number)
    return json_answer(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "results": [client_row(values) for values in page],
        }
    )


@router.get(
    "/clients/{client_id}",
    response={200: ClientOut, **WORKSPACE_ERRORS},
    operation_id="get_client",
    summary="One client's file",
)
def get_client(request: HttpRequest, client_id: int) -> Client:
    """404 for a client you may not open, as for one that does not exist."""
    return get_client_for(worker_of(request), client_id)


@router.post(
    "/clients",
    response={201: ClientOut, **WORKSPACE_ERRORS},
    operation_id="create_client",
    summary="Add a client to your own caseload (a token with the write scope)",
)
def create_client(request: HttpRequest, payload: ClientIn) -> Status[Client]:
    """The same action as the page "Nieuwe cliënt": the client's coach is the token's user."""
    user = worker_of(request, write=True)
    values = payload.dict(exclude_unset=True)
    check_sector_and_occupation(values)
    client = actions.create_client(by=user, coach=user, values=as_client_values(values))
    return Status(201, get_client_for(user, client.pk, audit=False))


@router.patch(
    "/clients/{client_id}",
    response={200: ClientOut, 409: Problem, **WORKSPACE_ERRORS},
    operation_id="update_client",
    summary="Change a client's file (a token with the write scope)",
)
def update_client(request: HttpRequest, client_id: int, payload: ClientChange) -> Client:
    """Send the ``version`` you read: 409 when someone saved in between, nothing written."""
    user = worker_of(request, write=True)
    client = get_client_for(user, client_id, audit=False)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    check_sector_and_occupation(values)
    return actions.update_client(
        by=user, client=client, version=payload.version, values=as_client_values(values)
    )


def check_sector_and_occupation(values: dict[str, Any]) -> None:
    """What the page's form checks beyond the model: a known sector and occupation."""
    if values.get("sector") and values["sector"] not in {s.letter for s in SECTORS}:
        raise ValidationError({"sector": "give the sector as one letter, A to U"})
    uri = values.get("occupation_uri")
    if uri and uri not in knowledge.taxonomy().occupation_index:
        raise ValidationError({"occupation_uri": "not an ESCO occupation in the knowledge base"})
    for name in ("call_times", "support_reasons"):
        if values.get(name) is not None:
            values[name] = [str(code) for code in values[name]]


@router.get(
    "/clients/{client_id}/contacts",
    response={200: list[ContactOut], **WORKSPACE_ERRORS},
    operation_id="list_contacts",
    summary="A client's contacts, newest first",
)
def list_contacts(
    request: HttpRequest, client_id: int, limit: int = param.Query(100, ge=1, le=500)
) -> list[Contact]:
    client = get_client_for(worker_of(request), client_id)
    return list(contacts_of(client)[:limit])


@router.post(
    "/clients/{client_id}/contacts",
    response={201: ContactOut, **WORKSPACE_ERRORS},
    operation_id="log_contact",
    summary="Log a contact (a token with the write scope)",
)
def log_contact(
    request: HttpRequest,
    client_id: int,
    payload: ContactIn,
    idempotency_key: str = idempotency_key_header(),
) -> Status[Contact]:
    """As on the client's page: a situation or urgency after it updates the client."""
    user = worker_of(request, write=True)
    client = get_client_for(user, client_id, audit=False)
    values = payload.values(client)
    token = form_token(user, idempotency_key)
    return Status(201, actions.log_contact(by=user, client=client, values=values, token=token))


def traject_of(client: Client, traject_id: int) -> Traject:
    """One of the client's trajecten (with minutes used); 404 for another client's."""
    traject = next((t for t in trajecten_of(client) if t.pk == traject_id), None)
    if traject is None:
        raise Http404
    return traject


@router.get(
    "/clients/{client_id}/trajecten",
    response={200: list[TrajectOut], **WORKSPACE_ERRORS},
    operation_id="list_trajecten",
    summary="A client's trajecten, with the minutes used",
)
def list_trajecten(request: HttpRequest, client_id: int) -> list[Traject]:
    return trajecten_of(get_client_for(worker_of(request), client_id))


@router.post(
    "/clients/{client_id}/trajecten",
    response={201: TrajectOut, **WORKSPACE_ERRORS},
    operation_id="create_traject",
    summary="Start a traject for a client (a token with the write scope)",
)
def create_traject(request: HttpRequest, client_id: int, payload: TrajectIn) -> Status[Traject]:
    user = worker_of(request, write=True)
    client = get_client_for(user, client_id, audit=False)
    traject = actions.create_traject(by=user, client=client, values=payload.values())
    return Status(201, traject_of(client, traject.pk))


@router.patch(
    "/clients/{client_id}/trajecten/{traject_id}",
    response={200: TrajectOut, 409: Problem, **WORKSPACE_ERRORS},
    operation_id="update_traject",
    summary="Change a traject (a token with the write scope)",
)
def update_traject(
    request: HttpRequest, client_id: int, traject_id: int, payload: TrajectChange
) -> Traject:
    """Send the ``version`` you read: 409 when someone saved in between, nothing written."""
    user = worker_of(request, write=True)
    client = get_client_for(user, client_id, audit=False)
    traject = traject_of(client, traject_id)
    actions.update_traject(
        by=user, traject=traject, version=payload.version, values=payload.values()
    )
    return traject_of(client, traject_id)


@router.post(
    "/clients/{client_id}/trajecten/{traject_id}/status",
    response={200: TrajectOut, 409: Problem, **WORKSPACE_ERRORS},
    operation_id="change_traject_status",
    summary="Move a traject one step (a token with the write scope)",
)
def change_traject_status(
    request: HttpRequest, client_id: int, traject_id: int, payload: TrajectStep
) -> Traject:
    """Closing needs an ``outcome``; a step the traject cannot take from where it is (a closed
    traject takes none) is 409, nothing changed."""
    user = worker_of(request, write=True)
    client = get_client_for(user, client_id, audit=False)
    traject = traject_of(client, traject_id)
    try:
        actions.change_traject_status(
            by=user, traject=traject, status=payload.status, outcome=payload.outcome or ""
        )
    except actions.StepError as error:
        raise HttpError(409, str(error)) from None
    return traject_of(client, traject_id)
