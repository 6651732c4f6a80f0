"""Reports in a real browser, as issue 20's "Done when" describes it.

Bram, the team lead, opens his team's report for November 2025, sees the charts with their
tables, prints it (the charts stay, the navigation goes), downloads a table as CSV and the
whole report as PDF. Carla, the admin, makes the report for the commissioning party: only Ali,
who consented, is named, and small groups read "< 5". Every page is checked with axe (WCAG 2.1
AA) in Dutch and in English.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

from koers.web.clients.models import Client, Consent, Opdrachtgever
from tests.browser.conftest import NewPage
from tests.browser.test_workspace_browser import axe_clean, shot, sign_in
from tests.web.conftest import People, opdrachtgever, people  # noqa: F401 (fixtures)
from tests.web.report_world import NOVEMBER, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def world(
    settings: Settings,
    people: People,  # noqa: F811
    opdrachtgever: Opdrachtgever,  # noqa: F811
) -> dict[str, Client]:
    settings.KOERS_REQUIRE_2FA = False
    clients = build_world(people, opdrachtgever)
    Consent.objects.create(client=clients["Ali"], recipient="opdrachtgever", given_on="2025-01-01")
    return clients


@pytest.mark.usefixtures("world")
def test_a_team_lead_reads_prints_and_downloads_the_teams_report(
    explorer: str, new_page: NewPage, axe_source: str, tmp_path: Path
) -> None:
    page = new_page(viewport=DESKTOP, accept_downloads=True)
    sign_in(page, explorer, "bram", path=f"/account/inloggen/?next=/rapportages/?period={NOVEMBER}")
    page.wait_for_url(re.compile("/rapportages/"))
    assert page.get_by_role("heading", name="Rapportages: team Noord").is_visible()
    table = page.get_by_role("region", name="Contacten met cliënten, per kanaal")
    assert table.get_by_role("row", name=re.compile("telefoon 2 1")).is_visible()
    assert page.locator("svg").first.is_visible()
    axe_clean(page, axe_source)
    shot(page, "report-team")
    page.emulate_media(media="print")
    assert page.locator("svg").first.is_visible()
    assert not page.locator("nav.staff-nav").is_visible()
    assert not page.locator("form.filters").is_visible()
    page.emulate_media(media="screen")
    with page.expect_download() as csv_download:
        table.get_by_role("link", name=re.compile("Downloaden als CSV")).click()
    text = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[:2] == ["Kanaal;Geprobeerd;Bereikt", "telefoon;2;1"]
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Downloaden als pdf").click()
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")
    page.goto(f"{explorer}/en/rapportages/?period={NOVEMBER}")
    assert page.get_by_role("heading", name="Reports: team Noord").is_visible()
    axe_clean(page, axe_source)


def test_an_admin_makes_the_report_for_a_commissioning_party(
    explorer: str,
    new_page: NewPage,
    axe_source: str,
    world: dict[str, Client],
    opdrachtgever: Opdrachtgever,  # noqa: F811
) -> None:
    page = new_page(viewport=DESKTOP)
    sign_in(page, explorer, "carla", path="/account/inloggen/?next=/rapportages/opdrachtgever/")
    page.wait_for_url(re.compile("/rapportages/opdrachtgever/"))
    axe_clean(page, axe_source)
    # The form works without JavaScript: a GET with the period and the party.
    page.select_option("select[name=opdrachtgever]", str(opdrachtgever.pk))
    page.get_by_role("button", name="Laat zien").click()
    page.wait_for_url(re.compile(f"opdrachtgever={opdrachtgever.pk}"))
    page.goto(
        f"{explorer}/rapportages/opdrachtgever/?period={NOVEMBER}&opdrachtgever={opdrachtgever.pk}"
    )
    named = page.get_by_role("region", name=re.compile("toestemming"))
    assert named.get_by_role("row", name=re.compile("Ali Test")).is_visible()
    assert "Eef" not in page.content()
    assert page.get_by_text("< 5").first.is_visible()
    axe_clean(page, axe_source)
    shot(page, "report-party")
    page.goto(
        f"{explorer}/en/rapportages/opdrachtgever/?period={NOVEMBER}&opdrachtgever={opdrachtgever.pk}"
    )
    axe_clean(page, axe_source)
    # Sent: recorded as version 1, listed on the page, opened again as it was sent.
    page.goto(
        f"{explorer}/rapportages/opdrachtgever/?period={NOVEMBER}&opdrachtgever={opdrachtgever.pk}"
    )
    page.get_by_role("button", name="Versturen vastleggen").click()
    page.wait_for_url(re.compile(f"opdrachtgever={opdrachtgever.pk}"))
    assert page.get_by_text("Versie 1 van deze rapportage is vastgelegd").is_visible()
    axe_clean(page, axe_source)
    page.get_by_role("link", name=NOVEMBER, exact=True).click()
    page.wait_for_url(re.compile("/rapportages/verstuurd/"))
    assert page.get_by_role("row", name=re.compile("Ali Test")).is_visible()
    axe_clean(page, axe_source)
    shot(page, "report-sent")
    page.goto(page.url.replace(explorer, f"{explorer}/en"))
    assert page.get_by_role("heading", name=re.compile("Report as sent")).is_visible()
    axe_clean(page, axe_source)
