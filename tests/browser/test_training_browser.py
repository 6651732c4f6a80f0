"""Training applications in a real browser, as issue 8's "Done when" describes it.

Carla, the admin, adds the scheme "NL leert door" with the window open now and next year's
window: plain forms, no code change. Bram, the team lead, adds a course to the catalogue and
finds what it teaches with the skill search. Anna, the coach, goes from her client Sandra's
transition to that course, files an application under the open window, follows it step by step
to paid and is reminded of the claim deadline in her calling round and under "Needs attention".
The same works without JavaScript. Every page is checked with axe (WCAG 2.1 AA).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers import knowledge
from koers.transitions import TransitionQuery
from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.clients.actions import create_client, create_traject
from koers.web.clients.models import Client, Opdrachtgever
from koers.web.training.models import Application, Course, Scheme, Window
from tests.browser.conftest import PHONE, NewPage
from tests.browser.test_round_browser import start_round
from tests.browser.test_workspace_browser import PASSWORD, axe_clean, shot, sign_in
from tests.web.conftest import HAIRDRESSER

if TYPE_CHECKING:
    from playwright.sync_api import Page, ViewportSize

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE_SIZE: ViewportSize = {"width": PHONE["width"], "height": PHONE["height"]}
COURSE = "Baard en gesprek"


@dataclass(frozen=True)
class Office:
    """The people, and Sandra: a hairdresser, Anna's client, with an open traject."""

    anna: User
    bram: User
    carla: User
    sandra: Client


@dataclass(frozen=True)
class Gap:
    """Sandra's nearest next step and the (English) labels of the skills she misses for it."""

    target_label: str
    missing: tuple[str, ...]


@pytest.fixture
def office(settings: Settings) -> Office:
    # Two-step sign-in has its own browser test (test_workspace_browser.py).
    settings.KOERS_REQUIRE_2FA = False
    noord = Team.objects.create(name="Noord")

    def user(name: str, role: Role, team: Team | None) -> User:
        return User.objects.create_user(
            name, password=PASSWORD, first_name=name.title(), role=role, team=team
        )

    anna = user("anna", Role.COACH, noord)
    sandra = create_client(
        by=anna,
        coach=anna,
        values={
            "first_name": "Sandra",
            "last_name": "Bakker",
            "phone": "06 12345678",
            "situation": "at_risk",
            "occupation_uri": HAIRDRESSER,
        },
    )
    opdrachtgever = Opdrachtgever.objects.create(name="O&O-fonds Detailhandel", kind="oo_fonds")
    create_traject(
        by=anna,
        client=sandra,
        values={"opdrachtgever": opdrachtgever, "starts": timezone.localdate()},
    )
    return Office(anna, user("bram", Role.TEAMLEAD, noord), user("carla", Role.ADMIN, None), sandra)


@pytest.fixture
def gap(explorer: str) -> Gap:
    """The first of the hairdresser's nearest transitions, from the test knowledge base."""
    best = knowledge.ranker().rank(TransitionQuery(origin=HAIRDRESSER), k=5)[0]
    labels = knowledge.skill_index("en")
    missing = tuple(str(labels.label_of(uri)) for uri in best.missing_essential)
    target = knowledge.taxonomy().occupation(best.uri).label("en")
    return Gap(target_label=target, missing=missing)


