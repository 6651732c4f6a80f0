""" "Wat kun je nog meer?": Joost (cook) ticks what he can also do, and his list, each step page,
"X van de Y" and the one short code of his result all count it (issue 18)."""

from __future__ import annotations

import re

from django.test import Client

from koers import knowledge
from koers.taxonomy.everyday_skills import shipped
from koers.transitions import TransitionQuery
from koers.transitions.learning_path import learning_plan
from koers.web.explorer.short_code import LONG_LENGTH, decode
from tests.transitions.test_ranker import COOK
from tests.web.test_explorer_routes import page
from tests.web.test_short_code import code_on

ESCO = "http://data.europa.eu/esco/occupation/"
KOK = COOK.removeprefix(ESCO)
STEP = f"/beroep/{KOK}/ik-kan-ook/"
LIST = f"/beroep/{KOK}/verder/"
# On the fixtures, "afrekenen" (process payments) is one of the seven things a waiter needs.
WAITER = "ober/serveerster"


def steps_of(client: Client, url: str) -> dict[str, dict[str, object]]:
    response = client.get(url)
    return {s["label"]: s for group in response.context["groups"] for s in group["steps"]}


def test_the_occupation_page_leads_to_the_short_step(client: Client) -> None:
    html = page(client, f"/beroep/{KOK}/")
    assert f'<a class="button" href="{STEP}">Laat zien welk ander werk bij je past</a>' in html


def test_the_step_asks_what_else_he_can_do_in_plain_dutch(client: Client) -> None:
    html = page(client, STEP)
    assert "<h1>Wat kun je nog meer?</h1>" in html
    assert "<legend>Ik kan ook…</legend>" in html
    assert f'<form method="get" action="{LIST}" class="also-can">' in html
    boxes = re.findall(r'<input type="checkbox" name="kan" value="(\w+)"', html)
    assert boxes == [thing.key for thing in shipped().skills]
    assert "Werken met de computer: e-mail, teksten, spreadsheets (zoals Excel)" in html
    assert "We bewaren niet wat je aanvinkt." in html


def test_the_step_in_english(client: Client) -> None:
    html = page(client, f"/en{STEP}")
    assert "<h1>What else can you do?</h1>" in html
    assert "Working with a computer: e-mail, documents, spreadsheets (like Excel)" in html


def test_the_step_keeps_the_lists_other_choices_and_shows_his_ticks(client: Client) -> None:
    html = page(client, f"{STEP}?vitaal=1&ver=1&kan=kassa")
    assert '<input type="hidden" name="vitaal" value="1">' in html
    assert '<input type="hidden" name="ver" value="1">' in html
    assert '<input type="hidden" name="kan"' not in html
    assert '<input type="checkbox" name="kan" value="kassa" checked>' in html
    assert '<input type="checkbox" name="kan" value="computer">' in html


def test_what_he_ticks_counts_on_his_list(client: Client) -> None:
    before = steps_of(client, f"{LIST}?ver=1")[WAITER]
    after = steps_of(client, f"{LIST}?ver=1&kan=kassa")[WAITER]
    assert (before["known"], before["total"]) == (2, 7)
    assert (after["known"], after["total"]) == (3, 7)


def test_the_list_the_step_page_and_the_plan_count_the_same_with_his_ticks(
    client: Client,
) -> None:
    url = f"{LIST}?kan=kassa"
    html = page(client, url)
    waiter = steps_of(client, url)[WAITER]
    line = f"Je kunt al {waiter['known']} van de {waiter['total']}"
    link = re.search(rf'<h3><a href="([^"]+)">{WAITER}</a></h3>', html)
    assert link is not None
    step_url = link.group(1).replace("&amp;", "&")
    assert step_url.endswith("?kan=kassa")
    assert line in page(client, step_url)
    ranker = knowledge.ranker()
    uris = shipped().uris_of(["kassa"])
    held = tuple(uri for uri in uris if uri in knowledge.taxonomy().skill_index)
    goal = ESCO + str(waiter["id"])
    plan = learning_plan(ranker, ranker.explain(TransitionQuery(COOK, have=held), goal), COOK)
    assert (plan.essential_known, plan.essential_total) == (waiter["known"], waiter["total"])


def test_his_list_says_what_it_counts_and_how_to_change_it(client: Client) -> None:
    html = page(client, f"{LIST}?kan=kassa&kan=schoonmaken")
    assert "We tellen ook mee wat je aanvinkte (2 dingen)." in html
    assert f'<a href="{STEP}?kan=kassa&amp;kan=schoonmaken">Pas aan wat je aanvinkte</a>' in html
    plain = page(client, LIST)
    assert f'<a href="{STEP}">Kun je meer dan dit werk? Vertel wat je nog meer kunt.</a>' in plain


def test_the_filters_and_the_far_steps_keep_his_ticks(client: Client) -> None:
    html = page(client, f"{LIST}?kan=kassa")
    assert '<input type="hidden" name="kan" value="kassa">' in html
    assert '<a href="?kan=kassa&amp;ver=1">' not in html
    assert re.search(r'<a href="\?ver=1&amp;kan=kassa">Laat ook stappen', html)


def test_unknown_things_in_the_address_are_left_out(client: Client) -> None:
    html = page(client, f"{LIST}?kan=jongleren&kan=kassa&kan=kassa")
    assert "(1 ding)" in html
    assert code_on(html) == code_on(page(client, f"{LIST}?kan=kassa"))


def test_the_one_code_of_his_result_brings_back_his_ticks(client: Client) -> None:
    url = f"{LIST}?vitaal=1&ver=1&kan=computer&kan=kassa"
    html = page(client, url)
    code = code_on(html)
    assert re.fullmatch(r"\w{3}-\w{3}-\w{3}", code)
    assert decode(code).can == ("computer", "kassa")
    first = re.search(r'<h3><a href="([^"]+)">', html)
    assert first is not None
    assert code_on(page(client, first.group(1).replace("&amp;", "&"))) == code
    assert client.get("/code/", {"code": code})["Location"] == url
    assert client.get("/code/", {"code": code.replace("-", "").lower()})["Location"] == url


def test_a_misheard_long_code_opens_nothing(client: Client) -> None:
    code = code_on(page(client, f"{LIST}?kan=computer")).replace("-", "")
    assert len(code) == LONG_LENGTH
    misheard = code[:4] + ("A" if code[4] != "A" else "C") + code[5:]
    response = client.get("/code/", {"code": misheard}, follow=True)
    assert "Deze code kennen we niet" in response.content.decode()


def test_without_ticks_the_code_keeps_seven_characters(client: Client) -> None:
    assert len(code_on(page(client, f"{LIST}?vitaal=1"))) == 7


def test_the_other_language_keeps_his_ticks(client: Client) -> None:
    html = page(client, f"{LIST}?kan=kassa")
    assert f'<a href="/en{LIST}?kan=kassa" lang="en" hreflang="en">English</a>' in html
    step = page(client, f"{STEP}?kan=kassa")
    assert f'<a href="/en{STEP}?kan=kassa" lang="en" hreflang="en">English</a>' in step
