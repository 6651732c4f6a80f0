"""Carla the admin answers a request for access and a request for erasure."""

from __future__ import annotations

import datetime
import json

import pytest
from django.http import Http404
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone, translation

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.access import get_client_for
from koers.web.clients.actions import (
    change_traject_status,
    create_traject,
    give_consent,
    log_contact,
)
from koers.web.clients.models import Client, Contact, Opdrachtgever
from koers.web.privacy.erasure import AlreadyErasedError, erase_client
from koers.web.privacy.export import export_client
from koers.web.privacy.register import CLIENT
from tests.web.conftest import People, make_client


def url(name: str, *args: object) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def petra(people: People, opdrachtgever: Opdrachtgever) -> Client:
    """Anna's client with a traject, a contact, a consent and a change of situation."""
    client = make_client(
        people.anna,
        email="petra@example.org",
        call_times=["ochtend"],
        call_times_note="not on Wednesdays",
        employer="Bakkerij Noord",
        support_reasons=["mantelzorg"],
        notes="Cares for her mother.",
    )
    traject = create_traject(
        by=people.anna,
        client=client,
        values={"opdrachtgever": opdrachtgever, "starts": datetime.date(2025, 1, 6)},
    )
    log_contact(
        by=people.anna,
        client=client,
        values={
            "traject": traject,
            "at": timezone.now(),
            "minutes": 45,
            "outcome": "bereikt",
            "situation_after": "in_training",
            "summary": "Talked about a course.",
            "next_action": "Send the brochure.",
        },
    )
    give_consent(
        by=people.anna,
        client=client,
        recipient="werkgever",
        given_on=datetime.date(2025, 1, 6),
        note="By phone.",
    )
    return Client.objects.get(pk=client.pk)


def test_it_exports_every_field_and_records_the_export(people: People, petra: Client) -> None:
    data = export_client(by=people.carla, client=petra)

    json.dumps(data)
    stored = {f.name for f in Client._meta.concrete_fields} - {"id", "coach"}
    assert set(data["client"]) == stored
    assert data["number"] == petra.pk
    assert data["coach"] == "anna"
    assert data["client"]["notes"] == "Cares for her mother."
    assert data["client"]["call_times"] == ["ochtend"]
    assert data["trajecten"][0]["opdrachtgever"] == "O&O-fonds Detailhandel"
    assert data["trajecten"][0]["starts"] == "2025-01-06"
    assert data["contacts"][0]["summary"] == "Talked about a course."
    assert data["contacts"][0]["by"] == "anna"
    assert data["consents"][0]["note"] == "By phone."
    assert {(c["field"], c["new"]) for c in data["status_history"]} >= {
        ("situation", "at_risk"),
        ("situation", "in_training"),
    }
    entry = AuditEvent.objects.get(action=AuditAction.CLIENT_EXPORTED)
    assert (entry.actor, entry.client_id) == (people.carla, petra.pk)


def test_it_erases_personal_data_and_keeps_what_reports_count(
    people: People, petra: Client
) -> None:
    erased = erase_client(by=people.carla, client=petra)

    assert erased.erased_at is not None
    for name, value in CLIENT.blank_values().items():
        assert getattr(erased, name) == value, name
    assert erased.call_times == []
    assert erased.support_reasons == []
    assert erased.name != "Petra de Vries"
    assert erased.situation == "in_training"
    contact = Contact.objects.get(client=petra)
    assert (contact.summary, contact.next_action) == ("", "")
    assert (contact.minutes, contact.outcome) == (45, "bereikt")
    assert petra.consents.get().note == ""
    assert petra.trajecten.count() == 1
    assert petra.status_changes.count() == 3
    entry = AuditEvent.objects.get(action=AuditAction.CLIENT_ERASED)
    assert (entry.actor, entry.client_id) == (people.carla, petra.pk)
    assert "client.first_name" in entry.fields
    assert "contacts.summary" in entry.fields


def test_it_cannot_erase_twice(people: People, petra: Client) -> None:
    erase_client(by=people.carla, client=petra)

    with pytest.raises(AlreadyErasedError):
        erase_client(by=people.carla, client=petra)
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_ERASED).count() == 1


