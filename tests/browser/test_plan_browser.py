"""The career plan editor in a real browser (issue 16), on a 390 px phone without JavaScript.

Anna starts Sandra's plan from her client page, finds a skill from Sandra's volunteer work by
its Dutch name, adds the occupation she held, chooses a direction from Sandra's own next steps,
adds a learning step with a course and agrees an action, then marks it done. Every page is
checked with axe (WCAG 2.1 AA), and at 1280 px as well.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.clients.actions import create_client
from koers.web.clients.models import Client
from koers.web.plans.models import Plan
from koers.web.training.models import Course
from tests.browser.conftest import NewPage
from tests.browser.test_training_browser import look
from tests.browser.test_workspace_browser import PASSWORD, axe_clean, sign_in
from tests.web.conftest import HAIRDRESSER

if TYPE_CHECKING:
    from playwright.sync_api import Page, ViewportSize

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP: ViewportSize = {"width": 1280, "height": 900}


@pytest.fixture
def imported_data_dir(labelled_data_dir: Path) -> Path:
    """The knowledge base with the Dutch skill names, so that skills are found in Dutch."""
    return labelled_data_dir


@pytest.fixture
def sandra(settings: Settings) -> Client:
    settings.KOERS_REQUIRE_2FA = False
    anna = User.objects.create_user(
        "anna",
        password=PASSWORD,
        first_name="Anna",
        role=Role.COACH,
        team=Team.objects.create(name="Noord"),
    )
    Course.objects.create(title="EHBO-herhaling", provider="Rode Kruis", active=True)
    return create_client(
        by=anna,
        coach=anna,
        values={
            "first_name": "Sandra",
            "last_name": "Bakker",
            "situation": "at_risk",
            "phone": "06 12345678",
            "occupation_uri": HAIRDRESSER,
        },
    )


def checked(page: Page, axe_source: str | None, name: str) -> None:
    """Axe (when the page runs scripts: axe is one), then a screenshot to look at."""
    if axe_source:
        axe_clean(page, axe_source)
    look(page, name)


def anna_builds_sandras_plan(
    page: Page, base: str, sandra: Client, axe_source: str | None, *, shots: str
) -> None:
    sign_in(page, base, "anna")
    page.goto(f"{base}/clienten/{sandra.pk}/")
    page.get_by_role("button", name="Plan starten").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Loopbaanplan van Sandra Bakker"
    checked(page, axe_source, f"plan-empty-{shots}")

    page.get_by_role("searchbox", name="Zoek een vaardigheid op naam").fill("eerste hulp")
    page.get_by_role("search", name="Zoek een vaardigheid op naam").get_by_role("button").click()
    page.get_by_label("eerste hulp bieden").check()
    page.get_by_label("vrijwilligerswerk").check()
    page.locator("#skill-own_words").fill("EHBO bij de voetbalclub")
    checked(page, axe_source, f"plan-skill-search-{shots}")
    page.get_by_role("button", name="Vaardigheid toevoegen").click()
    assert page.get_by_text("Vaardigheid toegevoegd.").is_visible()

    page.get_by_role("searchbox", name="Zoek een beroep dat de cliënt had").fill("kapper")
    page.get_by_role("search", name="Zoek een beroep dat de cliënt had").get_by_role(
        "button"
    ).click()
    page.get_by_label("kapper", exact=True).check()
    page.get_by_label("Jaren in dit werk").fill("12")
    page.get_by_role("button", name="Beroep toevoegen").click()

    page.get_by_role("link", name="Kies een richting", exact=True).click()
    checked(page, axe_source, f"plan-choose-direction-{shots}")
    page.get_by_role("button", name="Kies deze richting").first.click()
    assert page.get_by_text("Richting gekozen.").is_visible()
    checked(page, axe_source, f"plan-direction-{shots}")

    steps = page.locator("form[action$='/plan/leerstap/']")
    steps.get_by_role("radio").first.check()
    steps.get_by_label("Opleiding uit de catalogus").select_option(
        label="EHBO-herhaling · Rode Kruis"
    )
    page.get_by_role("button", name="Leerstap toevoegen").click()
    assert page.get_by_text("Leerstap toegevoegd.").is_visible()

    due = timezone.localdate() + datetime.timedelta(days=7)
    page.locator("#action-what").fill("Bel het ROC over de opleiding")
    page.locator("#action-who").get_by_label("cliënt").check()
    page.locator("#action-due_on").fill(due.isoformat())
    page.get_by_role("button", name="Afspraak maken").click()
    checked(page, axe_source, f"plan-action-{shots}")
    page.get_by_role("button", name="Gedaan").click()
    assert page.get_by_text("Als gedaan gemarkeerd.").is_visible()

    plan = Plan.objects.get(client=sandra)
    assert plan.version == 7
    assert plan.skills.get().source == "volunteer"
    assert plan.directions.get().learning_steps.get().course is not None
    assert plan.actions.get().done_on == timezone.localdate()

    page.get_by_role("link", name="Alle versies").click()
    checked(page, axe_source, f"plan-versions-{shots}")
    page.get_by_role("link", name="Versie 2", exact=True).click()
    assert "EHBO bij de voetbalclub" in page.content()
    checked(page, axe_source, f"plan-version-{shots}")


def test_anna_builds_sandras_plan_on_a_phone_axe_clean(
    new_page: NewPage, explorer: str, sandra: Client, axe_source: str
) -> None:
    anna_builds_sandras_plan(new_page(), explorer, sandra, axe_source, shots="phone")

    wide = new_page(viewport=DESKTOP)
    sign_in(wide, explorer, "anna")
    wide.goto(f"{explorer}/clienten/{sandra.pk}/plan/")
    checked(wide, axe_source, "plan-desktop")
    wide.emulate_media(media="print")
    assert not wide.get_by_role("button", name="Vaardigheid toevoegen").is_visible()
    assert wide.get_by_text("EHBO bij de voetbalclub").is_visible()
    look(wide, "plan-print")
    wide.emulate_media(media="screen")
    wide.goto(f"{explorer}/en/clienten/{sandra.pk}/plan/")
    assert wide.get_by_role("heading", level=1).inner_text() == "Career plan of Sandra Bakker"
    checked(wide, axe_source, "plan-desktop-en")
    wide.goto(f"{explorer}/clienten/{sandra.pk}/")
    checked(wide, axe_source, "client-with-plan-desktop")


def test_the_plan_editor_works_without_javascript(
    new_page: NewPage, explorer: str, sandra: Client
) -> None:
    page = new_page(java_script_enabled=False)
    anna_builds_sandras_plan(page, explorer, sandra, None, shots="nojs-phone")
