"""Reflection answers by code, in a real browser (issue 16), on a 390 px phone.

Joost ticks boxes in the explorer without JavaScript and reads the code under his answers; Anna,
his coach, types it into his career plan and the boxes are ticked there, his own words kept.
Every page is checked with axe (WCAG 2.1 AA).
"""

from __future__ import annotations

import re

import pytest
from pytest_django.fixtures import Settings

from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role
from koers.web.clients.actions import create_client
from koers.web.clients.models import Client
from koers.web.plans import actions
from koers.web.plans.models import Plan
from tests.browser.conftest import NewPage
from tests.browser.test_training_browser import look
from tests.browser.test_workspace_browser import PASSWORD, axe_clean, sign_in
from tests.web.conftest import HAIRDRESSER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def joost(settings: Settings) -> Client:
    """Joost, Anna's client, with a plan started that holds his own words already."""
    settings.KOERS_REQUIRE_2FA = False
    anna = User.objects.create_user(
        "anna",
        password=PASSWORD,
        first_name="Anna",
        role=Role.COACH,
        team=Team.objects.create(name="Noord"),
    )
    joost = create_client(
        by=anna,
        coach=anna,
        values={
            "first_name": "Joost",
            "last_name": "de Vries",
            "situation": "at_risk",
            "phone": "06 12345678",
            "occupation_uri": HAIRDRESSER,
        },
    )
    plan = actions.start_plan(by=anna, client=joost)
    actions.update_plan(
        by=anna, plan=plan, version=1, values={"reflection": {"own_words": "Mijn rug."}}
    )
    return joost


def tick_and_read_the_code(new_page: NewPage, explorer: str, axe_source: str | None) -> str:
    """Joost's answers and the code under them; axe runs when the page runs scripts."""
    page = new_page(java_script_enabled=axe_source is not None)
    page.goto(f"{explorer}/nadenken/")
    page.get_by_label("mensen om me heen").check()
    page.get_by_label("betere werktijden").check()
    page.get_by_label("geld", exact=True).check()
    page.get_by_role("button", name="Bewaar in mijn browser").click()
    sentence = page.get_by_text("Jouw code voor je coach").inner_text()
    found = re.search(r"[A-Z0-9]{3}-[A-Z0-9]{4}", sentence)
    assert found is not None, sentence
    assert page.get_by_text("daar vraagt je coach naar").is_visible()
    if axe_source:
        axe_clean(page, axe_source)
        # On paper: the answers and the code, without the boxes to tick.
        page.emulate_media(media="print")
        assert page.get_by_text("Jouw code voor je coach").is_visible()
        assert not page.get_by_label("mensen om me heen").is_visible()
        page.emulate_media(media="screen")
    look(page, "reflection-code")
    return found.group(0)


def test_joost_reads_out_his_code_and_anna_takes_his_answers_over(
    new_page: NewPage, explorer: str, joost: Client, axe_source: str
) -> None:
    code = tick_and_read_the_code(new_page, explorer, None)
    assert tick_and_read_the_code(new_page, explorer, axe_source) == code

    page = new_page()
    sign_in(page, explorer, "anna")
    page.goto(f"{explorer}/clienten/{joost.pk}/plan/")
    page.get_by_label("Code uit de verkenner").fill(code.lower())
    page.get_by_role("button", name="Aangekruiste vakjes overnemen").click()

    assert page.get_by_text("Overgenomen uit de verkenner").is_visible()
    assert page.locator("#reflection-gives").get_by_label("mensen om me heen").is_checked()
    assert page.locator("#reflection-worries").get_by_label("geld", exact=True).is_checked()
    assert page.get_by_label("Wat voor mij belangrijk is, in mijn eigen woorden").input_value() == (
        "Mijn rug."
    )
    axe_clean(page, axe_source)
    look(page, "plan-reflection-code")
    assert Plan.objects.get(client=joost).reflection == {
        "gives": ["people"],
        "gain": ["hours"],
        "worries": ["money"],
        "own_words": "Mijn rug.",
    }

    page.get_by_label("Code uit de verkenner").fill("PRT-4679")
    page.get_by_role("button", name="Aangekruiste vakjes overnemen").click()
    assert page.get_by_role("alert").get_by_text("Deze code klopt niet").is_visible()
    axe_clean(page, axe_source)
