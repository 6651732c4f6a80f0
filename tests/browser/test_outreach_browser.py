"""A message between calls in a real browser: Anna chooses the call-back confirmation for
Petra, reads the filled-in text at 390 px and at 1366 px, sends it as an SMS and finds it in
Petra's timeline; then makes her calendar link. Every page axe-clean, in Dutch and English."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from pytest_django.fixtures import Settings

from koers.web.accounts.models import User
from koers.web.accounts.roles import Role
from koers.web.clients.actions import create_client
from koers.web.clients.models import Contact
from koers.web.outreach.models import MessageTemplate
from koers.web.outreach.starter_templates import put_in_place
from tests.browser.conftest import NewPage
from tests.browser.test_workspace_browser import PASSWORD, axe_clean, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDE = {"width": 1366, "height": 900}


@pytest.mark.parametrize(("prefix", "viewport"), [("", None), ("/en", WIDE)])
def test_anna_sends_petra_a_message_and_finds_it_in_the_timeline(
    explorer: str,
    new_page: NewPage,
    axe_source: str,
    settings: Settings,
    prefix: str,
    viewport: dict[str, int] | None,
) -> None:
    settings.KOERS_REQUIRE_2FA = False
    put_in_place(MessageTemplate)
    anna = User.objects.create_user("anna", password=PASSWORD, first_name="Anna", role=Role.COACH)
    petra = create_client(
        by=anna,
        coach=anna,
        values={"first_name": "Petra", "situation": "at_risk", "phone": "06 12345678"},
    )
    page: Page = new_page(**({"viewport": viewport} if viewport else {}))
    sign_in(page, explorer, "anna", path=f"{prefix}/account/inloggen/")
    page.goto(f"{explorer}{prefix}/clienten/{petra.pk}/")
    page.get_by_role("link", name=re.compile("Bericht sturen|Send a message")).click()
    axe_clean(page, axe_source)
    page.get_by_label(re.compile("^(Bericht|Message)")).select_option(
        label="Terugbelafspraak bevestigen"
    )
    page.get_by_label(re.compile("Datum en tijd|Date and time")).fill("2026-12-08T14:30")
    page.get_by_role("button", name=re.compile("Tekst invullen|Fill in the text")).click()
    text = page.get_by_label(re.compile("^(Tekst|Text)"))
    assert "op dinsdag 8 december 2026 om 14:30" in text.input_value()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe_clean(page, axe_source)
    text.fill(text.input_value() + " Tot dan!")
    page.get_by_role("button", name=re.compile("^(Versturen|Send)$")).click()
    page.wait_for_url(re.compile(rf"/clienten/{petra.pk}/$"))
    assert "Tot dan!" in page.content()
    axe_clean(page, axe_source)
    contact = Contact.objects.get(client=petra)
    assert contact.outcome == "bericht" and contact.summary.endswith("Tot dan!")

    page.goto(f"{explorer}{prefix}/account/agenda/")
    page.get_by_role("button", name=re.compile("Privélink maken|Make a private link")).click()
    assert re.search(r"/agenda/[^\"]+\.ics", page.content())
    axe_clean(page, axe_source)
