"""The caseload with a personal token: the same clients, rules and audit trail as the pages."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import Client as Browser
from ninja.responses import NinjaJSONEncoder

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.models import Client, Traject
from koers.web.clients.queries import timeline
from koers.web.clients.schemas import ClientPage
from tests.api.conftest import MakeToken, bearer
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db

CONTACT = {"at": "2026-12-01T10:00:00+01:00", "outcome": "bereikt", "summary": "Gebeld."}


def post(browser: Browser, url: str, data: dict[str, Any], token: str, **headers: str) -> Any:
    return browser.post(
        url, data=data, content_type="application/json", headers={**bearer(token), **headers}
    )


def test_it_lists_only_the_coachs_own_clients_with_her_read_token(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    own = make_client(people.anna, first_name="Sandra")
    make_client(people.dirk, first_name="Joost")
    response = client.get("/api/v1/clients", headers=bearer(make_token(people.anna)))
    assert response.status_code == 200
    page = response.json()
    assert [row["id"] for row in page["results"]] == [own.pk]
    assert page["count"] == 1 and page["pages"] == 1
    assert page["results"][0]["coach"]["name"] == "Anna"
    assert "no-store" in response["Cache-Control"]
    listed = AuditEvent.objects.get(action=AuditAction.CLIENT_LISTED)
    assert listed.actor == people.anna and listed.via == "api"


@pytest.mark.parametrize("sort", ["name", "urgency", "last_contact", "-last_contact"])
def test_the_caseload_list_is_what_its_documented_schema_gives_back(
    client: Browser, people: People, make_token: MakeToken, sort: str
) -> None:
    """The list is written without passing the schema: it must hold to it exactly."""
    make_client(people.anna, first_name="Sandra", urgency="high")
    kees = make_client(people.anna, first_name="Kees")
    reached = datetime.datetime(2026, 11, 2, 9, 30, 5, 123456, tzinfo=datetime.UTC)
    Client.objects.filter(pk=kees.pk).update(last_reached_at=reached)
    make_client(people.eva, first_name="Joost")
    response = client.get(f"/api/v1/clients?sort={sort}", headers=bearer(make_token(people.bram)))
    page = response.json()
    assert response["Content-Type"] == "application/json; charset=utf-8"
    as_ninja_writes = json.dumps(
        ClientPage.model_validate(page, by_name=True).model_dump(), cls=NinjaJSONEncoder
    )
    assert json.loads(as_ninja_writes) == page
    assert {row["first_name"] for row in page["results"]} == {"Sandra", "Kees", "Joost"}
    # As the client's file gives it.
    assert "2026-11-02T09:30:05.123Z" in {row["last_reached_at"] for row in page["results"]}
    one = client.get(f"/api/v1/clients/{kees.pk}", headers=bearer(make_token(people.anna)))
    assert one.json()["last_reached_at"] == "2026-11-02T09:30:05.123Z"
    assert {row["coach"]["name"] for row in page["results"]} == {"Anna", "Eva"}


def test_it_filters_the_caseload_as_the_page_does(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    make_client(people.anna, first_name="Sandra", situation="at_risk")
    wanted = make_client(people.anna, first_name="Kees", situation="lost_job")
    token = make_token(people.anna)
    page = client.get("/api/v1/clients?situation=lost_job", headers=bearer(token)).json()
    assert [row["id"] for row in page["results"]] == [wanted.pk]
    problem = client.get("/api/v1/clients?situation=rich", headers=bearer(token)).json()
    assert problem["status"] == 422
    assert [error["field"] for error in problem["errors"]] == ["situation"]


def test_it_shows_a_team_lead_her_teams_clients(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    make_client(people.anna)
    make_client(people.eva)
    make_client(people.dirk)
    page = client.get("/api/v1/clients", headers=bearer(make_token(people.bram))).json()
    assert page["count"] == 2


def test_it_opens_a_client_and_audits_the_view(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    sandra = make_client(people.anna, first_name="Sandra")
    response = client.get(f"/api/v1/clients/{sandra.pk}", headers=bearer(make_token(people.anna)))
    assert response.status_code == 200
    assert response.json()["first_name"] == "Sandra"
    assert response.json()["version"] == 1
    viewed = AuditEvent.objects.get(action=AuditAction.CLIENT_VIEWED)
    assert viewed.client_id == sandra.pk and viewed.via == "api"


def test_it_answers_404_for_another_teams_client(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    joost = make_client(people.dirk, first_name="Joost")
    token = make_token(people.anna, "write")
    response = client.get(f"/api/v1/clients/{joost.pk}", headers=bearer(token))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert post(client, f"/api/v1/clients/{joost.pk}/contacts", CONTACT, token).status_code == 404
    assert not joost.contacts.exists()


def test_it_logs_a_contact_with_a_write_token_that_shows_in_the_timeline(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    sandra = make_client(people.anna, first_name="Sandra")
    token = make_token(people.anna, "write")
    data = {**CONTACT, "urgency_after": "high"}
    response = post(client, f"/api/v1/clients/{sandra.pk}/contacts", data, token)
    assert response.status_code == 201, response.content
    contact = response.json()
    assert contact["outcome"] == "bereikt" and contact["by"]["name"] == "Anna"
    entries = timeline(Client.objects.get(pk=sandra.pk))
    assert contact["id"] in [e.contact.pk for e in entries if e.kind == "contact"]
    sandra.refresh_from_db()
    assert sandra.urgency == "high" and sandra.version == 2
    logged = AuditEvent.objects.get(action=AuditAction.CONTACT_LOGGED)
    assert logged.actor == people.anna and logged.via == "api"
    listed = client.get(f"/api/v1/clients/{sandra.pk}/contacts", headers=bearer(token)).json()
    assert [c["id"] for c in listed] == [contact["id"]]


def test_it_logs_a_retried_contact_once(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    sandra = make_client(people.anna)
    token = make_token(people.anna, "write")
    url = f"/api/v1/clients/{sandra.pk}/contacts"
    first = post(client, url, CONTACT, token, **{"Idempotency-Key": "call-1"}).json()
    again = post(client, url, CONTACT, token, **{"Idempotency-Key": "call-1"}).json()
    assert first["id"] == again["id"]
    assert sandra.contacts.count() == 1


def test_it_refuses_a_write_with_a_read_token(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    sandra = make_client(people.anna)
    response = post(
        client, f"/api/v1/clients/{sandra.pk}/contacts", CONTACT, make_token(people.anna)
    )
    assert response.status_code == 403
    assert response.json()["status"] == 403
    assert not sandra.contacts.exists()


def test_it_refuses_a_bsn_in_a_contact_naming_the_field(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    sandra = make_client(people.anna)
    data = {**CONTACT, "summary": "BSN 111222333"}
    response = post(
        client, f"/api/v1/clients/{sandra.pk}/contacts", data, make_token(people.anna, "write")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "summary"
    assert not sandra.contacts.exists()


def test_it_names_a_wrong_choice_and_a_missing_callback_time(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    sandra = make_client(people.anna)
    token = make_token(people.anna, "write")
    url = f"/api/v1/clients/{sandra.pk}/contacts"
    wrong = post(client, url, {**CONTACT, "channel": "duif"}, token).json()
    assert [error["field"] for error in wrong["errors"]] == ["channel"]
    callback = post(client, url, {**CONTACT, "outcome": "terugbellen"}, token)
    assert callback.status_code == 422
    assert not sandra.contacts.exists()


def test_it_books_a_contact_on_an_open_traject_of_the_client_only(
    client: Browser, people: People, make_token: MakeToken, traject: Traject
) -> None:
    token = make_token(people.anna, "write")
    url = f"/api/v1/clients/{traject.client_id}/contacts"
    booked = post(client, url, {**CONTACT, "traject": traject.pk}, token).json()
    assert booked["traject"] == traject.pk
    other = post(client, url, {**CONTACT, "traject": traject.pk + 100}, token).json()
    assert other["errors"][0]["field"] == "traject"


def test_it_gives_an_admins_token_no_caseload(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    response = client.get("/api/v1/clients", headers=bearer(make_token(people.carla)))
    assert response.status_code == 403


def patch(browser: Browser, url: str, data: dict[str, Any], token: str) -> Any:
    return browser.patch(url, data=data, content_type="application/json", headers=bearer(token))


def test_it_changes_a_client_at_the_version_read(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    sandra = make_client(people.anna, first_name="Sandra")
    token = make_token(people.anna, "write")
    url = f"/api/v1/clients/{sandra.pk}"
    changed = patch(
        client, url, {"version": 1, "urgency": "high", "call_times": ["ochtend"]}, token
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["version"] == 2 and changed.json()["urgency"] == "high"
    audited = AuditEvent.objects.get(action=AuditAction.CLIENT_CHANGED)
    assert audited.fields == ["call_times", "urgency"] and audited.via == "api"


def test_it_answers_409_when_someone_saved_in_between(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    sandra = make_client(people.anna, first_name="Sandra")
    token = make_token(people.anna, "write")
    url = f"/api/v1/clients/{sandra.pk}"
    assert patch(client, url, {"version": 1, "notes": "Eerst."}, token).status_code == 200
    late = patch(client, url, {"version": 1, "notes": "Later."}, token)
    assert late.status_code == 409
    assert late["Content-Type"] == "application/problem+json"
    assert "version 2" in late.json()["detail"]
    sandra.refresh_from_db()
    assert sandra.notes == "Eerst."


def test_it_refuses_a_change_the_page_would_refuse(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    sandra = make_client(people.anna, first_name="Sandra")
    token = make_token(people.anna, "write")
    url = f"/api/v1/clients/{sandra.pk}"
    for field, value in (
        ("sector", "Z"),
        ("occupation_uri", "http://example.org/no-work"),
        ("contract_type", "forever"),
        ("notes", "Haar BSN is 111222333."),
    ):
        problem = patch(client, url, {"version": 1, field: value}, token).json()
        assert problem["status"] == 422, (field, problem)
        assert [error["field"] for error in problem["errors"]] == [field]
    sandra.refresh_from_db()
    assert sandra.version == 1
    read_only = patch(client, url, {"version": 1, "notes": "x"}, make_token(people.eva))
    assert read_only.status_code == 403


def test_it_adds_a_client_to_the_coachs_own_caseload_with_a_write_token(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    token = make_token(people.anna, scope="write")
    response = post(
        client,
        "/api/v1/clients",
        {"first_name": "Sandra", "situation": "lost_job", "phone": "06 12345678"},
        token,
    )
    assert response.status_code == 201
    sandra = Client.objects.get(pk=response.json()["id"])
    assert (sandra.coach, sandra.situation, sandra.urgency) == (people.anna, "lost_job", "medium")
    created = AuditEvent.objects.get(action=AuditAction.CLIENT_CREATED)
    assert created.client_id == sandra.pk and created.via == "api"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"situation": "lost_job"}, "first_name"),
        ({"first_name": "Sandra", "situation": "rich"}, "situation"),
        ({"first_name": "Sandra 111222333", "situation": "working"}, "first_name"),
        ({"first_name": "Sandra", "situation": "working", "sector": "ZZ"}, "sector"),
    ],
    ids=["no-name", "bad-choice", "bsn", "bad-sector"],
)
def test_a_new_client_with_bad_input_names_the_field_and_stores_nothing(
    client: Browser, people: People, make_token: MakeToken, data: dict[str, str], field: str
) -> None:
    response = post(client, "/api/v1/clients", data, make_token(people.anna, scope="write"))
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    assert not Client.objects.exists()


def test_a_read_token_adds_no_client(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    response = post(
        client,
        "/api/v1/clients",
        {"first_name": "Sandra", "situation": "working"},
        make_token(people.anna),
    )
    assert response.status_code == 403
    assert not Client.objects.exists()
