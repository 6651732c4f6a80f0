"""The overview of training applications: who sees what, filters, totals, CSV (issue 8)."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from typing import Any, Unpack

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.fixtures import Settings

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import create_traject
from koers.web.clients.models import Opdrachtgever, Traject
from koers.web.training.actions import change_application_status, create_application, save_scheme
from koers.web.training.inputs import ApplicationValues
from koers.web.training.models import Application, Scheme
from tests.web.conftest import People, make_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

TODAY = timezone.localdate()


def in_days(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


def open_traject(coach: User, opdrachtgever: Opdrachtgever, first_name: str) -> Traject:
    client = make_client(coach, first_name=first_name)
    return create_traject(
        by=coach, client=client, values={"opdrachtgever": opdrachtgever, "starts": TODAY}
    )


def apply(
    traject: Traject, lines: list[tuple[Scheme, int]], **values: Unpack[ApplicationValues]
) -> Application:
    """An application by the client's coach, with (scheme, euros asked) lines."""
    fields: ApplicationValues = {
        "course_title": "Instroom zorg",
        "provider": "ROC Midden",
        "cost": Decimal(900),
    }
    fields.update(values)
    return create_application(
        by=traject.client.coach,
        traject=traject,
        values=fields,
        lines=[
            {"scheme": scheme, "window": scheme.windows.first(), "asked": Decimal(asked)}
            for scheme, asked in lines
        ],
    )


@pytest.fixture
def sector_fund(people: People) -> Scheme:
    return save_scheme(
        by=people.carla,
        scheme=Scheme(
            name="Opleidingsfonds Zorg", financier="Sectorfonds", applicants=["werkgever"]
        ),
    )


def courses(response: Any) -> list[str]:
    return sorted(application.course_title for application in response.context["rows"])


def test_anna_sees_her_own_and_evas_applications_not_dirks(
    people: People, opdrachtgever: Opdrachtgever, scheme: Scheme, client: Browser
) -> None:
    apply(
        open_traject(people.anna, opdrachtgever, "Sandra"), [(scheme, 500)], course_title="Anna's"
    )
    apply(open_traject(people.eva, opdrachtgever, "Joost"), [(scheme, 500)], course_title="Eva's")
    apply(open_traject(people.dirk, opdrachtgever, "Ahmed"), [(scheme, 500)], course_title="Dirk's")
    client.force_login(people.anna)
    response = client.get(reverse("training:overview"))
    assert response.status_code == 200
    assert courses(response) == ["Anna's", "Eva's"]
    page = response.content.decode()
    assert "Ahmed" not in page and "Joost de Vries" in page
    # A coach does not filter by coach.
    assert "coach" not in response.context["form"].fields


def test_bram_sees_his_team_and_filters_by_coach(
    people: People, opdrachtgever: Opdrachtgever, scheme: Scheme, client: Browser
) -> None:
    apply(
        open_traject(people.anna, opdrachtgever, "Sandra"), [(scheme, 500)], course_title="Anna's"
    )
    apply(open_traject(people.eva, opdrachtgever, "Joost"), [(scheme, 500)], course_title="Eva's")
    apply(open_traject(people.dirk, opdrachtgever, "Ahmed"), [(scheme, 500)], course_title="Dirk's")
    client.force_login(people.bram)
    url = reverse("training:overview")
    assert courses(client.get(url)) == ["Anna's", "Eva's"]
    assert courses(client.get(url, {"coach": people.eva.pk})) == ["Eva's"]
    # Dirk is not in Bram's team: not a coach he can choose.
    assert courses(client.get(url, {"coach": people.dirk.pk})) == ["Anna's", "Eva's"]


