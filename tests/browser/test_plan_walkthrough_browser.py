"""Issue 16, done when: the whole career plan in a real browser, from a demo client to the
next calling round.

Anna, a demo coach, opens one of her demo clients without a plan. She adds three skills (one
from volunteer work), takes over the reflection answers the client read out as a code from
the explorer, picks two directions from the client's own next steps, adds learning steps with
a course and with a training application she starts from the plan, and agrees two actions
with dates. She prints the plan, downloads the PDF and makes the private link. The client
opens that link on a 390 px phone without JavaScript, reads the plan and agrees. The action
that falls due today shows under "Aandacht nodig" and raises the client in Anna's next
calling round, where the call screen shows the plan's directions and open actions. Every
page is checked with axe (WCAG 2.1 AA), in Dutch and then in English.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone
from pypdf import PdfReader
from pytest_django.fixtures import Settings

from koers.web.accounts.models import User
from koers.web.clients.models import Client, Traject
from koers.web.demo_data import create_demo_data
from koers.web.plans.models import Plan
from koers.web.rounds.models import Round
from koers.web.training.models import Course
from tests.browser.conftest import NewPage
from tests.browser.test_plan_reflection_browser import tick_and_read_the_code
from tests.browser.test_training_browser import fits_the_phone, look
from tests.browser.test_workspace_browser import PASSWORD, axe_clean, sign_in
from tests.web.conftest import HAIRDRESSER

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COACH = "demo.coach0001"
COURSE = "EHBO-herhaling"
FOLLOW_UP_DUE = "vervolgafspraak is aan de beurt"  # the reason a calling round gives


@pytest.fixture
def imported_data_dir(labelled_data_dir: Path) -> Path:
    """The knowledge base with the Dutch skill names, so that skills are found in Dutch."""
    return labelled_data_dir


@pytest.fixture
def demo_client(settings: Settings, explorer: str) -> Client:
    """A demo caseload of hairdressers; the first client of demo.coach0001 without a plan,
    not paused (a pause holds back what falls due) and with an open traject (for the training
    application)."""
    settings.KOERS_REQUIRE_2FA = False
    create_demo_data(
        clients=24, contacts=60, coaches=2, password=PASSWORD, occupations=[(HAIRDRESSER, 1.0)]
    )
    Course.objects.create(title=COURSE, provider="Rode Kruis", active=True)
    coach = User.objects.get(username=COACH)
    client = (
        Client.objects.filter(coach=coach, plan__isnull=True, trajecten__in=Traject.objects.open())
        .order_by("pk")
        .first()
    )
    assert client is not None, "the demo data gave demo.coach0001 no client to start a plan for"
    # The client's own language decides the language of the plan they read.
    Client.objects.filter(pk=client.pk).update(language="nl")
    return client


def checked(page: Page, axe_source: str, name: str, visited: list[str]) -> None:
    axe_clean(page, axe_source)
    look(page, f"walkthrough-{name}")
    visited.append(page.url)


def add_skill(page: Page, query: str, label: str, source: str, own_words: str = "") -> None:
    search = page.get_by_role("search", name="Zoek een vaardigheid op naam")
    search.get_by_role("searchbox").fill(query)
    search.get_by_role("button").click()
    page.get_by_label(label, exact=True).check()
    page.get_by_label(source).check()
    if own_words:
        page.locator("#skill-own_words").fill(own_words)
    page.get_by_role("button", name="Vaardigheid toevoegen").click()
    assert page.get_by_text("Vaardigheid toegevoegd.").is_visible()


def step_form(page: Page, direction: int) -> Locator:
    """The form that adds a learning step to one direction."""
    return page.locator(
        f"form[action$='/plan/leerstap/']:has(input[name=direction][value='{direction}'])"
    )


def agree_action(page: Page, what: str, who: str, due: datetime.date) -> None:
    page.locator("#action-what").fill(what)
    page.locator("#action-who").get_by_label(who).check()
    page.locator("#action-due_on").fill(due.isoformat())
    page.get_by_role("button", name="Afspraak maken").click()
    assert page.get_by_text("Afspraak gemaakt.").is_visible()


def test_a_coach_builds_a_plan_the_client_agrees_and_its_action_falls_due(
    new_page: NewPage, explorer: str, demo_client: Client, axe_source: str
) -> None:
    visited: list[str] = []
    today = timezone.localdate()
    plan_url = f"{explorer}/clienten/{demo_client.pk}/plan/"

    # The client ticks boxes in the explorer on their phone and reads out the code.
    code = tick_and_read_the_code(new_page, explorer, None)

    page = new_page()
    sign_in(page, explorer, COACH)
    page.goto(f"{explorer}/clienten/{demo_client.pk}/")
    page.get_by_role("button", name="Plan starten").click()
    checked(page, axe_source, "plan-started", visited)

    add_skill(page, "eerste hulp", "eerste hulp bieden", "vrijwilligerswerk", "EHBO bij de club")
    add_skill(page, "haar verven", "haar verven", "betaald werk")
    add_skill(page, "actief luisteren", "actief luisteren", "hobby")

    page.get_by_label("Code uit de verkenner").fill(code)
    page.get_by_role("button", name="Aangekruiste vakjes overnemen").click()
    assert page.locator("#reflection-gives").get_by_label("mensen om me heen").is_checked()

    # Two directions from the client's own next steps, chosen on their own page.
    for _ in range(2):
        page.get_by_role("link", name="Kies een richting", exact=True).click()
        page.get_by_role("button", name="Kies deze richting").first.click()
        assert page.get_by_text("Richting gekozen.").is_visible()
    checked(page, axe_source, "plan-directions", visited)

    page.get_by_role("link", name="Een aanvraag starten").first.click()
    page.locator("input[name=course_title]").fill("Helpende Zorg & Welzijn")
    page.locator("input[name=provider]").fill("ROC Midden")
    page.locator("input[name=cost]").fill("1200")
    page.get_by_role("button", name="Aanvraag opslaan").click()
    assert page.get_by_text("Aanvraag opgeslagen.").is_visible()

    page.goto(plan_url)
    chosen = list(Plan.objects.get(client=demo_client).directions.values_list("pk", flat=True))
    first = step_form(page, chosen[0])
    first.get_by_role("radio").first.check()
    first.get_by_label("Opleiding uit de catalogus").select_option(label=f"{COURSE} · Rode Kruis")
    first.get_by_role("button", name="Leerstap toevoegen").click()
    assert page.get_by_text("Leerstap toegevoegd.").is_visible()
    second = step_form(page, chosen[1])
    second.get_by_role("radio").first.check()
    second.get_by_label("Scholingsaanvraag van deze cliënt").select_option(index=1)
    second.get_by_role("button", name="Leerstap toevoegen").click()
    assert page.get_by_text("Leerstap toegevoegd.").is_visible()

    agree_action(page, "Bel het ROC over de opleiding", "cliënt", today)
    agree_action(page, "Vraag de subsidie aan", "coach", today + datetime.timedelta(days=14))
    checked(page, axe_source, "plan-complete", visited)

    plan = Plan.objects.get(client=demo_client)
    assert plan.skills.filter(source="volunteer").count() == 1
    assert plan.skills.count() == 3
    assert plan.reflection["gives"] == ["people"]
    assert plan.directions.count() == 2
    steps = [step for direction in plan.directions.all() for step in direction.learning_steps.all()]
    assert [step.course is not None for step in steps] == [True, False]
    assert [step.application is not None for step in steps] == [False, True]
    headings = page.locator("section[aria-labelledby=steps] h3")
    directions = [headings.nth(n).inner_text() for n in range(2)]

    # The plan for the client: the page to print, and the PDF made on the server.
    page.get_by_role("link", name="Het plan voor de cliënt").click()
    assert demo_client.first_name in page.get_by_role("heading", level=1).inner_text()
    axe_clean(page, axe_source)
    look(page, "walkthrough-client-copy")
    copy_url = page.url
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^pdf$", re.IGNORECASE)).click()
    pdf = Path(download.value.path())
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert demo_client.first_name in text
    assert "Bel het ROC over de opleiding" in text

    page.get_by_role("link", name="Delen met de cliënt of de opdrachtgever").click()
    page.get_by_role("button", name="Link maken").click()
    link = page.get_by_label("De link om te sturen").input_value()
    assert re.fullmatch(rf"{re.escape(explorer)}/plan/[\w-]{{20,}}/", link), link
    checked(page, axe_source, "plan-link-made", visited)

    # The client, on a phone without JavaScript, reads the plan and agrees.
    phone = new_page(java_script_enabled=False)
    phone.goto(link)
    assert phone.locator("nav").count() == 0
    for direction in directions:
        assert phone.get_by_text(direction).first.is_visible(), direction
    assert phone.get_by_text("Bel het ROC over de opleiding").is_visible()
    fits_the_phone(phone)
    look(phone, "walkthrough-link-phone")
    phone.get_by_role("button", name="Ik ben het eens met dit plan").click()
    assert phone.get_by_text("Je was het eens met dit plan op").is_visible()
    plan.refresh_from_db()
    assert plan.versions.get(number=plan.version).agreed_at is not None
    reader = new_page()  # the same page with scripts on, for axe
    reader.goto(link)
    axe_clean(reader, axe_source)

    # The action due today: under "Aandacht nodig", and first reason in the next round.
    page.goto(f"{explorer}/clienten/aandacht/")
    agreed = page.locator("section").filter(has_text="Afspraken uit het plan die aan de beurt zijn")
    assert agreed.get_by_text("Bel het ROC over de opleiding").is_visible()
    checked(page, axe_source, "attention", visited)

    page.goto(f"{explorer}/belronde/")
    page.get_by_role("button", name=re.compile("^(Beginnen|Starten)")).click()
    page.wait_for_url(re.compile(r"/belronde/\d+/$"))
    round_ = Round.objects.get(coach__username=COACH)
    page.goto(f"{explorer}/belronde/{round_.pk}/lijst/")
    row = page.locator("li").filter(has_text=demo_client.name)
    assert FOLLOW_UP_DUE in row.inner_text()
    visited.append(page.url)
    page.goto(f"{explorer}/belronde/{round_.pk}/")
    while demo_client.name not in page.get_by_role("heading", level=1).inner_text():
        page.get_by_role("button", name="Overslaan, later terugkomen").click()
    call = page.locator("#career-plan").locator("..").locator("..")
    assert call.get_by_text("Bel het ROC over de opleiding").is_visible()
    for direction in directions:
        assert call.get_by_text(direction).is_visible()
    checked(page, axe_source, "call-screen", visited)
    fits_the_phone(page)

    # The same pages in English; the plan for the client is in the client's own language.
    for url in visited:
        english = url.replace(explorer, f"{explorer}/en", 1)
        page.goto(english)
        assert page.locator("html").get_attribute("lang") == "en", english
        axe_clean(page, axe_source)
    Client.objects.filter(pk=demo_client.pk).update(language="en")
    page.goto(copy_url)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Career plan of")
    axe_clean(page, axe_source)
    reader.goto(link)
    assert reader.get_by_role("heading", level=1).inner_text().startswith("Career plan of")
    assert reader.get_by_text("You agreed with this plan on").is_visible()
    axe_clean(reader, axe_source)
