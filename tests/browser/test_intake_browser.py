"""Sandra asks to be called back from her result, on her phone, with and without JavaScript;
every page of it is accessible (axe, WCAG 2.1 AA). Bram then gives her request to Anna,
who adds her as a client."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from pytest_django.fixtures import Settings

from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.clients.models import Client
from koers.web.intake.models import CallbackRequest
from tests.browser.conftest import NewPage

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COOK = "90f75f67-495d-49fa-ab57-2f320e251d7e"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "correct horse battery"


def axe_clean(page: Page, axe_source: str) -> None:
    page.add_script_tag(content=axe_source)
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    problems = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert problems == [], page.url


def sign_in(page: Page, explorer: str, username: str) -> None:
    visit(page, f"{explorer}/en/account/inloggen/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url


def fill_in(page: Page, *, phone: str = "06 12345678") -> None:
    page.get_by_label("Your first name").fill("Sandra")
    page.get_by_label("Your phone number").fill(phone)
    page.get_by_label("morning").check()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_sandra_asks_to_be_called_back_and_sends_her_code(
    explorer: str, new_page: NewPage, axe_source: str, javascript: bool
) -> None:
    page = new_page(java_script_enabled=javascript)
    visit(page, f"{explorer}/en/beroep/{COOK}/verder/")
    code = page.locator("strong.short-code").inner_text()
    if javascript:  # axe itself needs JavaScript
        axe_clean(page, axe_source)

    fill_in(page)
    page.get_by_label(re.compile("Send my code along")).check()
    page.get_by_role("button", name="Call me back").click()

    page.wait_for_url(f"{explorer}/en/aanmeldingen/terugbellen/bedankt/")
    assert page.locator("h1").inner_text() == "We will call you back"
    stored = CallbackRequest.objects.get()
    assert (stored.first_name, stored.best_time, stored.short_code) == ("Sandra", "ochtend", code)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_wrong_number_is_explained_next_to_the_field(
    explorer: str, new_page: NewPage, javascript: bool
) -> None:
    page = new_page(java_script_enabled=javascript)
    visit(page, f"{explorer}/en/")
    fill_in(page, phone="12345")
    page.get_by_role("button", name="Call me back").click()

    page.wait_for_url(f"{explorer}/en/aanmeldingen/terugbellen/")
    assert page.locator("h1").inner_text() == "Call me back"
    phone = page.get_by_label("Your phone number")
    assert phone.get_attribute("aria-invalid") == "true"
    assert "not a phone number we can call" in page.locator("#callback-phone_error").inner_text()
    assert not CallbackRequest.objects.exists()


def test_tab_never_reaches_the_honeypot(explorer: str, new_page: NewPage) -> None:
    page = new_page()
    visit(page, f"{explorer}/en/aanmeldingen/terugbellen/")
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.id"))
    assert "callback-first_name" in reached
    assert "callback-website" not in reached


@pytest.mark.parametrize("language", ["", "/en"], ids=["nl", "en"])
def test_every_call_back_page_is_accessible_on_a_phone(
    explorer: str, new_page: NewPage, axe_source: str, language: str
) -> None:
    page = new_page()
    for path in (
        "/",
        f"/beroep/{COOK}/verder/",
        "/aanmeldingen/terugbellen/",
        "/aanmeldingen/terugbellen/bedankt/",
    ):
        visit(page, explorer + language + path)
        axe_clean(page, axe_source)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The page with the form's errors.
    visit(page, explorer + language + "/aanmeldingen/terugbellen/")
    page.get_by_role("button", name=re.compile("Call me back|Bel mij terug")).last.click()
    page.wait_for_load_state()
    assert page.locator("[role=alert]").count() == 1
    axe_clean(page, axe_source)


def test_the_form_fits_a_320_pixel_screen(explorer: str, new_page: NewPage) -> None:
    page = new_page(viewport={"width": 320, "height": 640})
    visit(page, f"{explorer}/aanmeldingen/terugbellen/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_bram_gives_the_request_to_anna_who_makes_sandra_a_client(
    explorer: str, new_page: NewPage, axe_source: str, settings: Settings
) -> None:
    settings.KOERS_REQUIRE_2FA = False
    noord = Team.objects.create(name="Noord")
    User.objects.create_user("bram", password=PASSWORD, role=Role.TEAMLEAD, team=noord)
    anna = User.objects.create_user("anna", password=PASSWORD, first_name="Anna", team=noord)
    CallbackRequest.objects.create(first_name="Sandra", phone="06 12345678")
    page = new_page()
    sign_in(page, explorer, "bram")

    visit(page, f"{explorer}/en/aanmeldingen/")
    axe_clean(page, axe_source)
    page.get_by_role("link", name="Sandra").click()
    page.wait_for_url(re.compile(r".*/aanmeldingen/\d+/$"))
    axe_clean(page, axe_source)
    page.get_by_label("Coach").select_option(label="Anna · 0 clients")  # her caseload size
    page.get_by_role("button", name="Give to this coach").click()
    page.wait_for_url(f"{explorer}/en/aanmeldingen/")
    assert CallbackRequest.objects.get().coach is not None

    # Anna, on a phone without JavaScript, calls Sandra and adds her as a client.
    page = new_page(java_script_enabled=False, viewport={"width": 390, "height": 844})
    sign_in(page, explorer, "anna")
    visit(page, f"{explorer}/en/aanmeldingen/")
    page.get_by_role("link", name="Sandra").click()
    page.get_by_role("link", name="Add as a client").click()
    assert page.get_by_label("Phone").input_value() == "06 12345678"
    page.get_by_label("Last name").fill("de Vries")
    page.get_by_label("At home, waiting").check()
    page.get_by_role("button", name="Add as a client").click()
    page.wait_for_url(re.compile(r".*/clienten/\d+/$"))
    assert "Sandra de Vries" in page.locator("h1").inner_text()
    client = Client.objects.get(first_name="Sandra", last_name="de Vries")
    assert client.coach == anna and client.situation == "home_waiting"
    handled = CallbackRequest.objects.get()
    assert handled.client == client and handled.phone == ""
