"""The report for one commissioning party (issue 20): its trajecten only, names only of clients
who consented to it, groups under 5 shown as "< 5"."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client as Browser
from django.utils import timezone

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.models import Afspraak, Client, Consent, Opdrachtgever, Traject
from koers.web.reports.access import ScopeRefused, open_party_report
from koers.web.reports.party import party_json
from koers.web.reports.period import parse_period
from tests.web.conftest import People
from tests.web.report_world import NOVEMBER, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people: People, opdrachtgever: Opdrachtgever) -> dict[str, Client]:
    """Ali consented to the commissioning party; Eef did and took it back; Dop consented to his
    employer only. Cor's traject is another party's."""
    clients = build_world(people, opdrachtgever)
    today = timezone.localdate()
    long_ago = datetime.date(2025, 1, 1)
    Consent.objects.create(client=clients["Ali"], recipient="opdrachtgever", given_on=long_ago)
    Consent.objects.create(
        client=clients["Eef"], recipient="opdrachtgever", given_on=long_ago, revoked_on=today
    )
    Consent.objects.create(client=clients["Dop"], recipient="werkgever", given_on=long_ago)
    other = Opdrachtgever.objects.create(name="Gemeente Zwolle", kind="gemeente")
    Traject.objects.create(
        client=clients["Cor"], opdrachtgever=other, starts=datetime.date(2025, 11, 2)
    )
    return clients


@pytest.mark.usefixtures("world")
def test_it_counts_only_the_partys_trajecten(people: People, opdrachtgever: Opdrachtgever) -> None:
    party = open_party_report(people.carla, parse_period(NOVEMBER), opdrachtgever.pk)
    report = party.report
    running = Traject.objects.filter(opdrachtgever=opdrachtgever).values("client").distinct()
    assert report.clients.total == running.count() == 3
    # Contacts logged on its trajecten only: Ali's two in November and Dop's.
    assert (report.reach.tried, report.reach.reached) == (3, 2)
    assert report.trajecten.started == 2
    assert [row.label for row in report.budget.per_opdrachtgever] == ["O&O-fonds Detailhandel"]
    assert report.budget.per_traject == ()


@pytest.mark.usefixtures("world")
def test_it_names_only_clients_who_consented_to_the_party(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    party = open_party_report(people.carla, parse_period(NOVEMBER), opdrachtgever.pk)
    assert [row.name for row in party.named] == ["Ali Test"]
    Afspraak.objects.create(name="Cao", kind="cao", parties="x", reporting="aggregaten")
    Traject.objects.filter(order_number="A-1").update(afspraak=Afspraak.objects.get())
    party = open_party_report(people.carla, parse_period(NOVEMBER), opdrachtgever.pk)
    # The agreement says aggregates only: nobody is named, whatever the consent.
    assert party.named == ()
    assert [(a.name, a.reporting) for a in party.agreements] == [("Cao", "aggregaten")]


@pytest.mark.usefixtures("world")
def test_it_shows_groups_under_five_as_less_than_five(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    data = party_json(open_party_report(people.carla, parse_period(NOVEMBER), opdrachtgever.pk))
    assert data["clients"]["total"] == "< 5"
    assert data["reach"]["tried"] == "< 5"
    assert {row["count"] for row in data["clients"]["by_situation"]} <= {0, "< 5"}
    assert data["named"][0]["name"] == "Ali Test"
    assert isinstance(data["named"][0]["client"], int)


def test_it_lets_only_admins_make_a_partys_report(
    people: People, opdrachtgever: Opdrachtgever, client: Browser
) -> None:
    with pytest.raises(ScopeRefused):
        open_party_report(people.bram, parse_period(NOVEMBER), opdrachtgever.pk)
    with pytest.raises(ScopeRefused):
        open_party_report(people.carla, parse_period(NOVEMBER), 999)
    client.force_login(people.bram)
    assert client.get("/rapportages/opdrachtgever/").status_code == 404


@pytest.mark.usefixtures("world")
def test_it_shows_the_admin_the_partys_page_without_other_names(
    people: People, opdrachtgever: Opdrachtgever, client: Browser
) -> None:
    client.force_login(people.carla)
    assert client.get("/rapportages/opdrachtgever/").status_code == 200
    response = client.get(
        "/rapportages/opdrachtgever/", {"period": NOVEMBER, "opdrachtgever": str(opdrachtgever.pk)}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ali Test" in page
    assert "Eef" not in page and "Dop" not in page
    assert "&lt; 5" in page
    assert AuditEvent.objects.filter(
        action=AuditAction.REPORT_VIEWED, target=f"opdrachtgever:{opdrachtgever.pk}"
    ).exists()


@pytest.mark.usefixtures("world")
def test_it_makes_the_partys_report_as_a_pdf(
    people: People, opdrachtgever: Opdrachtgever, client: Browser
) -> None:
    client.force_login(people.carla)
    response = client.get(
        "/rapportages/opdrachtgever/",
        {"period": NOVEMBER, "opdrachtgever": str(opdrachtgever.pk), "format": "pdf"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action=AuditAction.REPORT_EXPORTED, detail=f"{NOVEMBER} pdf"
    ).exists()
