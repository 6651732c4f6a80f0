"""Sending the plan to the commissioning party in a real browser (issue 16), on a 390 px phone.

Anna opens Sandra's plan: the plan cannot go to the fund yet, and the page says why and links
to the consent form. She records Sandra's consent for the commissioning party there, sends
version 2 and gets its PDF; the editor and the versions page then say what went to whom. Every
page is checked with axe (WCAG 2.1 AA); the sending works without JavaScript too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.clients.actions import create_client, create_traject, give_consent
from koers.web.clients.models import Client, Opdrachtgever
from koers.web.plans import actions
from koers.web.plans.models import PlanShare
from tests.browser.conftest import NewPage
from tests.browser.test_plan_browser import checked
from tests.browser.test_workspace_browser import PASSWORD, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sandra(settings: Settings) -> Client:
    """Sandra, Anna's client, in a traject of an O&O fund, with her plan in version 2."""
    settings.KOERS_REQUIRE_2FA = False
    anna = User.objects.create_user(
        "anna",
        password=PASSWORD,
        first_name="Anna",
        role=Role.COACH,
        team=Team.objects.create(name="Noord"),
    )
    sandra = create_client(
        by=anna,
        coach=anna,
        values={"first_name": "Sandra", "last_name": "Bakker", "situation": "at_risk"},
    )
    fonds = Opdrachtgever.objects.create(name="O&O-fonds Detailhandel", kind="oo_fonds")
    create_traject(
        by=anna, client=sandra, values={"opdrachtgever": fonds, "starts": timezone.localdate()}
    )
    plan = actions.start_plan(by=anna, client=sandra)
    actions.update_plan(
        by=anna,
        plan=plan,
        version=plan.version,
        values={"client_notes": "Goed gedaan!", "coach_notes": "alleen voor Anna"},
    )
    return sandra


def send_version_2(page: Page) -> None:
    with page.expect_download() as download:
        page.get_by_role("button", name="Versie 2 versturen").click()
    assert download.value.suggested_filename == "loopbaanplan-v2.pdf"
    assert PlanShare.objects.get().version.number == 2


def test_anna_records_consent_and_sends_version_2_axe_clean(
    new_page: NewPage, explorer: str, sandra: Client, axe_source: str
) -> None:
    page = new_page()
    sign_in(page, explorer, "anna")
    page.goto(f"{explorer}/clienten/{sandra.pk}/plan/delen/")
    share = page.locator("section[aria-labelledby='share']")
    assert "De cliënt heeft geen toestemming gegeven" in share.inner_text()
    checked(page, axe_source, "plan-share-no-consent-phone")

    share.get_by_role("link", name="Toestemming vastleggen").click()
    page.get_by_label("Ontvanger").select_option(label="opdrachtgever")
    page.get_by_label("Gegeven op").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Toestemming opslaan").click()
    assert page.get_by_text("Toestemming vastgelegd.").is_visible()

    page.goto(f"{explorer}/clienten/{sandra.pk}/plan/delen/")
    assert "de cliënt gaf toestemming" in share.inner_text()
    share.get_by_label("Notitie voor het dossier (gaat niet mee)").fill("per mail aan Jolanda")
    send_version_2(page)

    page.reload()
    assert "Versie 2 aan O&O-fonds Detailhandel" in share.inner_text()
    checked(page, axe_source, "plan-share-sent-phone")
    page.goto(f"{explorer}/clienten/{sandra.pk}/plan/versies/")
    assert "aan O&O-fonds Detailhandel op" in page.content().replace("&amp;", "&")
    checked(page, axe_source, "plan-versions-sent-phone")


def test_sending_works_without_javascript(new_page: NewPage, explorer: str, sandra: Client) -> None:
    give_consent(
        by=User.objects.get(username="anna"),
        client=sandra,
        recipient="opdrachtgever",
        given_on=timezone.localdate(),
    )
    page = new_page(java_script_enabled=False)
    sign_in(page, explorer, "anna")
    page.goto(f"{explorer}/clienten/{sandra.pk}/plan/delen/")

    send_version_2(page)