def days(n: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def click(page: Page, role: Literal["link", "button"], name: str) -> None:
    """Click a link or button by its accessible name and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role(role, name=re.compile(name)).first.click()


def look(page: Page, name: str) -> None:
    """A screenshot (``shot``), then the viewport set again: after a full-page shot of a tall
    page, Chromium's next click can land where the button was during the shot."""
    shot(page, name)
    size = page.viewport_size
    assert size is not None
    page.set_viewport_size({"width": size["width"], "height": size["height"] + 1})
    page.set_viewport_size(size)


def fits_the_phone(page: Page) -> None:
    """At phone width nothing sticks out sideways (wide tables scroll inside their box)."""
    page.set_viewport_size(PHONE_SIZE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_SIZE["width"], page.url


def message(page: Page) -> str:
    return page.locator(".messages").inner_text()


def carla_adds_the_scheme_and_its_windows(
    page: Page, base: str, axe_source: str | None = None
) -> None:
    """Through Training → Schemes: the scheme, the window open now and next year's window."""
    sign_in(page, base, "carla", path="/en/account/inloggen/?next=/en/gegevens/verzoeken/")
    click(page, "link", "^Training$")
    click(page, "link", "^New scheme$")
    page.fill("input[name=name]", "NL leert door")
    page.fill("input[name=financier]", "Rijksoverheid")
    page.check("input[name=applicants][value=deelnemer]")
    page.fill("input[name=max_amount]", "1000")
    page.fill("textarea[name=conditions]", "Voor iedereen vanaf 18 jaar.")
    page.fill("textarea[name=links]", "https://www.nlleertdoor.nl")
    if axe_source:
        axe_clean(page, axe_source)
    click(page, "button", "^Save scheme$")
    assert "Scheme saved" in message(page)
    assert page.locator("h1").inner_text() == "NL leert door"

    next_year = timezone.localdate().year + 1
    for label, opens, closes in (
        ("Najaar", days(-10), days(20)),
        (str(next_year), f"{next_year}-01-01", f"{next_year}-03-31"),
    ):
        click(page, "link", "^Add a window$")
        page.fill("input[name=label]", label)
        page.fill("input[name=opens_on]", opens)
        page.fill("input[name=closes_on]", closes)
        if axe_source:
            axe_clean(page, axe_source)
        click(page, "button", "^Save window$")
        assert "Window saved" in message(page)


def bram_adds_a_course_for_the_gap(page: Page, base: str, gap: Gap, *, shot_as: str = "") -> None:
    """Through Training → Course catalogue → New course, each missing skill found by a word."""
    sign_in(page, base, "bram", path="/en/account/inloggen/?next=/en/clienten/")
    click(page, "link", "^Training$")
    click(page, "link", "^Course catalogue$")
    click(page, "link", "^New course$")
    page.fill("input[name=title]", COURSE)
    page.fill("input[name=provider]", "ROC Midden")
    page.fill("input[name=price]", "900")
    page.fill("input[name=duration]", "10 weeks, 1 evening a week")
    page.select_option("select[name=form]", "blended")
    for skill in gap.missing:
        page.fill("input[name=skill_query]", skill)
        click(page, "button", "^Find$")
        # The page opens at the suggestions: check boxes after those already ticked.
        suggestion = page.get_by_role("checkbox", name=skill, exact=True)
        assert page.url.endswith("#what-it-teaches")
        assert suggestion.evaluate("box => box.getBoundingClientRect().bottom <= innerHeight")
        suggestion.check()
    ticked = page.locator("input[name=skills]:checked")
    assert ticked.count() == len(gap.missing)
    if shot_as:
        look(page, shot_as)
    click(page, "button", "^Save course$")
    assert "Course saved" in message(page)
    course = Course.objects.get(title=COURSE)
    assert len(course.skills) == len(gap.missing)
    for skill in gap.missing:
        assert page.get_by_text(skill, exact=True).first.is_visible()


def anna_opens_the_plan(page: Page, base: str, gap: Gap) -> None:
    """From Sandra's page to the learning plan for her nearest step, with the course on it."""
    sign_in(page, base, "anna", path="/en/account/inloggen/?next=/en/clienten/")
    click(page, "link", "^Sandra Bakker$")
    click(page, "link", rf"^Learning plan and courses ?: {re.escape(gap.target_label)}$")
    assert gap.target_label in page.locator("h1").inner_text()
    course = page.locator("article.course").filter(has_text=COURSE)
    # How much of the gap the course covers: every missing essential skill.
    total = len(gap.missing)
    assert f"Covers {total} of {total} essential skills" in course.inner_text()


def start_the_application(page: Page, gap: Gap) -> None:
    """The course's button on the plan page: the form comes with the course filled in."""
    click(page, "link", f"^Start an application ?: {COURSE}$")
    assert page.locator("input[name=course_title]").input_value() == COURSE
    assert page.locator("input[name=provider]").input_value() == "ROC Midden"
    assert page.locator("input[name=cost]").input_value().startswith("900")
    assert gap.target_label in page.locator("main").inner_text()


def choose_the_open_window(page: Page, asked: str, *, scripted: bool = True) -> None:
    """The scheme, then (with htmx: once its windows are in) the open window, then the amount."""
    scheme = Scheme.objects.get(name="NL leert door")
    window = Window.objects.get(scheme=scheme, label="Najaar")
    if scripted:
        with page.expect_response(lambda response: response.request.method == "POST"):
            page.select_option("select[name=lines-0-scheme]", str(scheme.pk))
    else:
        page.select_option("select[name=lines-0-scheme]", str(scheme.pk))
    page.select_option("select[name=lines-0-window]", str(window.pk))
    page.fill("input[name=lines-0-asked]", asked)


def change_status(page: Page, status: str) -> None:
    page.check(f"input[name=status][value={status}]")
    click(page, "button", "^Change status$")
    assert "Status changed" in message(page)


def test_an_admin_adds_a_scheme_and_next_years_window_without_a_code_change(
    explorer: str, office: Office, new_page: NewPage, axe_source: str
) -> None:
    page = new_page(viewport=DESKTOP)
    carla_adds_the_scheme_and_its_windows(page, explorer, axe_source)
    scheme = Scheme.objects.get(name="NL leert door")
    assert scheme.applicants == ["deelnemer"]
    assert scheme.windows.count() == 2
    today = timezone.localdate()
    assert [w.label for w in scheme.windows.all() if w.is_open(today)] == ["Najaar"]
    # The scheme's page lists the window open now and next year's under "Coming".
    assert "Najaar" in page.locator("[aria-labelledby=windows-open]").inner_text()
    upcoming = page.locator("[aria-labelledby=windows-upcoming]").inner_text()
    assert str(today.year + 1) in upcoming
    axe_clean(page, axe_source)
    look(page, "training-scheme")
    click(page, "link", "^Schemes$")
    assert re.search(r"Najaar: open until", page.locator("main").inner_text())
    axe_clean(page, axe_source)


def test_a_team_lead_adds_a_course_choosing_its_skills_with_the_search(
    explorer: str, office: Office, gap: Gap, new_page: NewPage, axe_source: str
) -> None:
    page = new_page(viewport=DESKTOP)
    bram_adds_a_course_for_the_gap(page, explorer, gap, shot_as="training-course-form")
    axe_clean(page, axe_source)
    look(page, "training-courses")
    # Back on the form, the skills are checked and the page passes axe.
    click(page, "link", f"^Change {COURSE}$")
    assert page.locator("input[name=skills]:checked").count() == len(gap.missing)
    axe_clean(page, axe_source)


def test_a_coach_goes_from_a_transition_to_a_paid_application(
    explorer: str, office: Office, gap: Gap, new_page: NewPage, axe_source: str
) -> None:
    carla_adds_the_scheme_and_its_windows(new_page(viewport=DESKTOP), explorer)
    bram_adds_a_course_for_the_gap(new_page(viewport=DESKTOP), explorer, gap)

    page = new_page(viewport=DESKTOP)
    anna_opens_the_plan(page, explorer, gap)
    axe_clean(page, axe_source)
    look(page, "training-plan")
    fits_the_phone(page)
    look(page, "training-plan-phone")
    axe_clean(page, axe_source)
    page.set_viewport_size(DESKTOP)
    start_the_application(page, gap)
    assert "Open for applications today" in page.locator("main").inner_text()
    choose_the_open_window(page, "900")
    # Leaving the amount updates the part no scheme covers in place (htmx); the warnings too.
    from playwright.sync_api import expect

    page.locator("input[name=lines-0-asked]").press("Tab")
    # Waits for the swap: an earlier update (the window's) may answer after this one is sent.
    expect(page.locator("#funding-check")).to_contain_text("Not covered by any scheme: € 0.00")
    assert "has given no consent" in page.locator("#funding-check").inner_text()
    page.select_option("select[name=applicant]", "deelnemer")
    axe_clean(page, axe_source)
    look(page, "training-application-form")
    click(page, "button", "^Save application$")
    assert "Application saved" in message(page)
    application = Application.objects.get()
    assert application.traject.client == office.sandra
    assert application.course is not None and application.course.title == COURSE

    change_status(page, "ingediend")
    change_status(page, "toegekend")
    # Granted: Koers asks for the amount granted, entered on the edit page.
    click(page, "link", "^Enter the granted amount$")
    page.fill("input[name=lines-0-granted]", "850")
    page.fill("input[name=reference]", "NLLD-2025-0042")
    click(page, "button", "^Save changes$")
    assert "Changes saved" in message(page)
    assert not page.locator(".notice").count()
    change_status(page, "gestart")
    change_status(page, "afgerond")

    # The claim is due in a week: set on the edit page, it puts Sandra in the calling round.
    click(page, "link", "^Change application$")
    page.fill("input[name=claim_on]", days(7))
    click(page, "button", "^Save changes$")
    assert re.search(r"claim\s+within 14 days", page.locator("main").inner_text())
    start_round(page, explorer + "/en")
    assert page.locator("#client-name").inner_text() == "Sandra Bakker"
    why = page.locator("ul.why").inner_text()
    assert "training application: claim" in why
    axe_clean(page, axe_source)
    click(page, "link", "^Needs attention$")
    deadlines = page.locator("[aria-labelledby=section-deadlines]")
    assert "Sandra Bakker" in deadlines.inner_text()
    assert "training application: claim" in deadlines.inner_text()
    axe_clean(page, axe_source)

    # Back to the application (from Sandra's page), to claim and be paid.
    click(page, "link", "^Sandra Bakker$")
    assert "within 14 days" in page.locator("section[aria-labelledby=applications]").inner_text()
    axe_clean(page, axe_source)
    click(page, "link", f"^{COURSE}$")
    change_status(page, "gedeclareerd")
    change_status(page, "uitbetaald")
    click(page, "link", "^Enter the paid amount$")
    page.fill("input[name=lines-0-paid]", "850")
    click(page, "button", "^Save changes$")
    details = page.locator("[aria-labelledby=details]").inner_text()
    assert re.search(r"Status\s+paid", details)
    assert "This application is finished" in page.locator("main").inner_text()
    assert page.locator("[aria-labelledby=status] tbody tr").count() == 7
    application.refresh_from_db()
    assert application.status == "uitbetaald"
    line = application.lines.get()
    assert (line.asked, line.granted, line.paid) == (Decimal(900), Decimal(850), Decimal(850))
    axe_clean(page, axe_source)
    look(page, "training-application")
    fits_the_phone(page)
    look(page, "training-application-phone")
    axe_clean(page, axe_source)


def test_an_application_works_without_javascript(
    explorer: str, office: Office, gap: Gap, new_page: NewPage
) -> None:
    carla_adds_the_scheme_and_its_windows(new_page(java_script_enabled=False), explorer)
    bram_adds_a_course_for_the_gap(
        new_page(java_script_enabled=False), explorer, gap, shot_as="training-course-form-phone"
    )
    page = new_page(java_script_enabled=False)
    anna_opens_the_plan(page, explorer, gap)
    start_the_application(page, gap)
    choose_the_open_window(page, "600", scripted=False)
    # Without JavaScript the refresh step shows the scheme's windows and the part not covered.
    click(page, "button", "^Refresh windows and amounts$")
    assert "Not covered by any scheme: € 300.00" in page.locator("#funding-check").inner_text()
    assert page.locator("input[name=lines-0-asked]").input_value() == "600"
    page.fill("input[name=lines-0-asked]", "900")
    look(page, "training-application-form-phone")
    click(page, "button", "^Save application$")
    assert "Application saved" in message(page)
    change_status(page, "ingediend")
    assert Application.objects.get().status == "ingediend"
    look(page, "training-application-nojs-phone")
