"""A party's report recorded as sent (issue 20): which version, when, by whom, and opened again
as it was sent, whatever changed since; an erased client's name leaves the copies too."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client as Browser
from django.urls import reverse

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.models import Client, Consent, Contact, Opdrachtgever
from koers.web.privacy.erasure import erase_client
from koers.web.privacy.export import export_client
from koers.web.reports.access import ScopeRefused
from koers.web.reports.actions import record_sent_report
from koers.web.reports.models import SentReport
from koers.web.reports.period import parse_period
from tests.web.conftest import People
from tests.web.report_world import NOVEMBER, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people: People, opdrachtgever: Opdrachtgever) -> dict[str, Client]:
    """Ali consented to the party: the report names her."""
    clients = build_world(people, opdrachtgever)
    Consent.objects.create(
        client=clients["Ali"], recipient="opdrachtgever", given_on=datetime.date(2025, 1, 1)
    )
    return clients


def _send(people: People, opdrachtgever: Opdrachtgever) -> SentReport:
    period = parse_period(NOVEMBER)
    return record_sent_report(by=people.carla, opdrachtgever=opdrachtgever, period=period)


@pytest.mark.usefixtures("world")
def test_it_counts_versions_per_party_and_period(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    first, second = _send(people, opdrachtgever), _send(people, opdrachtgever)
    other = record_sent_report(
        by=people.carla, opdrachtgever=opdrachtgever, period=parse_period("2025-10")
    )
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert first.period == NOVEMBER and first.sent_by == people.carla
    assert first.report["named"][0]["name"] == "Ali Test"
    assert first.report["clients"]["total"] == "< 5"
    assert bytes(first.pdf).startswith(b"%PDF")
    details = AuditEvent.objects.filter(action=AuditAction.REPORT_SENT).values_list(
        "detail", flat=True
    )
    assert f"{NOVEMBER} version 1, 1 named" in details
    assert f"{NOVEMBER} version 2, 1 named" in details


def test_only_an_admin_records_a_report_as_sent(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    with pytest.raises(ScopeRefused):
        record_sent_report(
            by=people.bram, opdrachtgever=opdrachtgever, period=parse_period(NOVEMBER)
        )
    assert not SentReport.objects.exists()


def test_it_opens_the_version_as_it_was_sent_after_the_data_changed(
    people: People, opdrachtgever: Opdrachtgever, world: dict[str, Client], client: Browser
) -> None:
    client.force_login(people.carla)
    party = reverse("reports:party")
    response = client.post(
        reverse("reports:record_sent"),
        {"opdrachtgever": opdrachtgever.pk, "period": NOVEMBER, "days": 30},
    )
    assert response.status_code == 302
    sent = SentReport.objects.get()
    assert sent.report["named"][0]["hours_in_period"] == "1.00"
    # Ali's hour in November becomes three after the report went out.
    Contact.objects.filter(client=world["Ali"], minutes=60).update(minutes=180)
    now = client.get(party, {"opdrachtgever": str(opdrachtgever.pk), "period": str(NOVEMBER)})
    assert "3,00" in now.content.decode()
    assert reverse("reports:sent", args=[sent.pk]) in now.content.decode()
    page = client.get(reverse("reports:sent", args=[sent.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ali Test" in text and "<td>1.00</td>" in text and "<td>3.00</td>" not in text
    pdf = client.get(reverse("reports:sent_pdf", args=[sent.pk]))
    assert pdf.status_code == 200 and pdf.content == bytes(sent.pdf)


def test_it_refuses_a_bad_period_and_loses_nothing(
    people: People, opdrachtgever: Opdrachtgever, client: Browser
) -> None:
    client.force_login(people.carla)
    url = reverse("reports:record_sent")
    response = client.post(
        url, {"opdrachtgever": opdrachtgever.pk, "period": "2025-13", "days": 30}, follow=True
    )
    assert "2025-13" in " ".join(str(m) for m in response.context["messages"])
    assert not SentReport.objects.exists()
    response = client.post(url, {"opdrachtgever": 999, "period": NOVEMBER, "days": 30}, follow=True)
    assert [str(m) for m in response.context["messages"]]
    assert not SentReport.objects.exists()
    assert client.get(url).status_code == 405


@pytest.mark.usefixtures("world")
def test_a_coach_opens_no_sent_report(
    people: People, opdrachtgever: Opdrachtgever, client: Browser
) -> None:
    sent = _send(people, opdrachtgever)
    client.force_login(people.bram)
    assert client.get(reverse("reports:sent", args=[sent.pk])).status_code == 404
    assert client.get(reverse("reports:sent_pdf", args=[sent.pk])).status_code == 404
    assert client.post(reverse("reports:record_sent"), {}).status_code == 404


def test_erasing_a_named_client_blanks_her_in_the_reports_as_sent(
    people: People, opdrachtgever: Opdrachtgever, world: dict[str, Client], client: Browser
) -> None:
    sent = _send(people, opdrachtgever)
    erase_client(by=people.carla, client=world["Ali"])
    sent.refresh_from_db()
    assert "Ali" not in str(sent.report)
    assert sent.report["named"][0]["name"] == "" and sent.report["named"][0]["order_number"] == ""
    assert bytes(sent.pdf) == b""
    # The figures stay as sent.
    assert sent.report["clients"]["total"] == "< 5"
    event = AuditEvent.objects.get(action=AuditAction.CLIENT_ERASED)
    assert "sent_reports.named" in event.fields
    client.force_login(people.carla)
    assert client.get(reverse("reports:sent_pdf", args=[sent.pk])).status_code == 404
    assert client.get(reverse("reports:sent", args=[sent.pk])).status_code == 200


def test_the_data_export_lists_the_reports_sent_that_name_the_client(
    people: People, opdrachtgever: Opdrachtgever, world: dict[str, Client], client: Browser
) -> None:
    """Right of access: who received her data. Only reports naming her are listed."""
    first, second = _send(people, opdrachtgever), _send(people, opdrachtgever)
    data = export_client(by=people.carla, client=world["Ali"])
    assert [row["id"] for row in data["sent_reports"]] == [first.pk, second.pk]
    exported = AuditEvent.objects.filter(action=AuditAction.CLIENT_EXPORTED).latest("pk")
    assert "sent_reports" in exported.fields  # the trail names every part handed over
    row = data["sent_reports"][0]
    assert row["opdrachtgever"] == opdrachtgever.name
    assert (row["period"], row["version"], row["sent_by"]) == (NOVEMBER, 1, "carla")
    assert row["named_as"][0]["name"] == "Ali Test"
    assert "client" not in row["named_as"][0]
    others = [name for name in world if name != "Ali"]
    assert export_client(by=people.carla, client=world[others[0]])["sent_reports"] == []
    client.force_login(people.carla)
    page = client.get(reverse("data:export", args=[world["Ali"].pk])).content.decode()
    assert "Rapportages aan een opdrachtgever waarin de cliënt genoemd wordt" in page
    assert NOVEMBER in page and "Ali Test" in page
    # After erasure the report is still listed as sent, without her name.
    erase_client(by=people.carla, client=world["Ali"])
    after = export_client(by=people.carla, client=world["Ali"])["sent_reports"]
    assert [row["id"] for row in after] == [first.pk, second.pk]
    assert after[0]["named_as"][0]["name"] == ""
