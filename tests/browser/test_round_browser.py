"""A calling round in a real browser: 80 clients, worked through with the keyboard, with and
without JavaScript, two pauses, urgency changes, call-backs and the printed report; axe-clean."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.clients.actions import create_client
from koers.web.clients.models import Client, Contact, Pause
from koers.web.rounds.models import CallScript, NoteTemplate, Round
from tests.browser.conftest import NewPage
from tests.browser.test_workspace_browser import PASSWORD, axe_clean, shot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SITUATIONS = ["home_waiting", "working_more", "at_risk", "no_assignments", "working_children"]


@pytest.fixture
def caseload(settings: Settings) -> dict[str, User]:
    # Two-step sign-in has its own browser test (test_workspace_browser.py).
    settings.KOERS_REQUIRE_2FA = False
    noord = Team.objects.create(name="Noord")
    anna = User.objects.create_user(
        "anna", password=PASSWORD, first_name="Anna", role=Role.COACH, team=noord
    )
    bram = User.objects.create_user(
        "bram", password=PASSWORD, first_name="Bram", role=Role.TEAMLEAD, team=noord
    )
    for n in range(80):
        create_client(
            by=anna,
            coach=anna,
            values={
                "first_name": f"Klant{n:02d}",
                "last_name": "Jansen",
                "phone": f"06 1000 {n:04d}",
                "situation": SITUATIONS[n % len(SITUATIONS)],
                "urgency": ["high", "medium", "low"][n % 3],
            },
        )
    return {"anna": anna, "bram": bram}


def next_client(page: Page, previous: str) -> str:
    """Wait until htmx has swapped in another client; return the new name."""
    page.wait_for_function(
        "name => document.querySelector('#client-name')?.innerText !== name", arg=previous
    )
    return page.locator("#client-name").inner_text()


def row_of(page: Page, name: str) -> str:
    """The text of one client's row on the call list page."""
    return page.locator(".call-list li", has_text=name).inner_text()


def start_round(page: Page, base: str) -> None:
    page.goto(base + "/belronde/")
    page.get_by_role("button", name=re.compile("^(Start|Beginnen|Starten)")).click()
    page.wait_for_url(re.compile(r"/belronde/\d+/$"))


def test_a_coach_works_through_a_round_with_the_keyboard(
    explorer: str, caseload: dict[str, User], new_page: NewPage, axe_source: str
) -> None:
    page = new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, explorer, "anna")
    start_round(page, explorer)
    round_ = Round.objects.get()
    assert round_.entries.count() == 80
    axe_clean(page, axe_source)
    shot(page, "round-call")
    assert page.locator("a[href^='tel:']").count() == 1
    # Reached, urgency now low (the first call is an urgent client), saved: three keys.
    first = page.locator("#client-name").inner_text()
    page.keyboard.press("1")
    page.keyboard.press("l")
    page.keyboard.press("Enter")
    second = next_client(page, first)
    assert re.search(
        r"1 (gebeld|called), 79 (te gaan|to go)", page.locator(".progress").inner_text()
    )
    reached = Client.objects.get(first_name=first.split()[0])
    assert reached.urgency == "low"
    # Not reached: two keys; the client goes to the back of the list.
    page.keyboard.press("2")
    page.keyboard.press("Enter")
    third = next_client(page, second)
    # A call-back: key 5, the time typed, saved.
    page.keyboard.press("5")
    callback = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT10:00")
    page.fill("input[name=callback_at]", callback)
    page.locator("#save-call").click()
    next_client(page, third)
    assert Contact.objects.filter(outcome="terugbellen").count() == 1
    # Two pauses, from the call screen and back.
    paused: list[str] = []
    for _ in range(2):
        name = page.locator("#client-name").inner_text()
        paused.append(name)
        page.get_by_role(
            "link", name=re.compile("Pauzeren zonder gesprek|Pause without logging")
        ).click()
        until = (timezone.localdate() + datetime.timedelta(days=21)).isoformat()
        page.fill("input[name=until]", until)
        page.check("input[name=reason][value=gevraagd]")
        page.get_by_role("button", name=re.compile("^(Pauzeren|Pause)$")).click()
        page.wait_for_url(re.compile(r"/belronde/\d+/$"))
        assert page.locator("#client-name").inner_text() != name
    assert Pause.objects.count() == 2
    assert re.search(r"2 (gepauzeerd|paused)", page.locator(".progress").inner_text())
    # Skip with "s".
    skipped = page.locator("#client-name").inner_text()
    page.keyboard.press("s")
    next_client(page, skipped)

    page.goto(explorer + f"/belronde/{round_.pk}/verslag/")
    axe_clean(page, axe_source)
    shot(page, "round-report")
    summary = page.locator(".summary").inner_text()
    assert re.search(r"(Bereikt|Reached)\s+1", summary)
    assert re.search(r"(Urgentie gedaald|Urgency fell)\s+1", summary)
    assert re.search(r"(Pauzes gevraagd|Pauses asked for)\s+2", summary)
    page.emulate_media(media="print")
    assert not page.locator(".staff-nav").is_visible()
    page.emulate_media(media="screen")

    # Three weeks later the pauses have ended: both clients are back, with a check-in.
    page.goto(explorer + f"/belronde/{round_.pk}/lijst/")
    for name in paused:
        assert re.search("gepauzeerd tot|paused until", row_of(page, name))
    today = timezone.localdate()
    Pause.objects.update(
        starts=today - datetime.timedelta(days=22), until=today - datetime.timedelta(days=1)
    )
    page.reload()
    for name in paused:
        row = row_of(page, name)
        assert not re.search("gepauzeerd tot|paused until", row)
        assert re.search("terug van een pauze|back from a pause", row)


