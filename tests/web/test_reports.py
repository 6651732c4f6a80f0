"""Reports (issue 20): the figures equal what the database holds, counted here another way;
each persona sees only the clients she may; periods end at local midnight."""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from typing import Any

import pytest
from django.test import Client as Browser
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import count_minutes
from koers.web.clients.models import Client, Contact, Opdrachtgever, Pause, Traject
from koers.web.privacy.erasure import erase_client
from koers.web.reports.access import ScopeRefused, open_report
from koers.web.reports.period import PeriodError, parse_period
from koers.web.reports.queries import Clients
from koers.web.reports.report import as_json, build_report
from tests.web.conftest import People
from tests.web.report_world import NOVEMBER, build_world, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people: People, opdrachtgever: Opdrachtgever) -> dict[str, Client]:
    return build_world(people, opdrachtgever)


def figures(user: User, period: str = NOVEMBER, **options: Any) -> dict[str, Any]:
    return as_json(open_report(user, parse_period(period), **options))


def by_key(rows: list[dict[str, Any]], value: str = "count") -> dict[str, Any]:
    return {row["key"]: row[value] for row in rows if row[value]}


def in_month(moment: datetime.datetime, year: int, months: set[int]) -> bool:
    local = timezone.localtime(moment)
    return local.year == year and local.month in months


def team_clients(team: str) -> list[Client]:
    return [
        c
        for c in Client.objects.select_related("coach__team")
        if c.coach.team is not None and c.coach.team.name == team
    ]


@pytest.mark.usefixtures("world")
def test_it_counts_the_teams_clients_and_reach_as_the_database_holds_them(people: People) -> None:
    data = figures(people.bram)
    noord = team_clients("Noord")
    assert data["scope"] == {"kind": "team", "name": "Noord"}
    assert data["clients"]["total"] == len(noord) == 4
    assert by_key(data["clients"]["by_situation"]) == dict(Counter(c.situation for c in noord))
    assert by_key(data["clients"]["by_urgency"]) == dict(Counter(c.urgency for c in noord))
    ids = {c.pk for c in noord}
    contacts = [
        c
        for c in Contact.objects.all()
        if c.client_id in ids and c.with_whom == "client" and in_month(c.at, 2025, {11})
    ]
    assert data["reach"]["tried"] == len(contacts) == 4
    assert data["reach"]["reached"] == sum(c.outcome == "bereikt" for c in contacts) == 2
    assert by_key(data["reach"]["by_channel"], "tried") == dict(
        Counter(c.channel for c in contacts)
    )
    weeks = data["reach"]["by_time"]
    assert sum(week["tried"] for week in weeks) == 4
    assert weeks[0]["key"] == "2025-10-27"
    assert data["reach"]["by_round"] == [
        {
            "round": data["reach"]["by_round"][0]["round"],
            "title": "November",
            "called": 1,
            "reached": 1,
        }
    ]


@pytest.mark.usefixtures("world")
def test_it_counts_changes_pauses_trajecten_budget_training_and_plans(people: People) -> None:
    data = figures(people.bram)
    assert data["clients"]["urgency_grew"] == 1
    assert data["clients"]["urgency_fell"] == 0
    assert by_key(data["clients"]["moved_to_situation"]) == {"lost_job": 1}
    ids = {c.pk for c in team_clients("Noord")}
    pauses = [p for p in Pause.objects.all() if p.client_id in ids]
    november = (datetime.date(2025, 11, 1), datetime.date(2025, 11, 30))
    assert data["pauses"]["started"] == sum(november[0] <= p.starts <= november[1] for p in pauses)
    assert data["pauses"]["ended"] == sum(november[0] <= p.ends <= november[1] for p in pauses)
    assert (data["pauses"]["started"], data["pauses"]["ended"]) == (1, 2)
    trajecten = [t for t in Traject.objects.all() if t.client_id in ids]
    assert data["trajecten"]["started"] == 1
    assert data["trajecten"]["closed"] == 1
    assert data["trajecten"]["open_at_end"] == len(trajecten) - 1
    assert by_key(data["trajecten"]["closed_by_outcome"]) == {"werk_behouden": 1}
    [party] = data["budget"]["per_opdrachtgever"]
    assert party["trajecten"] == 2
    assert party["budget_hours"] == "10.00"
    assert party["hours_in_period"] == "1.00"
    assert party["hours_to_date"] == "1.50"
    assert party["euros_to_date"] == "135.00"
    assert data["budget"]["per_traject"][0]["label"] == "O&O-fonds Detailhandel A-1"
    assert by_key(data["training"]["by_status"]) == {"ingediend": 1, "toegekend": 1}
    assert data["training"]["by_scheme"] == [
        {
            "scheme": "NL leert door",
            "applications": 1,
            "asked": "500.00",
            "granted": "400.00",
            "paid": "0.00",
        }
    ]
    assert data["plans"] == {"started": 1, "agreed": 1, "answered_with_changes": 0}


