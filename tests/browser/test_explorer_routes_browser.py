"""The kapper's routes on her 390 px phone, with and without JavaScript: grouped into small and
big steps, far ones on request, each step folded under "Meer", accessible (axe, WCAG 2.1 AA)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import PHONE, NewPage
from tests.browser.test_explorer_browser import HAIRDRESSER, WCAG_21_AA, visit

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ROUTES = f"/beroep/{HAIRDRESSER}/verder/"
AXE_VIOLATIONS = """async tags => (await axe.run(document, {runOnly: {type: "tag", values: tags}}))
    .violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(" "))}))"""


def groups(page: Page) -> list[str]:
    return [h.strip() for h in page.locator("section.route-group h2").all_inner_texts()]


@pytest.mark.parametrize("java_script", [True, False], ids=["with-js", "without-js"])
def test_the_kapper_sees_her_routes_grouped_on_her_phone(
    explorer: str, new_page: NewPage, axe_source: str, java_script: bool
) -> None:
    page = new_page(java_script_enabled=java_script)
    visit(page, explorer + ROUTES)
    assert groups(page) == ["Kleine stappen", "Grote stappen"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Both groups end within about three phone screens (folds closed).
    end = page.evaluate(
        "document.querySelector('section.route-big').getBoundingClientRect().bottom + scrollY"
    )
    assert end <= 3 * PHONE["height"]
    steps = page.locator("ol.steps > li:has(h3)")
    assert steps.count() > 0
    # The rest of each step stays folded until she opens "Meer".
    fold = steps.first.locator("details")
    assert fold.locator("summary").inner_text().strip() == "Meer"
    assert fold.get_attribute("open") is None
    fold.locator("summary").click()
    assert fold.get_attribute("open") is not None

    page.get_by_role("link", name="Laat ook stappen zien die ver weg zijn").click()
    page.wait_for_url(f"{explorer}{ROUTES}?ver=1")
    assert groups(page) == ["Kleine stappen", "Grote stappen", "Ook mogelijk, maar ver weg"]


def test_the_kappers_routes_have_no_wcag_21_aa_violations(
    explorer: str, new_page: NewPage, axe_source: str
) -> None:
    page = new_page()
    found = {}
    for path in (ROUTES, f"{ROUTES}?ver=1", f"{ROUTES}?vitaal=1&ook=1", f"/en{ROUTES}?ver=1"):
        visit(page, explorer + path)
        page.add_script_tag(content=axe_source)
        violations = page.evaluate(AXE_VIOLATIONS, WCAG_21_AA)
        if violations:
            found[path] = violations
    assert found == {}
