"""A coach's morning in a real browser (issue 19, "Done when"), on a 390 px phone in Dutch and
at 1366 px in English, every page axe-clean.

Sandra asks the explorer to call her back and Bram gives the request to Anna. Anna finds it
at the top of "Aandacht nodig" and of her calling round, within the promised working days.
She works through the round by keyboard: Joost wants to stop, Petra is called back tomorrow
morning in one key. She closes the round part-way and reads the report. She closes Joost's
traject with its outcome, sends Karin a message that lands in the timeline, and finds
Petra's call-back in her private calendar feed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.clients.actions import create_client, create_traject
from koers.web.clients.models import Client, Contact, Opdrachtgever, Traject
from koers.web.intake.actions import assign_request
from koers.web.intake.models import CallbackRequest
from koers.web.outreach.models import MessageTemplate
from koers.web.outreach.starter_templates import put_in_place
from tests.browser.conftest import NewPage
from tests.browser.test_round_browser import next_client
from tests.browser.test_workspace_browser import PASSWORD, axe_clean, shot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1366, "height": 900}


def fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@dataclass
class Morning:
    anna: User
    bram: User
    clients: dict[str, Client] = field(default_factory=dict)


@pytest.fixture
def morning(settings: Settings) -> Morning:
    settings.KOERS_REQUIRE_2FA = False
    put_in_place(MessageTemplate)
    noord = Team.objects.create(name="Noord")
    anna = User.objects.create_user(
        "anna", password=PASSWORD, first_name="Anna", role=Role.COACH, team=noord
    )
    bram = User.objects.create_user(
        "bram", password=PASSWORD, first_name="Bram", role=Role.TEAMLEAD, team=noord
    )
    people = Morning(anna, bram)
    for name, urgency, channel in [
        ("Joost", "high", "telefoon"),
        ("Petra", "high", "telefoon"),
        ("Ahmed", "low", "telefoon"),
        ("Karin", "low", "telefoon"),
        ("Mirjam", "low", "telefoon"),
    ]:
        people.clients[name] = create_client(
            by=anna,
            coach=anna,
            values={
                "first_name": name,
                "last_name": "de Vries",
                "phone": "06 12345678",
                "situation": "at_risk",
                "urgency": urgency,
                "channel": channel,
            },
        )
    create_traject(
        by=anna,
        client=people.clients["Joost"],
        values={
            "opdrachtgever": Opdrachtgever.objects.create(name="O&O-fonds Horeca", kind="fonds"),
            "starts": timezone.localdate(),
        },
    )
    return people


@pytest.mark.parametrize(("prefix", "viewport"), [("", PHONE), ("/en", WIDE)], ids=["nl", "en"])
def test_a_coach_s_morning(
    explorer: str,
    new_page: NewPage,
    axe_source: str,
    morning: Morning,
    prefix: str,
    viewport: dict[str, int],
) -> None:
    page = new_page(viewport=viewport)
    base = explorer + prefix

    # Sandra asks to be called back; Bram gives the request to Anna.
    page.goto(base + "/")
    page.fill("input[name=first_name]", "Sandra")
    page.fill("input[name=phone]", "06 87654321")
    page.get_by_role("button", name=re.compile("^(Bel mij terug|Call me back)$")).click()
    page.wait_for_url(re.compile(r"/terugbellen/bedankt/$"))
    assign_request(by=morning.bram, callback=CallbackRequest.objects.get(), coach=morning.anna)

    # "Aandacht nodig" opens with the request and the working days left.
    sign_in(page, explorer, "anna", path=f"{prefix}/account/inloggen/")
    page.goto(base + "/clienten/aandacht/")
    callbacks = page.locator("#callbacks-due-title").locator("xpath=..")
    assert "Sandra" in callbacks.inner_text()
    assert re.search(r"nog 2 werkdagen|2 working days left", callbacks.inner_text())
    axe_clean(page, axe_source)
    assert fits(page)

    # The round: the request on top, then the calls by keyboard.
    page.goto(base + "/belronde/")
    page.get_by_role("button", name=re.compile("^(Start|Beginnen|Starten)")).click()
    page.wait_for_url(re.compile(r"/belronde/\d+/$"))
    call_screen = page.locator("main").inner_text()
    assert call_screen.index("Sandra") < call_screen.index(
        page.locator("#client-name").inner_text()
    )
    axe_clean(page, axe_source)
    assert fits(page)
    shot(page, f"morning-call{prefix.replace('/', '-')}")
    for _ in range(3):
        name = page.locator("#client-name").inner_text()
        if name.startswith("Joost"):
            page.keyboard.press("7")
        elif name.startswith("Petra"):
            page.keyboard.press("o")
        else:
            page.keyboard.press("1")
        page.keyboard.press("Enter")
        next_client(page, name)
    assert Contact.objects.filter(client__first_name="Joost", outcome="wil_stoppen").exists()
    assert Contact.objects.get(client__first_name="Petra").outcome == "terugbellen"

    # Closed part-way: the report counts the calls and lists what is left to do.
    page.get_by_role("button", name=re.compile(r"Ronde nu afsluiten|Close the round now")).click()
    page.wait_for_url(re.compile(r"/verslag/$"))
    report = page.locator("main").inner_text()
    assert re.search(r"wil stoppen|wants to stop", report, re.IGNORECASE)
    assert "Joost" in report and "Petra" in report
    axe_clean(page, axe_source)

    # "Wil stoppen" leads to a closed traject with its outcome.
    joost = morning.clients["Joost"]
    page.goto(f"{base}/clienten/{joost.pk}/")
    page.get_by_role("link", name=re.compile("Status wijzigen|Change status")).click()
    page.check("input[name=status][value=afgesloten]")
    page.select_option("select[name=outcome]", "gestopt")
    axe_clean(page, axe_source)
    page.get_by_role("button", name=re.compile("^(Status wijzigen|Change status)$")).click()
    page.wait_for_url(re.compile(rf"/clienten/{joost.pk}/$"))
    traject = Traject.objects.get(client=joost)
    assert (traject.status, traject.outcome) == ("afgesloten", "gestopt")

    # A message to Karin, logged in her timeline.
    karin = morning.clients["Karin"]
    page.goto(f"{base}/clienten/{karin.pk}/")
    page.get_by_role("link", name=re.compile("Bericht sturen|Send a message")).click()
    page.get_by_label(re.compile("^(Bericht|Message)")).select_option(
        label="We probeerden je te bellen"
    )
    page.get_by_role("button", name=re.compile("Tekst invullen|Fill in the text")).click()
    axe_clean(page, axe_source)
    assert fits(page)
    page.get_by_role("button", name=re.compile("^(Versturen|Send)$")).click()
    page.wait_for_url(re.compile(rf"/clienten/{karin.pk}/$"))
    assert Contact.objects.filter(client=karin, outcome="bericht").exists()

    # The private calendar feed lists Petra's call-back.
    page.goto(base + "/account/agenda/")
    page.get_by_role("button", name=re.compile("Privélink maken|Make a private link")).click()
    feed = re.search(r"https?://[^\"<\s]+/agenda/[^\"<\s]+\.ics", page.content())
    assert feed is not None
    axe_clean(page, axe_source)
    calendar = page.request.get(feed.group(0)).text()
    assert "BEGIN:VEVENT" in calendar and "Petra" in calendar