@pytest.mark.usefixtures("world")
def test_it_counts_budget_hours_up_to_the_end_of_the_period_not_after(people: People) -> None:
    traject = Traject.objects.get(order_number="A-1")
    december = Contact.objects.create(
        client=traject.client,
        traject=traject,
        at=local(2025, 12, 5, 10),
        outcome="bereikt",
        minutes=120,
        by=people.anna,
    )
    count_minutes(december)
    traject.refresh_from_db()
    assert traject.contact_minutes == 210
    data = figures(people.bram)["budget"]
    ends = local(2025, 12, 1)
    ids = {c.pk for c in team_clients("Noord")}
    before_the_end = [
        c
        for c in Contact.objects.filter(traject__isnull=False)
        if c.client_id in ids and c.at < ends
    ]
    [party] = data["per_opdrachtgever"]
    assert party["hours_to_date"] == f"{sum(c.minutes for c in before_the_end) / 60:.2f}"
    assert party["hours_to_date"] == "1.50"
    assert party["euros_to_date"] == "135.00"
    [row] = [row for row in data["per_traject"] if row["label"].endswith("A-1")]
    assert (row["hours_to_date"], row["euros_to_date"]) == ("1.50", "135.00")


@pytest.mark.usefixtures("world")
def test_it_counts_clients_not_reached_before_the_end_of_the_period(people: People) -> None:
    data = figures(people.bram, not_reached_days=30)["not_reached"]
    # Bea was reached only after the month; Cor only through his employer.
    assert data["total"] == 2
    assert by_key(data["by_urgency"]) == {"medium": 1, "low": 1}


@pytest.mark.usefixtures("world")
def test_it_takes_the_quarter_from_october_to_december_per_month(people: People) -> None:
    data = figures(people.bram, "2025-Q4")
    assert data["period"] == {
        "code": "2025-Q4",
        "kind": "quarter",
        "starts": "2025-10-01",
        "ends": "2025-12-31",
    }
    ids = {c.pk for c in team_clients("Noord")}
    contacts = [
        c
        for c in Contact.objects.all()
        if c.client_id in ids and c.with_whom == "client" and in_month(c.at, 2025, {10, 11, 12})
    ]
    assert data["reach"]["tried"] == len(contacts) == 6
    assert [m["key"] for m in data["reach"]["by_time"]] == [
        "2025-10-01",
        "2025-11-01",
        "2025-12-01",
    ]
    assert data["clients"]["urgency_fell"] == 1


@pytest.mark.usefixtures("world")
def test_it_shows_a_coach_her_caseload_and_never_another_teams(people: People) -> None:
    anna = figures(people.anna)
    assert anna["scope"] == {"kind": "caseload", "name": "anna"}
    # Anna covers for Eva: Eva's client is in what she may open.
    assert anna["clients"]["total"] == 4
    # Dop's traject (Zuid, a budget in euros) is not in it.
    assert {t["budget_euros"] for t in anna["budget"]["per_traject"]} == {"0.00"}
    dirk = figures(people.dirk)
    assert dirk["clients"]["total"] == 2
    assert dirk["reach"]["tried"] == 2
    assert [t["budget_euros"] for t in dirk["budget"]["per_traject"]] == ["2000.00"]
    with pytest.raises(ScopeRefused):
        figures(people.dirk, team="Noord")
    with pytest.raises(ScopeRefused):
        figures(people.bram, team="Zuid")
    with pytest.raises(ScopeRefused):
        figures(people.bram, team="Nergens")


@pytest.mark.usefixtures("world")
def test_it_shows_an_admin_the_organisation_or_one_team(people: People) -> None:
    everyone = figures(people.carla)
    assert everyone["scope"]["kind"] == "organisation"
    assert everyone["clients"]["total"] == Client.objects.count() == 6
    zuid = figures(people.carla, team="Zuid")
    assert zuid["clients"]["total"] == len(team_clients("Zuid"))
    assert zuid["reach"]["reached"] == 1