def test_an_erased_client_still_counts_in_reports_but_cannot_be_opened(
    people: People, petra: Client
) -> None:
    erase_client(by=people.carla, client=petra)

    assert Client.objects.filter(situation="in_training").count() == 1
    assert Contact.objects.filter(client=petra).exists()
    with pytest.raises(Http404):
        get_client_for(people.anna, petra.pk)


def test_the_request_page_finds_clients_by_name_mail_phone_and_number(
    client: Browser, people: People, petra: Client
) -> None:
    other = make_client(people.dirk, first_name="Karel", last_name="Bos", phone="+31 6 9876 5432")
    client.force_login(people.carla)

    def found(query: str) -> bool:
        html = client.get(url("data:requests"), {"q": query}).content.decode()
        return url("data:export", petra.pk) in html

    assert found("petra vries")
    assert found("PETRA@example.org")
    assert found("0612345678")
    assert found(str(petra.pk))
    assert not found("karel")
    html = client.get(url("data:requests"), {"q": "0698765432"}).content.decode()
    assert url("data:export", other.pk) in html
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_LISTED).count() == 6


def test_the_request_page_shows_an_erased_client_as_erased(
    client: Browser, people: People, petra: Client
) -> None:
    erase_client(by=people.carla, client=petra)
    client.force_login(people.carla)

    html = client.get(url("data:requests"), {"q": str(petra.pk)}).content.decode()

    assert "erased on" in html
    assert url("data:export", petra.pk) in html
    assert url("data:erase", petra.pk) not in html


def test_the_export_page_shows_everything_and_downloads_json(
    client: Browser, people: People, petra: Client
) -> None:
    client.force_login(people.carla)

    html = client.get(url("data:export", petra.pk)).content.decode()
    download = client.get(url("data:export", petra.pk), {"format": "json"})

    assert "Cares for her mother." in html
    assert "Talked about a course." in html
    assert "O&amp;O-fonds Detailhandel" in html
    assert download["Content-Disposition"].startswith("attachment;")
    assert f"koers-client-{petra.pk}-" in download["Content-Disposition"]
    assert json.loads(download.content)["client"]["employer"] == "Bakkerij Noord"
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_EXPORTED).count() == 2


def test_the_erase_page_needs_the_client_number_typed(
    client: Browser, people: People, petra: Client
) -> None:
    client.force_login(people.carla)
    page = client.get(url("data:erase", petra.pk))
    assert page.status_code == 200
    assert "Petra de Vries" in page.content.decode()

    wrong = client.post(url("data:erase", petra.pk), {"confirmation": "999"})

    assert wrong.status_code == 400
    assert 'aria-describedby="id_confirmation_error"' in wrong.content.decode()
    assert Client.objects.get(pk=petra.pk).erased_at is None

    right = client.post(url("data:erase", petra.pk), {"confirmation": str(petra.pk)})

    assert right.status_code == 302
    assert Client.objects.get(pk=petra.pk).erased_at is not None
    again = client.post(url("data:erase", petra.pk), {"confirmation": str(petra.pk)})
    assert again.status_code == 409
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_ERASED).count() == 1


@pytest.mark.parametrize("who", ["anna", "bram", "dirk"])
def test_coaches_and_team_leads_cannot_reach_the_data_pages(
    client: Browser, people: People, petra: Client, who: str
) -> None:
    client.force_login(getattr(people, who))

    for page in (
        url("data:requests") + "?q=petra",
        url("data:export", petra.pk),
        url("data:erase", petra.pk),
    ):
        assert client.get(page).status_code == 404, page
    assert client.post(url("data:erase", petra.pk), {"confirmation": petra.pk}).status_code == 404
    assert Client.objects.get(pk=petra.pk).erased_at is None


def test_the_data_pages_ask_strangers_to_sign_in(client: Browser, petra: Client) -> None:
    assert client.get(url("data:export", petra.pk)).status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.CLIENT_EXPORTED).exists()


def test_it_gives_a_404_for_an_unknown_client(client: Browser, people: People) -> None:
    client.force_login(people.carla)

    assert client.get(url("data:export", 999)).status_code == 404
    assert client.get(url("data:erase", 999)).status_code == 404


def test_it_keeps_the_trajecten_and_their_status(people: People, petra: Client) -> None:
    traject = petra.trajecten.get()
    change_traject_status(by=people.anna, traject=traject, status="intake")

    erase_client(by=people.carla, client=petra)

    assert petra.trajecten.get().status == "intake"
