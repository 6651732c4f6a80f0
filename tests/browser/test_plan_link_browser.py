"""The client's private link in a real browser (issue 16): Sandra opens the link Anna sent her
on a 390 px phone with JavaScript off, reads her plan and agrees. In Dutch, and in English for
a client whose language is English; every page axe-clean (WCAG 2.1 AA). A screenshot of the
page is kept at /tmp/plan-link-390.png for people to look at."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.clients.actions import create_client
from koers.web.plans import actions
from koers.web.plans.links import create_link
from koers.web.plans.models import Plan
from koers.web.plans.queries import personal_transitions
from tests.browser.conftest import NewPage
from tests.browser.test_training_browser import fits_the_phone
from tests.browser.test_workspace_browser import PASSWORD, axe_clean, sign_in
from tests.web.conftest import HAIRDRESSER

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = "/tmp/plan-link-390.png"


def sandras_link(language: str) -> tuple[Plan, str]:
    """Sandra's plan with a direction and an action, and the token of the link Anna made."""
    anna = User.objects.create_user(
        f"anna-{language}",
        password=PASSWORD,
        first_name="Anna",
        role=Role.COACH,
        team=Team.objects.create(name=f"Noord {language}"),
        email="anna@example.org",
    )
    sandra = create_client(
        by=anna,
        coach=anna,
        values={
            "first_name": "Sandra",
            "last_name": "Bakker",
            "situation": "at_risk",
            "phone": "06 12345678",
            "occupation_uri": HAIRDRESSER,
            "language": language,
        },
    )
    plan = actions.start_plan(by=anna, client=sandra)
    plan = actions.update_plan(
        by=anna, plan=plan, version=plan.version, values={"standing": "Ik wil minder staan."}
    )
    actions.add_direction(
        by=anna,
        plan=plan,
        version=plan.version,
        kind="new",
        occupation_uri=personal_transitions(plan, 1)[0].uri,
        why="ik werk graag met mensen",
    )
    plan.refresh_from_db()
    actions.add_action(
        by=anna,
        plan=plan,
        version=plan.version,
        what="Bel het ROC",
        who="client",
        due_on=timezone.localdate(),
    )
    plan.refresh_from_db()
    return plan, create_link(by=anna, plan=plan)[1]


@pytest.fixture
def no_second_factor(settings: Settings) -> None:
    settings.KOERS_REQUIRE_2FA = False


def agree(page: Page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


@pytest.mark.usefixtures("no_second_factor")
def test_sandra_reads_her_plan_on_her_phone_without_javascript_and_agrees(
    new_page: NewPage, explorer: str
) -> None:
    plan, token = sandras_link("nl")
    page = new_page(java_script_enabled=False)
    page.goto(f"{explorer}/plan/{token}/")

    assert page.get_by_role("heading", level=1).inner_text() == "Loopbaanplan van Sandra"
    assert page.get_by_text("Ik wil minder staan.").is_visible()
    assert page.get_by_text("Bel het ROC").is_visible()
    assert page.locator("nav").count() == 0
    page.screenshot(path=SCREENSHOT, full_page=True)
    agree(page, "Ik ben het eens met dit plan")

    assert page.get_by_text("Je was het eens met dit plan op").is_visible()
    assert plan.versions.get(number=plan.version).agreed_at is not None
    fits_the_phone(page)


@pytest.mark.usefixtures("no_second_factor")
@pytest.mark.parametrize(
    ("language", "heading", "button", "change", "send", "answered"),
    [
        (
            "nl",
            "Loopbaanplan van Sandra",
            "Ik ben het eens met dit plan",
            "Dit wil ik anders",
            "Versturen",
            "schreef je wat je anders wilt",
        ),
        (
            "en",
            "Career plan of Sandra",
            "I agree with this plan",
            "I want this to be different",
            "Send",
            "you wrote what you would change",
        ),
    ],
)
def test_the_link_pages_are_axe_clean_in_the_clients_language(
    new_page: NewPage,
    explorer: str,
    axe_source: str,
    language: str,
    heading: str,
    button: str,
    change: str,
    send: str,
    answered: str,
) -> None:
    plan, token = sandras_link(language)
    page = new_page()
    page.goto(f"{explorer}/plan/{token}/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.get_by_role("button", name=button).is_visible()
    axe_clean(page, axe_source)

    agree(page, send)  # nothing written: the form says what is missing
    assert page.get_by_role("alert").is_visible()
    axe_clean(page, axe_source)

    page.get_by_label(change).fill("Liever eerst parttime.")
    agree(page, send)
    assert page.get_by_text(answered).is_visible()
    assert plan.versions.get(number=plan.version).comment == "Liever eerst parttime."
    axe_clean(page, axe_source)

    page.goto(f"{explorer}/plan/{token}x/")
    assert page.get_by_role("heading", level=1).is_visible()
    axe_clean(page, axe_source)


@pytest.mark.usefixtures("no_second_factor")
def test_anna_sees_the_link_to_send_on_the_sharing_page_axe_clean(
    new_page: NewPage, explorer: str, axe_source: str
) -> None:
    plan, token = sandras_link("nl")
    page = new_page()
    sign_in(page, explorer, "anna-nl")
    page.goto(f"{explorer}/clienten/{plan.client_id}/plan/delen/#link")

    assert page.get_by_label("De link om te sturen").input_value() == f"{explorer}/plan/{token}/"
    axe_clean(page, axe_source)
    page.get_by_role("button", name="Link intrekken").click()
    assert page.get_by_text("De link werkt niet meer.").first.is_visible()
    axe_clean(page, axe_source)
