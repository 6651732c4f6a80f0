"""Calling rounds with a personal token: the call list in call order, and recording a call."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as Browser
from django.utils import timezone

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.models import Client
from koers.web.clients.queries import caseload_for, timeline
from koers.web.rounds.actions import start_round
from koers.web.rounds.models import Entry, Round
from tests.api.conftest import MakeToken, bearer
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db

CALL = {"at": "2026-12-01T10:00:00+01:00", "outcome": "bereikt", "summary": "Gebeld."}


@pytest.fixture
def round_(people: People) -> Round:
    """Anna's round over her two clients: Sandra (urgent) and Kees."""
    make_client(people.anna, first_name="Sandra", urgency="high")
    make_client(people.anna, first_name="Kees", urgency="low")
    clients = caseload_for(people.anna, today=timezone.localdate()).filter(coach=people.anna)
    return start_round(by=people.anna, coach=people.anna, title="December", clients=clients)


def call(browser: Browser, round_: Round, entry: Entry, token: str, **headers: str) -> Any:
    return browser.post(
        f"/api/v1/rounds/{round_.pk}/entries/{entry.pk}/call",
        data=CALL,
        content_type="application/json",
        headers={**bearer(token), **headers},
    )


def test_it_lists_the_coachs_rounds_with_their_progress(
    client: Browser, people: People, make_token: MakeToken, round_: Round
) -> None:
    rounds = client.get("/api/v1/rounds", headers=bearer(make_token(people.anna))).json()
    assert [(r["id"], r["done"], r["total"]) for r in rounds] == [(round_.pk, 0, 2)]
    assert client.get("/api/v1/rounds", headers=bearer(make_token(people.dirk))).json() == []


def test_it_gives_the_entries_in_call_order_with_the_reasons(
    client: Browser, people: People, make_token: MakeToken, round_: Round
) -> None:
    url = f"/api/v1/rounds/{round_.pk}/entries"
    entries = client.get(url, headers=bearer(make_token(people.anna))).json()
    assert [e["client"]["name"] for e in entries] == ["Sandra de Vries", "Kees de Vries"]
    assert entries[0]["reasons"] and entries[0]["score"] > entries[1]["score"]
    listed = AuditEvent.objects.get(action=AuditAction.CLIENT_LISTED)
    assert listed.target == f"round:{round_.pk}" and listed.via == "api"


def test_it_records_a_call_that_shows_in_the_timeline_and_the_round(
    client: Browser, people: People, make_token: MakeToken, round_: Round
) -> None:
    token = make_token(people.anna, "write")
    entry = round_.entries.get(client__first_name="Sandra")
    response = call(client, round_, entry, token, **{"Idempotency-Key": "r1"})
    assert response.status_code == 201, response.content
    contact = response.json()
    sandra = Client.objects.get(pk=entry.client_id)
    assert contact["id"] in [e.contact.pk for e in timeline(sandra) if e.kind == "contact"]
    entry.refresh_from_db()
    assert entry.done_at is not None and entry.contact_id == contact["id"]
    entries = client.get(f"/api/v1/rounds/{round_.pk}/entries", headers=bearer(token)).json()
    assert [e["client"]["name"] for e in entries] == ["Kees de Vries"]
    again = call(client, round_, entry, token, **{"Idempotency-Key": "r1"})
    assert again.status_code == 201 and again.json()["id"] == contact["id"]
    done = call(client, round_, entry, token)
    assert done.status_code == 409
    assert sandra.contacts.count() == 1


def test_it_keeps_another_teams_round_and_a_read_token_out(
    client: Browser, people: People, make_token: MakeToken, round_: Round
) -> None:
    entry = round_.entries.first()
    assert entry is not None
    assert call(client, round_, entry, make_token(people.dirk, "write")).status_code == 404
    url = f"/api/v1/rounds/{round_.pk}/entries"
    assert client.get(url, headers=bearer(make_token(people.dirk))).status_code == 404
    assert call(client, round_, entry, make_token(people.anna, "read")).status_code == 403
    assert not Client.objects.get(pk=entry.client_id).contacts.exists()