def test_it_filters_by_status_scheme_and_deadline(
    people: People,
    opdrachtgever: Opdrachtgever,
    scheme: Scheme,
    sector_fund: Scheme,
    client: Browser,
) -> None:
    traject = open_traject(people.anna, opdrachtgever, "Sandra")
    submitted = apply(traject, [(scheme, 500)], course_title="Submitted")
    change_application_status(by=people.anna, application=submitted, status="ingediend")
    apply(traject, [(sector_fund, 500)], course_title="Sector", latest_start_on=in_days(60))
    apply(traject, [(sector_fund, 400)], course_title="Soon", latest_start_on=in_days(5))
    apply(traject, [(sector_fund, 400)], course_title="Passed", latest_start_on=in_days(-2))
    client.force_login(people.anna)
    url = reverse("training:overview")
    assert courses(client.get(url, {"status": "ingediend"})) == ["Submitted"]
    assert courses(client.get(url, {"scheme": scheme.pk})) == ["Submitted"]
    assert courses(client.get(url, {"scheme": sector_fund.pk})) == ["Passed", "Sector", "Soon"]
    assert courses(client.get(url, {"deadline": "soon"})) == ["Passed", "Soon"]
    assert courses(client.get(url, {"deadline": "passed"})) == ["Passed"]
    assert courses(client.get(url, {"deadline": "passed", "status": "ingediend"})) == []
    # The deadline is marked in words, not only in colour.
    page = client.get(url, {"deadline": "soon"}).content.decode()
    assert "within 14 days" in page and "passed" in page


def test_the_totals_per_scheme_add_up_over_the_filtered_applications(
    people: People,
    opdrachtgever: Opdrachtgever,
    scheme: Scheme,
    sector_fund: Scheme,
    client: Browser,
    settings: Settings,
) -> None:
    settings.KOERS_PAGE_SIZE = 1  # totals count every match, not only the page shown
    traject = open_traject(people.anna, opdrachtgever, "Sandra")
    apply(traject, [(scheme, 600), (sector_fund, 300)], course_title="Both")
    apply(traject, [(sector_fund, 800)], course_title="Fund only")
    granted = apply(traject, [(scheme, 1000)], cost=Decimal(1200), course_title="Granted")
    for status in ("ingediend", "toegekend"):
        granted = change_application_status(by=people.anna, application=granted, status=status)
    client.force_login(people.anna)
    url = reverse("training:overview")

    def totals(**query: str | int) -> dict[str, tuple[int, Decimal]]:
        found = client.get(url, query).context["totals"]
        return {total.scheme: (total.applications, total.asked) for total in found}

    assert totals() == {
        "NL leert door": (2, Decimal(1600)),
        "Opleidingsfonds Zorg": (2, Decimal(1100)),
    }
    assert totals(status="idee") == {
        "NL leert door": (1, Decimal(600)),
        "Opleidingsfonds Zorg": (2, Decimal(1100)),
    }
    # An application found by one scheme brings its other schemes' lines along.
    assert totals(scheme=sector_fund.pk) == {
        "NL leert door": (1, Decimal(600)),
        "Opleidingsfonds Zorg": (2, Decimal(1100)),
    }
    response = client.get(url, {"status": "idee"})
    assert response.context["total_asked"] == Decimal(1700)
    assert response.context["page"].paginator.count == 2


def test_it_pages_and_writes_one_audit_entry_per_page_without_client_numbers(
    people: People,
    opdrachtgever: Opdrachtgever,
    scheme: Scheme,
    client: Browser,
    settings: Settings,
) -> None:
    settings.KOERS_PAGE_SIZE = 2
    traject = open_traject(people.anna, opdrachtgever, "Sandra")
    for number in range(3):
        apply(traject, [(scheme, 100)], course_title=f"Course {number}")
    client.force_login(people.anna)
    response = client.get(reverse("training:overview"), {"page": 2})
    assert courses(response) == ["Course 0"]
    event = AuditEvent.objects.get(action=AuditAction.APPLICATIONS_LISTED)
    assert event.client_id is None and event.detail == "page 2"