def test_the_organisation_leaves_out_erased_clients_as_the_list_of_the_others_does(
    people: People, world: dict[str, Client]
) -> None:
    before = figures(people.carla)
    erase_client(by=people.carla, client=world["Dop"])
    everyone = figures(people.carla)
    listed = as_json(
        build_report(
            Clients(Client.objects.filter(erased_at__isnull=True)),
            parse_period(NOVEMBER),
            scope="organisation",
            scope_name="",
            now=timezone.now(),
        )
    )
    assert everyone == listed
    # Dop: a client, a contact on his traject, a change of urgency, a traject started.
    assert everyone["clients"]["total"] == before["clients"]["total"] - 1 == 5
    assert everyone["reach"]["tried"] == before["reach"]["tried"] - 1
    assert everyone["clients"]["urgency_grew"] == before["clients"]["urgency_grew"] - 1
    assert everyone["trajecten"]["started"] == before["trajecten"]["started"] - 1
    [party] = everyone["budget"]["per_opdrachtgever"]
    assert party["budget_euros"] == "0.00"


@pytest.mark.parametrize(
    ("text", "starts", "ends"),
    [
        ("2025-12", datetime.date(2025, 12, 1), datetime.date(2026, 1, 1)),
        ("2026-02", datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)),
        ("2025-Q4", datetime.date(2025, 10, 1), datetime.date(2026, 1, 1)),
        (" 2026-q1 ", datetime.date(2026, 1, 1), datetime.date(2026, 4, 1)),
    ],
)
def test_it_reads_months_and_quarters(
    text: str, starts: datetime.date, ends: datetime.date
) -> None:
    period = parse_period(text)
    assert (period.starts, period.ends) == (starts, ends)


@pytest.mark.parametrize("text", ["2025-13", "2025-00", "2025-Q5", "november", "", "1999-01"])
def test_it_refuses_what_is_not_a_period(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


@pytest.mark.usefixtures("world")
def test_it_shows_the_team_lead_charts_with_tables_and_audits_it(
    client: Browser, people: People
) -> None:
    client.force_login(people.bram)
    response = client.get("/rapportages/", {"period": NOVEMBER})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page and "<table>" in page
    assert "Contacten met cliënten, per kanaal" in page
    assert "team Noord" in page
    assert "Ali" not in page
    assert AuditEvent.objects.filter(
        actor=people.bram, action=AuditAction.REPORT_VIEWED, detail=NOVEMBER
    ).exists()


@pytest.mark.usefixtures("world")
def test_it_downloads_one_table_as_a_dutch_csv(client: Browser, people: People) -> None:
    client.force_login(people.bram)
    response = client.get("/rapportages/", {"period": NOVEMBER, "format": "csv", "tabel": "budget"})
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][0] == "Opdrachtgever"
    assert rows[1][:2] == ["O&O-fonds Detailhandel", "1,00"]
    assert AuditEvent.objects.filter(
        action=AuditAction.REPORT_EXPORTED, detail=f"{NOVEMBER} budget csv"
    ).exists()
    assert (
        client.get("/rapportages/", {"period": NOVEMBER, "format": "csv", "tabel": "x"}).status_code
        == 404
    )


@pytest.mark.parametrize("period", ["2025-13", "volgende maand"])
def test_it_says_what_is_wrong_with_a_period(client: Browser, people: People, period: str) -> None:
    client.force_login(people.anna)
    response = client.get("/rapportages/", {"period": period})
    assert response.status_code == 400
    assert (
        "is geen periode" in response.content.decode()
        or "er is geen maand 13" in response.content.decode()
    )
    assert not AuditEvent.objects.filter(action=AuditAction.REPORT_VIEWED).exists()


@pytest.mark.usefixtures("world")
def test_it_lets_only_an_admin_choose_a_team(client: Browser, people: People) -> None:
    client.force_login(people.carla)
    response = client.get("/rapportages/", {"period": NOVEMBER, "team": "Zuid"})
    assert response.status_code == 200
    assert response.context["report"].clients.total == 2
    client.force_login(people.dirk)
    response = client.get("/rapportages/", {"period": NOVEMBER, "team": "Noord"})
    # A coach's form has no team: she gets her own caseload, whatever the address asks.
    assert response.context["report"].scope == "caseload"
    assert response.context["report"].clients.total == 2


def test_it_sends_a_stranger_to_the_sign_in_page(client: Browser) -> None:
    response = client.get("/rapportages/")
    assert response.status_code == 302
    assert "/account/" in response["Location"]


def test_it_splits_a_month_into_weeks_from_monday_and_a_quarter_into_months() -> None:
    weeks = parse_period("2025-11").parts()
    assert [start.isoformat() for start, _end in weeks] == [
        "2025-10-27",
        "2025-11-03",
        "2025-11-10",
        "2025-11-17",
        "2025-11-24",
    ]
    assert weeks[-1][1] == datetime.date(2025, 12, 1)
    months = parse_period("2025-Q4").parts()
    assert months[-1] == (datetime.date(2025, 12, 1), datetime.date(2026, 1, 1))