def test_a_call_is_noted_and_planned_from_the_keyboard(
    explorer: str, caseload: dict[str, User], new_page: NewPage, axe_source: str
) -> None:
    """Issue 19: the round's call script beside the form; an outcome starts the note with its
    template, n goes to the note and Ctrl+Enter saves it; o makes a call-back for tomorrow
    morning; a pause is set inside the call form and logs the call too."""
    CallScript.objects.update_or_create(
        name="Crisisronde",
        defaults={"questions": "Hoe gaat het met je?\nKom je rond?", "is_default": True},
    )
    NoteTemplate.objects.update_or_create(outcome="bereikt", defaults={"text": "Hoe het gaat:"})
    page = new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, explorer, "anna")
    start_round(page, explorer)
    assert "Kom je rond?" in page.locator(".call-script").inner_text()
    first = page.locator("#client-name").inner_text()
    page.keyboard.press("1")
    page.keyboard.press("n")
    page.keyboard.press("End")
    page.keyboard.type(" werkt weer drie dagen")
    page.keyboard.press("Control+Enter")
    second = next_client(page, first)
    noted = Contact.objects.get(client__first_name=first.split()[0])
    assert (noted.outcome, noted.summary) == ("bereikt", "Hoe het gaat: werkt weer drie dagen")
    # A call-back tomorrow morning in one key; the next action as words with its date.
    page.keyboard.press("o")
    page.fill("input[name=next_action]", "vacatures zorg sturen")
    page.locator("input[name=next_action]").press("Control+Enter")
    third = next_client(page, second)
    planned = Contact.objects.get(client__first_name=second.split()[0])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert planned.outcome == "terugbellen"
    assert timezone.localtime(planned.callback_at).date() == tomorrow
    assert timezone.localtime(planned.callback_at).hour == 10
    assert planned.next_action == "vacatures zorg sturen"
    # i goes to the situation; a pause from inside the form logs the call as well.
    page.keyboard.press("i")
    assert page.evaluate("document.activeElement.name") == "situation_after"
    page.keyboard.press("Escape")
    page.check("input[name=outcome][value=bereikt]")
    page.locator("details.call-pause summary").click()
    until = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    page.fill("input[name=pause_until]", until)
    page.select_option("select[name=pause_reason]", "zorg")
    axe_clean(page, axe_source)
    page.locator("#save-call").click()
    next_client(page, third)
    client = Client.objects.get(first_name=third.split()[0])
    assert client.contacts.get().outcome == "bereikt"
    assert client.pauses.get().reason == "zorg"


def test_the_round_works_without_javascript(
    explorer: str, caseload: dict[str, User], new_page: NewPage
) -> None:
    page = new_page(java_script_enabled=False)
    sign_in(page, explorer, "anna")
    start_round(page, explorer)
    first = page.locator("#client-name").inner_text()
    page.check("input[name=outcome][value=bereikt]")
    page.check("input[name=urgency_after][value=low]")
    with page.expect_navigation():
        page.locator("#save-call").click()
    assert page.locator("#client-name").inner_text() != first
    assert Client.objects.get(first_name=first.split()[0]).urgency == "low"
    shot(page, "round-call-phone")


def test_the_team_lead_sees_what_needs_attention(
    explorer: str, caseload: dict[str, User], new_page: NewPage, axe_source: str
) -> None:
    page = new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, explorer, "bram")
    page.goto(explorer + "/clienten/aandacht/")
    assert "Klant00 Jansen" in page.content()
    axe_clean(page, axe_source)
