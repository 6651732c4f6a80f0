"""The coaching workspace in a real browser, as the issue's "Done when" describes it.

Anna signs in with a second factor she sets up herself (with Carla's enrolment code), imports
a caseload, opens a client, logs a contact against a traject and closes it with an outcome.
Bram, her team lead, hands a client over and arranges cover. Carla, the admin, exports and
erases a client. Every page is checked with axe (WCAG 2.1 AA), in Dutch and in English.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from koers.web.accounts.actions import issue_enrolment_code
from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.clients.models import Client, Contact, Opdrachtgever
from tests.browser.conftest import NewPage

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASELOAD = Path(__file__).parents[1] / "fixtures" / "caseload" / "good.csv"
PASSWORD = "correct horse battery"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHOTS_DIR = os.environ.get("KOERS_SHOTS_DIR", "")


def axe_clean(page: Page, axe_source: str) -> None:
    page.add_script_tag(content=axe_source)
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    problems = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert problems == [], page.url


def shot(page: Page, name: str) -> None:
    """Keep a full-page screenshot for people to look at (KOERS_SHOTS_DIR)."""
    if SHOTS_DIR:
        page.screenshot(path=str(Path(SHOTS_DIR) / f"workspace-{name}.png"), full_page=True)


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(page: Page, base: str, username: str, *, path: str = "/account/inloggen/") -> None:
    page.goto(base + path)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=re.compile("Inloggen|Sign in")).click()


def verify(page: Page, username: str) -> None:
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    page.fill("input[name=code]", code_for(device))
    page.get_by_role("button", name=re.compile("Doorgaan|Continue")).click()


@pytest.fixture
def team(settings: Settings) -> dict[str, User]:
    settings.KOERS_REQUIRE_2FA = True
    noord = Team.objects.create(name="Noord")

    def user(name: str, role: Role, team: Team | None, *, device: bool) -> User:
        person = User.objects.create_user(
            name, password=PASSWORD, first_name=name.title(), role=role, team=team
        )
        if device:
            TOTPDevice.objects.create(user=person, name="telefoon", confirmed=True)
        return person

    Opdrachtgever.objects.create(name="O&O-fonds Detailhandel", kind="oo_fonds")
    return {
        "anna": user("anna", Role.COACH, noord, device=False),
        "eva": user("eva", Role.COACH, noord, device=True),
        "bram": user("bram", Role.TEAMLEAD, noord, device=True),
        "carla": user("carla", Role.ADMIN, None, device=True),
    }


def test_a_coach_sets_up_2fa_imports_and_works_a_client(
    explorer: str, team: dict[str, User], new_page: NewPage, axe_source: str
) -> None:
    issued = issue_enrolment_code(by=team["carla"], user=team["anna"])
    page = new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, explorer, "anna")
    # No second factor yet: Koers asks for the enrolment code Carla gave her, then shows a
    # QR code and the key as text.
    page.wait_for_url(re.compile("/account/tweestaps/"))
    axe_clean(page, axe_source)
    page.fill("input[name=enrolment_code]", issued.code)
    page.get_by_role("button", name=re.compile("Doorgaan|Continue")).click()
    page.wait_for_selector("img.qr")
    axe_clean(page, axe_source)
    assert page.locator("img, svg").first.is_visible()
    device = TOTPDevice.objects.get(user=team["anna"])
    page.fill("input[name=code]", code_for(device))
    page.get_by_role("button", name=re.compile("Bevestigen|Confirm")).click()
    assert page.locator("code").filter(has_text=re.compile(r"^\w{4}-\w{4}-\w{4}$")).count() == 10
    axe_clean(page, axe_source)

    page.goto(explorer + "/gegevens/import/")
    page.set_input_files("input[name=file]", str(CASELOAD))
    page.get_by_role("button", name=re.compile("Controleren|Check")).click()
    page.wait_for_url(re.compile("/clienten/"))
    assert Client.objects.filter(coach=team["anna"]).count() == 3
    axe_clean(page, axe_source)
    shot(page, "caseload")

    page.get_by_role("link", name=re.compile("Test Een|Een Test|Een")).first.click()
    assert "Test Een" in page.locator("h1").inner_text()
    axe_clean(page, axe_source)
    shot(page, "client")

    page.get_by_role("link", name=re.compile("Contact vastleggen|Log a contact")).first.click()
    page.fill("input[name=minutes]", "30")
    page.check("input[name=outcome][value=bereikt]")
    page.select_option("select[name=urgency_after]", "low")
    page.fill("textarea[name=summary]", "Wil de overstap naar de zorg onderzoeken.")
    axe_clean(page, axe_source)
    shot(page, "contact")
    page.get_by_role("button", name=re.compile("Contact opslaan|Save contact")).click()
    contact = Contact.objects.get()
    assert contact.traject is not None and contact.minutes == 30
    assert contact.client.urgency == "low"

    for step in ("intake", "actief"):
        page.get_by_role("link", name=re.compile("Status wijzigen|Change status")).first.click()
        page.check(f"input[name=status][value={step}]")
        page.get_by_role("button", name=re.compile("Status wijzigen|Change status")).click()
    page.get_by_role("link", name=re.compile("Status wijzigen|Change status")).first.click()
    page.check("input[name=status][value=afgesloten]")
    page.select_option("select[name=outcome]", "opleiding")
    page.get_by_role("button", name=re.compile("Status wijzigen|Change status")).click()
    traject = contact.traject
    traject.refresh_from_db()
    assert (traject.status, traject.outcome) == ("afgesloten", "opleiding")

    # The same pages in English.
    page.goto(explorer + f"/en/clienten/{contact.client_id}/")
    assert page.get_by_role("link", name="Log a contact").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    axe_clean(page, axe_source)


def test_a_team_lead_hands_over_and_arranges_cover(
    explorer: str, team: dict[str, User], new_page: NewPage, axe_source: str
) -> None:
    petra = Client.objects.create(coach=team["anna"], first_name="Petra", situation="at_risk")
    page = new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, explorer, "bram", path=f"/account/inloggen/?next=/clienten/{petra.pk}/")
    verify(page, "bram")
    page.wait_for_url(re.compile(f"/clienten/{petra.pk}/"))
    page.get_by_role("link", name=re.compile("Overdragen|Hand over")).click()
    page.select_option("select[name=coach]", str(team["eva"].pk))
    page.get_by_role("button", name=re.compile("Overdragen|Hand over")).click()
    petra.refresh_from_db()
    assert petra.coach == team["eva"]

    page.goto(explorer + "/account/waarneming/")
    axe_clean(page, axe_source)
    page.select_option("select[name=coach]", str(team["eva"].pk))
    page.select_option("select[name=substitute]", str(team["anna"].pk))
    today = timezone.localdate()
    page.fill("input[name=starts]", today.isoformat())
    page.fill("input[name=ends]", (today + datetime.timedelta(days=7)).isoformat())
    page.locator("form.narrow button[type=submit]").click()
    assert team["anna"].covering.filter(coach=team["eva"]).exists()


def test_an_admin_exports_and_erases_a_client(
    explorer: str, team: dict[str, User], new_page: NewPage, axe_source: str
) -> None:
    petra = Client.objects.create(
        coach=team["anna"],
        first_name="Petra",
        last_name="Jansen",
        situation="at_risk",
        phone="06 12345678",
    )
    page = new_page(viewport={"width": 390, "height": 844})
    sign_in(page, explorer, "carla")
    verify(page, "carla")
    page.goto(explorer + "/gegevens/verzoeken/?q=Jansen")
    axe_clean(page, axe_source)
    shot(page, "requests-phone")
    page.get_by_role(
        "link", name=re.compile("What we hold|Wat we bewaren|Wat we", re.I)
    ).first.click()
    assert "06 12345678" in page.content()
    axe_clean(page, axe_source)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("JSON")).click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert "06 12345678" in json.dumps(exported)

    page.goto(explorer + f"/gegevens/client/{petra.pk}/wissen/")
    axe_clean(page, axe_source)
    page.fill("input[name=confirmation]", str(petra.pk))
    page.get_by_role("button", name=re.compile("wissen|Erase", re.I)).click()
    petra.refresh_from_db()
    assert petra.erased_at is not None and petra.phone == ""
