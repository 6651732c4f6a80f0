"""Every operation of the API, called by every persona with a read token, a write token and
no token: the access table of tests/web/test_access.py, extended to the API (issue 21 §3).

Anna coaches in team Noord and covers for Eva; Bram leads Noord; Carla is the admin (her role
works with no clients: 403); Dirk coaches in team Zuid. A read token that tries to write gets
403; a client someone may not open is 404, never 403; no token on the workspace is 401; the
engine answers without one. A new operation without a row here fails the first test.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from django.test import Client as Browser
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.api.v1 import api
from koers.web.clients.models import Client, Traject
from koers.web.rounds.models import Entry
from koers.web.training.models import Application
from tests.api.conftest import MakeToken, bearer
from tests.transitions.test_ranker import HAIRDRESSER
from tests.web.conftest import People
from tests.web.test_access import BARBER_ID, MAY_OPEN, PERSONAS, world

__all__ = ["world"]

pytestmark = pytest.mark.django_db

ESCO = "http://data.europa.eu/esco/occupation/"
WORKERS = {"anna", "eva", "bram", "dirk"}

# The engine: anyone, with a token or without.
ENGINE = {"search_occupations", "get_occupation", "list_transitions", "get_gap"}
# Any token, admins too (a coach her caseload, a team lead her team, an admin the organisation).
ANY_TOKEN = {"get_report"}
# Operations of one client: opened as the client's page is (MAY_OPEN); True: they write.
CLIENT_OPERATIONS = {
    "get_client": False,
    "update_client": True,
    "list_contacts": False,
    "log_contact": True,
    "list_trajecten": False,
    "create_traject": True,
    "update_traject": True,
    "change_traject_status": True,
    "list_pauses": False,
    "pause_client": True,
    "list_applications": False,
    "get_application": False,
    "get_plan": False,
}
# Operations without one client: who may call them, and whether they write.
WORKSPACE_OPERATIONS = {
    "list_clients": (WORKERS, False),
    # A new client of one's own: anyone who works with clients, with a write token.
    "create_client": (WORKERS, True),
    "list_rounds": (WORKERS, False),
    # Anna's round: its coach and her team lead.
    "list_round_entries": ({"anna", "bram"}, False),
    "record_call": ({"anna", "bram"}, True),
}

CONTACT = {"at": "2026-12-01T10:00:00+01:00", "outcome": "bereikt", "summary": "Gebeld."}


@cache
def operations() -> dict[str, tuple[str, str, int]]:
    """Every operation of the API by its id: (method, path, the status of a success)."""
    schema = api.get_openapi_schema()
    return {
        operation["operationId"]: (
            method.upper(),
            path,
            min(int(status) for status in operation["responses"] if int(status) < 300),
        )
        for path, by_method in schema["paths"].items()
        for method, operation in by_method.items()
    }


def test_every_api_operation_is_in_the_access_table() -> None:
    listed = ENGINE | ANY_TOKEN | set(CLIENT_OPERATIONS) | set(WORKSPACE_OPERATIONS)
    found = set(operations())
    assert found - listed == set(), "new API operations need a row in the access table"
    assert listed - found == set(), "the access table names operations that do not exist"


def body_for(operation: str, client: Client) -> dict[str, Any] | None:
    """A valid body for a writing operation, read fresh (versions move with each write)."""
    today = timezone.localdate()
    bodies: dict[str, Callable[[], dict[str, Any]]] = {
        "create_client": lambda: {"first_name": "Nieuw", "situation": "working"},
        "update_client": lambda: {"version": client_version(client), "employer": "Bakkerij"},
        "log_contact": lambda: CONTACT,
        "create_traject": lambda: {
            "opdrachtgever": first_traject(client).opdrachtgever_id,
            "starts": today.isoformat(),
        },
        "update_traject": lambda: {
            "version": first_traject(client).version,
            "order_number": "A-1",
        },
        "change_traject_status": lambda: {"status": "intake"},
        "pause_client": lambda: {
            "until": (today + datetime.timedelta(days=14)).isoformat(),
            "reason": "zorg",
            "deadlines_confirmed": True,
        },
        "record_call": lambda: CONTACT,
    }
    make = bodies.get(operation)
    return None if make is None else make()


def first_traject(client: Client) -> Traject:
    """The traject the world started (a write may start another)."""
    return client.trajecten.order_by("pk")[0]


def client_version(client: Client) -> int:
    return Client.objects.get(pk=client.pk).version


def path_of(template: str, client: Client, people: People) -> str:
    """The operation's path with its parameters filled in for ``client`` (and Anna's round)."""
    entry = Entry.objects.filter(round__coach=people.anna).select_related("round").first()
    assert entry is not None
    values = {
        "client_id": client.pk,
        "traject_id": first_traject(client).pk,
        "application_id": Application.objects.get(traject__client=client).pk,
        "round_id": entry.round_id,
        "entry_id": entry.pk,
        "occupation_id": HAIRDRESSER.removeprefix(ESCO),
        "target_id": BARBER_ID,
    }
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)


def call(
    browser: Browser, operation: str, client: Client, people: People, token: str | None
) -> int:
    method, template, _ = operations()[operation]
    url = path_of(template, client, people)
    if operation == "search_occupations":
        url += "?q=kapper"
    if operation == "get_report":
        url += "?period=2026-11"
    headers = bearer(token) if token else {}
    body = body_for(operation, client)
    response = browser.generic(
        method,
        url,
        data="" if body is None else json.dumps(body),
        content_type="application/json",
        headers=headers,
    )
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json", (operation, response)
    return response.status_code


def expected(*, allowed: bool, writes: bool, persona: str, scope: str, success: int) -> int:
    """The status the table asks for one call."""
    if scope == "none":
        return 401
    if persona not in WORKERS or (writes and scope == "read"):
        return 403
    if not allowed:
        return 404
    return success


def token_for(persona: str, scope: str, make_token: MakeToken) -> str | None:
    if scope == "none":
        return None
    return make_token(User.objects.get(username=persona), scope)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("scope", ["read", "write", "none"])
@pytest.mark.parametrize("whose", ["own", "covered", "other_team"])
def test_client_operations_answer_as_the_table_says(
    persona: str,
    scope: str,
    whose: str,
    people: People,
    world: dict[str, Client],
    make_token: MakeToken,
    client: Browser,
) -> None:
    token = token_for(persona, scope, make_token)
    target = world[whose]
    for operation, writes in sorted(CLIENT_OPERATIONS.items()):
        status = call(client, operation, target, people, token)
        want = expected(
            allowed=persona in MAY_OPEN[whose],
            writes=writes,
            persona=persona,
            scope=scope,
            success=operations()[operation][2],
        )
        assert status == want, (persona, scope, whose, operation, status)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("scope", ["read", "write", "none"])
def test_other_operations_answer_as_the_table_says(
    persona: str,
    scope: str,
    people: People,
    world: dict[str, Client],
    make_token: MakeToken,
    client: Browser,
) -> None:
    token = token_for(persona, scope, make_token)
    for operation in sorted(ENGINE):
        status = call(client, operation, world["own"], people, token)
        assert status == 200, (persona, scope, operation, status)
    for operation in sorted(ANY_TOKEN):
        status = call(client, operation, world["own"], people, token)
        assert status == (401 if scope == "none" else 200), (persona, scope, operation, status)
    for operation, (allowed, writes) in sorted(WORKSPACE_OPERATIONS.items()):
        status = call(client, operation, world["own"], people, token)
        want = expected(
            allowed=persona in allowed,
            writes=writes,
            persona=persona,
            scope=scope,
            success=operations()[operation][2],
        )
        assert status == want, (persona, scope, operation, status)
