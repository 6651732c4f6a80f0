"""The seed's six people find their routes on a 390 px phone, on the full ESCO data (issue 18,
done when): kapper, kok, verkoper (winkel), timmerman (zzp), evenementenmedewerker and
reisadviseur. Each types her work, picks it, says on "Wat kun je nog meer?" what she can also
do (the evenementenmedewerker ticks three things, the others nothing), and sees her next steps
grouped into "Kleine stappen" and "Grote stappen", with and without JavaScript, in Dutch and
English, with no WCAG 2.1 AA violation (axe); and at least three feasible routes to work that
went on.

Needs the full data (KOERS_ESCO_DIR) besides the browser: skipped with the reason without it.
Set KOERS_SHOTS_DIR to keep the phone screenshots.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pytest
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from koers import knowledge
from tests.browser.conftest import PHONE, NewPage
from tests.browser.test_explorer_browser import SHOTS_DIR, WCAG_21_AA, visit
from tests.browser.test_explorer_routes_browser import AXE_VIOLATIONS, groups
from tests.full_data.conftest import (  # noqa: F401 (fixtures)
    NEEDS_FULL_DATA,
    full_import,
    full_taxonomy,
)
from tests.full_data.test_full_dutch_skill_names import full_data_dir  # noqa: F401 (fixture)

# What she ticks on "Wat kun je nog meer?": the five others nothing; the event assistant the
# office work her job plainly involves and ESCO's profile of it leaves out (computer, phone,
# planning and organising; why: the comment on TICKS there).
from tests.full_data.test_full_routes import TICKS

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, *NEEDS_FULL_DATA]

# What she types, and the work she picks from the answers (the ESCO occupation's id).
PERSONAS = {
    "kapper": ("kapper", "099c6bb0-22d3-4c5d-8bf5-70910af381ef"),
    "kok": ("kok", "90f75f67-495d-49fa-ab57-2f320e251d7e"),
    "verkoper-winkel": ("verkoper", "9ba74e8a-c40c-4228-9998-eb3c7a5c11df"),
    "timmerman-zzp": ("timmerman", "2a22ff9e-de3b-408d-b312-5034896cc4f4"),
    # "medewerker evenementenorganisatie", the answer with her own words.
    "evenementenmedewerker": ("evenementenmedewerker", "84931290-ad27-45ad-b611-9556c5facbdb"),
    # "reisconsulent", offered as "reisadviseur".
    "reisadviseur": ("reisadviseur", "291da1ab-1f90-426d-bbc5-60d0fa7d608b"),
}
HEADINGS = {"nl": ["Kleine stappen", "Grote stappen"], "en": ["Small steps", "Big steps"]}
# The feasible routes to work that went on: small and big steps marked as such.
GOING_ON = "section.route-small li:has(.goes-on), section.route-big li:has(.goes-on)"


@pytest.fixture
def explorer(
    live_server: LiveServer,
    full_data_dir: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
) -> Iterator[str]:
    """The live explorer on the full data (same process, other thread).

    KOERS_DATA_DIR is set for each test: the hermetic environment (tests/conftest.py) clears
    it before every test, and a folder set once for the module was gone by the first one (the
    pages then read whatever the machine had in ~/.local/share/koers, or failed without it)."""
    monkeypatch.setenv("KOERS_DATA_DIR", str(full_data_dir))
    settings.STORAGES = {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
    knowledge.forget()
    yield live_server.url
    knowledge.forget()


def routes_url(persona: str, language: str, page: str = "verder") -> str:
    """Her list of next steps (or the step before it), with what she ticked."""
    prefix = "/en" if language == "en" else ""
    ticked = urlencode([("kan", key) for key in TICKS.get(persona, ())])
    return f"{prefix}/beroep/{PERSONAS[persona][1]}/{page}/" + (f"?{ticked}" if ticked else "")


def find_her_routes(page: Page, explorer: str, persona: str) -> None:
    """As she does it: type the work, pick it from the answers, say what else she can do,
    then her next steps."""
    typed, occupation = PERSONAS[persona]
    visit(page, explorer + "/")
    page.locator("input#q").fill(typed)
    page.locator("input#q").press("Enter")
    page.wait_for_url(re.compile(r".*\?q="))
    page.locator(f'#results a[href="/beroep/{occupation}/"]').click()
    page.wait_for_url(f"{explorer}/beroep/{occupation}/")
    page.locator(f'a[href="/beroep/{occupation}/ik-kan-ook/"]').click()
    page.wait_for_url(f"{explorer}/beroep/{occupation}/ik-kan-ook/")
    assert page.locator("h1").inner_text() == "Wat kun je nog meer?"
    for key in TICKS.get(persona, ()):
        page.locator(f'input[name="kan"][value="{key}"]').check()
    page.locator("form.also-can button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/verder/"))
    # A form with nothing ticked sends an empty query: "verder/?" is "verder/".
    assert page.url.removesuffix("?") == explorer + routes_url(persona, "nl")


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("java_script", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_she_sees_her_routes_grouped_on_her_phone(
    explorer: str, new_page: NewPage, persona: str, java_script: bool, language: str
) -> None:
    page = new_page(java_script_enabled=java_script)
    if language == "nl":
        find_her_routes(page, explorer, persona)
    else:
        visit(page, explorer + routes_url(persona, language))
    if SHOTS_DIR:
        mode = "js" if java_script else "nojs"
        page.screenshot(path=f"{SHOTS_DIR}/routes-{persona}-{language}-{mode}.png", full_page=True)
    assert groups(page) == HEADINGS[language]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    end = page.evaluate(
        "document.querySelector('section.route-big').getBoundingClientRect().bottom + scrollY"
    )
    assert end <= 3 * PHONE["height"]
    assert page.locator("ol.steps > li:has(h3)").count() >= 3


@pytest.mark.parametrize("persona", PERSONAS)
def test_her_routes_and_a_step_have_no_wcag_21_aa_violations(
    explorer: str, new_page: NewPage, axe_source: str, persona: str
) -> None:
    page = new_page()
    found = {}
    for language in ("nl", "en"):
        visit(page, explorer + routes_url(persona, language))
        step = page.locator("section.route-group h3 a").first.get_attribute("href")
        pages = (routes_url(persona, language, "ik-kan-ook"), routes_url(persona, language), step)
        for url in pages:
            visit(page, explorer + str(url))
            page.add_script_tag(content=axe_source)
            violations = page.evaluate(AXE_VIOLATIONS, WCAG_21_AA)
            if violations:
                found[url] = violations
    assert found == {}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("java_script", [True, False], ids=["with-js", "without-js"])
def test_she_gets_three_feasible_routes_to_work_that_went_on(
    explorer: str, new_page: NewPage, persona: str, java_script: bool
) -> None:
    page = new_page(java_script_enabled=java_script)
    find_her_routes(page, explorer, persona)
    going_on = page.locator(GOING_ON).locator("h3").all_inner_texts()
    assert len(going_on) >= 3, going_on
    # Each step's page counts what she ticked as the list does, and shows the list's one code.
    code = page.locator("strong.short-code").inner_text()
    first = page.locator(GOING_ON).locator("h3 a").first
    said = first.locator("xpath=ancestor::li").locator(".step-facts").inner_text()
    known = re.search(r"Je kunt al \d+ van de \d+", said)
    assert known is not None
    first.click()
    page.wait_for_url(re.compile(r".*/naar/"))
    assert known.group(0) in page.locator("p.lead").inner_text()
    assert page.locator("strong.short-code").inner_text() == code
