"""Reports with a personal token: the same JSON as ``koers report --format json``, the same
rules for who sees which figures, and the same audit trail."""

from __future__ import annotations

import pytest
from django.test import Client as Browser

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.models import Opdrachtgever
from koers.web.reports.access import open_report
from koers.web.reports.period import parse_period
from koers.web.reports.report import as_json
from tests.api.conftest import MakeToken, bearer
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db


def test_a_coach_reads_her_caseloads_report_as_the_command_line_gives_it(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    make_client(people.anna, first_name="Sandra", situation="lost_job")
    response = client.get("/api/v1/reports?period=2026-11", headers=bearer(make_token(people.anna)))
    assert response.status_code == 200
    answer = response.json()
    assert answer["scope"] == {"kind": "caseload", "name": "anna"}
    assert (answer.pop("named"), answer.pop("agreements")) == (None, None)
    assert answer == as_json(open_report(people.anna, parse_period("2026-11")))
    viewed = AuditEvent.objects.filter(action=AuditAction.REPORT_VIEWED, actor=people.anna)
    assert viewed.filter(via="api").exists()


def test_an_admin_reads_a_commissioning_partys_report(
    client: Browser, people: People, make_token: MakeToken
) -> None:
    party = Opdrachtgever.objects.create(name="UWV", kind="uwv")
    response = client.get(
        f"/api/v1/reports?period=2026-Q4&opdrachtgever={party.pk}",
        headers=bearer(make_token(people.carla)),
    )
    assert response.status_code == 200
    assert response.json()["period"]["kind"] == "quarter"
    assert response.json()["named"] == []


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("period=2026-13", 422, "period"),
        ("period=november", 422, "period"),
        ("period=2026-11&team=Zuid", 403, ""),
        ("period=2026-11&opdrachtgever=1", 403, ""),
    ],
    ids=["no-month-13", "not-a-period", "another-team", "party-not-admin"],
)
def test_it_says_what_is_wrong(
    client: Browser, people: People, make_token: MakeToken, query: str, status: int, field: str
) -> None:
    response = client.get(f"/api/v1/reports?{query}", headers=bearer(make_token(people.anna)))
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    if field:
        assert [error["field"] for error in response.json()["errors"]] == [field]
