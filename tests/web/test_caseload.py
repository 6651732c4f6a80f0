"""Anna's caseload: search, filters, sorting and pages, in a fixed number of queries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.fixtures import Settings

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients import actions
from koers.web.clients.models import Opdrachtgever
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db


def names(response: object) -> list[str]:
    page = response.context["page"]  # type: ignore[attr-defined]
    return [client.name for client in page.object_list]


def test_it_lists_only_the_clients_anna_works_with(people: People, client: Browser) -> None:
    make_client(people.anna, first_name="Petra")
    make_client(people.eva, first_name="Joost")  # Anna covers for Eva
    make_client(people.dirk, first_name="Ahmed")  # another team
    client.force_login(people.anna)
    assert sorted(names(client.get(reverse("clients:caseload")))) == [
        "Joost de Vries",
        "Petra de Vries",
    ]
    client.force_login(people.bram)
    assert len(names(client.get(reverse("clients:caseload")))) == 2
    client.force_login(people.carla)
    assert client.get(reverse("clients:caseload")).status_code == 404


def test_it_searches_filters_and_sorts(
    people: People, client: Browser, opdrachtgever: Opdrachtgever
) -> None:
    petra = make_client(people.anna, first_name="Petra", urgency="low", employer="Winkel BV")
    make_client(
        people.anna,
        first_name="Sandra",
        last_name="Bakker",
        urgency="high",
        situation="home_waiting",
    )
    actions.create_traject(
        by=people.anna,
        client=petra,
        values={"opdrachtgever": opdrachtgever, "starts": timezone.localdate()},
    )
    client.force_login(people.anna)
    url = reverse("clients:caseload")
    assert names(client.get(url, {"q": "winkel"})) == ["Petra de Vries"]
    assert names(client.get(url, {"situation": "home_waiting"})) == ["Sandra Bakker"]
    assert names(client.get(url, {"opdrachtgever": opdrachtgever.pk})) == ["Petra de Vries"]
    assert names(client.get(url, {"status": "aangemeld"})) == ["Petra de Vries"]
    assert names(client.get(url, {"sort": "urgency"})) == ["Sandra Bakker", "Petra de Vries"]


def test_never_reached_clients_come_first_when_sorting_by_last_contact(
    people: People, client: Browser
) -> None:
    reached = make_client(people.anna, first_name="Ahmed")
    make_client(people.anna, first_name="Petra")
    actions.log_contact(
        by=people.anna,
        client=reached,
        values={"at": timezone.now() - datetime.timedelta(days=2), "outcome": "bereikt"},
    )
    client.force_login(people.anna)
    response = client.get(reverse("clients:caseload"), {"sort": "last_contact"})
    assert names(response) == ["Petra de Vries", "Ahmed de Vries"]


def test_each_row_shows_the_client_escaped_with_a_link_and_the_coach_for_a_lead(
    people: People, client: Browser
) -> None:
    reached = make_client(
        people.anna,
        first_name="<b>Ahmed</b>",
        employer="Bakker & Zn",
        situation="lost_job",
        urgency="high",
    )
    make_client(people.anna, first_name="Petra", phone="")
    actions.log_contact(
        by=people.anna,
        client=reached,
        values={
            "at": datetime.datetime(2026, 3, 9, 23, 30, tzinfo=datetime.UTC),
            "outcome": "bereikt",
        },
    )
    client.force_login(people.anna)
    with translation.override("nl"):
        rows = client.get(reverse("clients:caseload"), {"sort": "-last_contact"}).content.decode()
    link = reverse("casework:client", args=[reached.pk])
    assert (
        f'<th scope="row"><a href="{link}">&lt;b&gt;Ahmed&lt;/b&gt; de Vries</a>'
        "<br><small>Bakker &amp; Zn</small></th>"
    ) in rows
    assert "<td>werk verloren</td>" in rows
    assert '<td><span class="urgency urgency-high">hoog</span></td>' in rows
    # The day in Amsterdam, not in UTC.
    assert "<td>10 mrt 2026</td>" in rows
    assert '<td><a href="tel:06 12345678">06 12345678</a></td>' in rows
    assert "<td>nooit</td>\n<td></td>" in rows  # Petra: never reached, no phone
    assert "Anna" not in rows.split("<tbody>")[1]  # no coach column for a coach
    client.force_login(people.bram)
    with translation.override("en"):
        rows = client.get(reverse("clients:caseload")).content.decode()
    assert "<td>never</td>" in rows
    assert f"<td>{people.anna.display_name}</td>" in rows


def test_htmx_gets_only_the_rows(people: People, client: Browser) -> None:
    make_client(people.anna)
    client.force_login(people.anna)
    response = client.get(reverse("clients:caseload"), {"q": "pet"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert 'id="caseload-rows"' in page and "<html" not in page


def test_it_pages_and_writes_one_audit_entry_per_list(
    people: People, client: Browser, settings: Settings
) -> None:
    settings.KOERS_PAGE_SIZE = 2
    for first in ("A", "B", "C"):
        make_client(people.anna, first_name=first)
    client.force_login(people.anna)
    response = client.get(reverse("clients:caseload"), {"page": 2})
    assert names(response) == ["C de Vries"]
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_LISTED).count() == 1


def pages_nav(html: str) -> str:
    """The page links of a list, with the white space between tags taken out."""
    found = re.search(r'<nav class="pages".*?</nav>', html, re.S)
    assert found is not None, "no page links"
    return re.sub(r">\s+<", "><", found.group(0))


def test_the_page_links_keep_the_search_and_name_the_page(
    people: People, client: Browser, settings: Settings
) -> None:
    settings.KOERS_PAGE_SIZE = 1
    for first in ("A", "B", "C"):
        make_client(people.anna, first_name=first)
    client.force_login(people.anna)

    with translation.override("nl"):
        html = client.get(reverse("clients:caseload"), {"q": "Vries", "page": "2"}).content.decode()

    assert pages_nav(html) == (
        '<nav class="pages" aria-label="Pagina\'s">'
        '<a href="?q=Vries&amp;page=1" rel="prev">Vorige</a>'
        '<span aria-current="page">Pagina 2 van 3</span>'
        '<a href="?q=Vries&amp;page=3" rel="next">Volgende</a>'
        "</nav>"
    )


def count_queries(client: Browser, url: str) -> int:
    """The queries of a page, opened once before: a fresh session is written on first use."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_caseload_takes_the_same_queries_for_5_or_40_clients(
    people: People, client: Browser, opdrachtgever: Opdrachtgever
) -> None:
    client.force_login(people.bram)
    url = reverse("clients:caseload")
    for n in range(5):
        make_client(people.anna, first_name=f"A{n}")
    few = count_queries(client, url)
    for n in range(35):
        make_client(people.eva, first_name=f"E{n}")
    assert count_queries(client, url) == few
    assert few <= 12, few


def test_the_client_page_takes_the_same_queries_for_1_or_30_contacts(
    people: People, client: Browser, opdrachtgever: Opdrachtgever
) -> None:
    petra = make_client(people.anna)
    traject = actions.create_traject(
        by=people.anna,
        client=petra,
        values={"opdrachtgever": opdrachtgever, "starts": timezone.localdate()},
    )
    client.force_login(people.anna)
    url = reverse("casework:client", args=[petra.pk])

    def contact(n: int) -> None:
        actions.log_contact(
            by=people.anna,
            client=petra,
            values={
                "at": timezone.now() - datetime.timedelta(hours=n),
                "outcome": "bereikt",
                "traject": traject,
                "minutes": 10,
                "urgency_after": "high" if n % 2 else "low",
            },
        )

    contact(0)
    few = count_queries(client, url)
    for n in range(1, 30):
        contact(n)
    assert count_queries(client, url) == few
    assert few <= 16, few