def test_htmx_gets_only_the_rows_and_the_totals(
    people: People, opdrachtgever: Opdrachtgever, scheme: Scheme, client: Browser
) -> None:
    apply(open_traject(people.anna, opdrachtgever, "Sandra"), [(scheme, 500)])
    client.force_login(people.anna)
    response = client.get(reverse("training:overview"), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert 'id="overview-rows"' in page and "Totals per scheme" in page and "<html" not in page


def test_it_says_where_to_start_when_there_are_no_applications(
    people: People, client: Browser
) -> None:
    client.force_login(people.anna)
    page = client.get(reverse("training:overview")).content.decode()
    assert "Start an application from a client" in page
    filtered = client.get(reverse("training:overview"), {"status": "gestart"}).content.decode()
    assert "No applications match these filters." in filtered


def test_admins_and_strangers_do_not_see_applications(people: People, client: Browser) -> None:
    for name in ("training:overview", "training:export"):
        assert client.get(reverse(name)).status_code == 302
    client.force_login(people.carla)
    for name in ("training:overview", "training:export"):
        assert client.get(reverse(name)).status_code == 404


def read_csv(response: Any) -> list[list[str]]:
    text: str = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_export_has_every_filtered_row_audited_and_safe_for_spreadsheets(
    people: People,
    opdrachtgever: Opdrachtgever,
    scheme: Scheme,
    client: Browser,
    settings: Settings,
) -> None:
    settings.KOERS_PAGE_SIZE = 1  # the export is not paged
    traject = open_traject(people.anna, opdrachtgever, "=HYPERLINK(1)")
    risky = apply(
        traject,
        [(scheme, 750)],
        course_title="@SUM(A1)",
        provider="-ROC",
        reference="+31",
        latest_start_on=in_days(30),
    )
    apply(traject, [(scheme, 100)], course_title="Second")
    apply(open_traject(people.dirk, opdrachtgever, "Ahmed"), [(scheme, 500)], course_title="Dirk's")
    client.force_login(people.anna)
    with translation.override("en"):
        url = reverse("training:export")
    response = client.get(url, {"status": "idee"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="scholingsaanvragen-{TODAY.isoformat()}.csv"'
    )
    header, *rows = read_csv(response)
    assert header == [
        "Application ID", "Client number", "Client", "Coach", "Course", "Provider", "Cost",
        "Status", "Status since", "Schemes", "Asked", "Granted", "Paid", "Next deadline",
        "Deadline", "Application number",
    ]  # fmt: skip
    assert len(rows) == 2
    row = dict(zip(header, next(r for r in rows if r[0] == str(risky.pk)), strict=True))
    assert row["Client number"] == str(traject.client_id)
    assert row["Client"] == "'=HYPERLINK(1) de Vries"
    assert (row["Course"], row["Provider"], row["Application number"]) == (
        "'@SUM(A1)",
        "'-ROC",
        "'+31",
    )
    assert (row["Cost"], row["Asked"], row["Granted"], row["Status"]) == (
        "900.00",
        "750.00",
        "",
        "idea",
    )
    assert (row["Next deadline"], row["Deadline"]) == (
        in_days(20).isoformat(),
        "application window closes",
    )
    event = AuditEvent.objects.get(action=AuditAction.APPLICATIONS_EXPORTED)
    assert event.detail == "2 rows" and event.client_id is None


def test_the_dutch_export_writes_decimal_commas(
    people: People, opdrachtgever: Opdrachtgever, scheme: Scheme, client: Browser
) -> None:
    apply(open_traject(people.anna, opdrachtgever, "Sandra"), [(scheme, 750)])
    client.force_login(people.anna)
    with translation.override("nl"):
        url = reverse("training:export")
    _header, row = read_csv(client.get(url))
    assert row[6] == "900,00" and row[10] == "750,00"


def count_queries(client: Browser, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_overview_takes_the_same_queries_for_2_or_12_applications(
    people: People,
    opdrachtgever: Opdrachtgever,
    scheme: Scheme,
    sector_fund: Scheme,
    client: Browser,
) -> None:
    client.force_login(people.bram)
    url = reverse("training:overview")
    anna = open_traject(people.anna, opdrachtgever, "Sandra")
    eva = open_traject(people.eva, opdrachtgever, "Joost")
    apply(anna, [(scheme, 300), (sector_fund, 300)])
    apply(eva, [(scheme, 300)])
    count_queries(client, url)  # the first request after signing in also saves the session
    few = count_queries(client, url)
    for number in range(10):
        apply(open_traject(people.eva, opdrachtgever, f"E{number}"), [(sector_fund, 200)])
    assert count_queries(client, url) == few
    assert few <= 12, few
