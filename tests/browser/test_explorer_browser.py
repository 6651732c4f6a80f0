"""The explorer in a real browser: accessible (axe, WCAG 2.1 AA), by keyboard, with or without
JavaScript, on a 320 px screen, and as Sandra sees it on her phone."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.conftest import NewPage

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

COOK = "90f75f67-495d-49fa-ab57-2f320e251d7e"
HAIRDRESSER = "099c6bb0-22d3-4c5d-8bf5-70910af381ef"
NURSE = "8d3e8aaa-791b-4c75-a465-f3f827028f50"

PAGES = {
    "home": "/",
    "home-with-results": "/?q=kapster",
    "occupation": f"/beroep/{HAIRDRESSER}/",
    "also-can": f"/beroep/{HAIRDRESSER}/ik-kan-ook/?kan=kassa",
    "next-steps": f"/beroep/{COOK}/verder/",
    "target": f"/beroep/{COOK}/naar/{NURSE}/",
    "english-home": "/en/",
    "accessibility": "/toegankelijkheid/",
    "sectors": "/sector/",
    "reflection": "/nadenken/",
    "sector": "/sector/G/",
}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Set KOERS_SHOTS_DIR to keep a copy of the phone screenshots for people to look at.
SHOTS_DIR = os.environ.get("KOERS_SHOTS_DIR", "")

FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {
    tag: e.tagName.toLowerCase(),
    id: e.id,
    href: e.getAttribute("href") || "",
    text: (e.innerText || "").trim(),
    outline: style.outlineStyle === "none" ? "none" : style.outlineWidth,
  };
}"""


def visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url


def heading(page: Page) -> str:
    return page.locator("h1").inner_text().strip()


def tab_to(page: Page, selector: str, focused: list[dict[str, Any]], limit: int = 40) -> None:
    """Press Tab until the element in focus matches `selector`; remember what had focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused.append(page.evaluate(FOCUSED))
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}: {focused[-limit:]}")


def walk_by_keyboard(page: Page, explorer: str) -> list[dict[str, Any]]:
    """Sandra's way from the question to a learning plan, with Tab, typing and Enter only."""
    focused: list[dict[str, Any]] = []
    visit(page, explorer + "/")
    tab_to(page, "input#q", focused)
    page.keyboard.type("kapster")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{explorer}/?q=kapster")
    assert page.locator("#results h2").inner_text() == "Is het een van deze?"

    tab_to(page, "ul.choices a", focused)
    assert focused[-1]["text"] == "kapper"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{explorer}/beroep/{HAIRDRESSER}/")
    assert heading(page) == "kapper"

    tab_to(page, f'a[href="/beroep/{HAIRDRESSER}/ik-kan-ook/"]', focused)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{explorer}/beroep/{HAIRDRESSER}/ik-kan-ook/")
    assert heading(page) == "Wat kun je nog meer?"

    # She takes payments in the salon: Space ticks the box.
    tab_to(page, 'input[name="kan"][value="kassa"]', focused)
    page.keyboard.press("Space")
    tab_to(page, "form.also-can button", focused)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{explorer}/beroep/{HAIRDRESSER}/verder/?kan=kassa")
    assert heading(page) == "Werk dat past bij jou als kapper"

    tab_to(page, "ol.steps h3 a", focused)
    target = focused[-1]["text"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf".*/beroep/{HAIRDRESSER}/naar/[^/]+/\?kan=kassa$"))
    assert heading(page) == f"Van kapper naar {target}"
    assert page.locator("h2", has_text="Wat je nog leert").count() == 1
    return focused


def test_it_has_no_wcag_21_aa_violations_on_any_explorer_page(
    explorer: str, new_page: NewPage, axe_source: str
) -> None:
    page = new_page()
    found = {}
    for name, path in PAGES.items():
        visit(page, explorer + path)
        page.add_script_tag(content=axe_source)
        violations = page.evaluate(
            """async tags => (await axe.run(document, {runOnly: {type: "tag", values: tags}}))
                .violations.map(v => ({id: v.id, help: v.help,
                                       nodes: v.nodes.map(n => n.target.join(" "))}))""",
            WCAG_21_AA,
        )
        if violations:
            found[name] = violations
    assert found == {}


def test_sandra_reaches_a_learning_plan_by_keyboard_alone(explorer: str, new_page: NewPage) -> None:
    focused = walk_by_keyboard(new_page(), explorer)
    # Focus is visible: the search field and every link Tab reached carry an outline.
    assert [f for f in focused if f["outline"] == "none"] == []
    assert any(f["id"] == "q" for f in focused)


def test_sandra_reaches_a_learning_plan_by_keyboard_without_javascript(
    explorer: str, new_page: NewPage
) -> None:
    page = new_page(java_script_enabled=False)
    focused = walk_by_keyboard(page, explorer)
    assert [f for f in focused if f["outline"] == "none"] == []


def test_it_suggests_work_while_sandra_types_without_leaving_the_page(
    explorer: str, new_page: NewPage
) -> None:
    page = new_page()
    visit(page, explorer + "/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.locator("#q").press_sequentially("kapster", delay=30)
    first = page.locator("#results ul.choices a").first
    first.wait_for()
    assert first.inner_text() == "kapper"
    assert page.url == explorer + "/"


def test_it_loads_its_stylesheet_and_htmx_under_its_own_security_policy(
    explorer: str, new_page: NewPage
) -> None:
    page = new_page(bypass_csp=False)
    statuses: dict[str, int] = {}
    problems: list[str] = []
    page.on("response", lambda response: statuses.update({response.url: response.status}))
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    visit(page, explorer + "/")
    page.wait_for_function("() => window.htmx !== undefined")
    assert statuses[explorer + "/static/css/koers.css"] == 200
    assert statuses[explorer + "/static/js/htmx-2.0.11.min.js"] == 200
    # The stylesheet is applied: the search field is as wide as the form.
    assert page.evaluate("getComputedStyle(document.querySelector('#q')).borderTopWidth") == "2px"
    assert problems == []


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_it_reflows_at_320_pixels_without_scrolling_sideways(
    explorer: str, new_page: NewPage, path: str
) -> None:
    page = new_page(viewport={"width": 320, "height": 640})
    visit(page, explorer + path)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_sandra_sees_every_step_on_her_phone(
    explorer: str, new_page: NewPage, tmp_path: Path
) -> None:
    page = new_page()
    shots = []
    for name in ("home-with-results", "occupation", "also-can", "next-steps", "target"):
        visit(page, explorer + PAGES[name])
        shot = tmp_path / f"{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 1000
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shots.append(shot)
    if SHOTS_DIR:
        Path(SHOTS_DIR).mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copy(shot, Path(SHOTS_DIR) / shot.name)
