"""The explorer shows routes: small steps, then big ones, far ones only when asked for, and
one "X of the Y things that matter" on the list, the step page and the plan (issue 18)."""

from __future__ import annotations

import re

from django.test import Client

from koers import knowledge
from koers.transitions import TransitionQuery
from koers.transitions.learning_path import learning_plan
from koers.web.explorer.short_code import Place, encode
from tests.transitions.test_ranker import COOK, HAIRDRESSER

ESCO = "http://data.europa.eu/esco/occupation/"
KAPPER = f"/beroep/{HAIRDRESSER.removeprefix(ESCO)}/verder/"
KOK = f"/beroep/{COOK.removeprefix(ESCO)}/verder/"


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def headings(html: str) -> list[str]:
    return re.findall(r'<h2 id="group-\w+">([^<]+)</h2>', html)


def test_it_groups_the_kappers_steps_into_small_and_big_steps(client: Client) -> None:
    assert headings(page(client, KAPPER)) == ["Kleine stappen", "Grote stappen"]


def test_it_hides_far_steps_until_she_asks_for_them(client: Client) -> None:
    html = page(client, KAPPER)
    assert "Ook mogelijk, maar ver weg" not in html
    asked = re.search(r'<a href="\?([^"]*ver=1[^"]*)">Laat ook stappen zien die ver weg zijn', html)
    assert asked is not None
    shown = page(client, f"{KAPPER}?{asked.group(1)}")
    assert headings(shown) == ["Kleine stappen", "Grote stappen", "Ook mogelijk, maar ver weg"]
    assert "Laat ook stappen zien die ver weg zijn" not in shown


def test_it_keeps_the_far_steps_when_a_filter_is_chosen_after_asking(client: Client) -> None:
    html = page(client, f"{KAPPER}?ver=1")
    assert '<input type="hidden" name="ver" value="1">' in html


def test_it_shows_only_small_steps_when_she_asks_for_small_steps(client: Client) -> None:
    assert headings(page(client, f"{KOK}?klein=1")) == ["Kleine stappen"]


def test_it_says_once_that_a_diploma_is_not_known_yet(client: Client) -> None:
    for url in (KAPPER, KOK, f"{KOK}?ver=1"):
        html = page(client, url)
        assert html.count("weten we") <= 1
        assert "Dat weten we nog niet." not in html


def test_each_step_folds_the_rest_under_more(client: Client) -> None:
    html = page(client, f"{KOK}?ver=1")
    steps = html.count("<h3><a href=")
    assert steps > 0
    assert html.count("<summary>Meer</summary>") == steps


def test_work_that_went_on_is_said_in_plain_words(client: Client) -> None:
    response = client.get(f"{KOK}?ver=1")
    steps = [s for group in response.context["groups"] for s in group["steps"]]
    went_on = sum(1 for s in steps if s["continues"])
    assert response.content.decode().count("Dit werk ging door in maart 2020.") == went_on


def test_the_listed_work_filter_shows_crucial_work_only(client: Client) -> None:
    response = client.get(f"{KOK}?vitaal=1&ver=1")
    steps = [s for group in response.context["groups"] for s in group["steps"]]
    assert all(s["vitality"]["class"] == "crucial" for s in steps)


def test_the_second_choice_adds_work_that_helps_each_labelled(client: Client) -> None:
    response = client.get(f"{KOK}?vitaal=1&ook=1&ver=1")
    html = response.content.decode()
    assert "ook werk dat niet op de lijst stond, maar mensen helpt in een crisis" in html
    steps = [s for group in response.context["groups"] for s in group["steps"]]
    assert all(s["vitality"]["class"] in ("crucial", "secondary") for s in steps)
    assert html.count('class="badge"') == len(steps)


def test_the_list_the_step_page_and_the_plan_count_the_same(client: Client) -> None:
    response = client.get(f"{KOK}?ver=1")
    step = next(s for group in response.context["groups"] for s in group["steps"])
    line = f"Je kunt al {step['known']} van de {step['total']}"
    assert line in response.content.decode()
    step_page = client.get(f"/beroep/{COOK.removeprefix(ESCO)}/naar/{step['id']}/")
    assert line in step_page.content.decode()
    ranker = knowledge.ranker()
    goal = ESCO + step["id"]
    plan = learning_plan(ranker, ranker.explain(TransitionQuery(COOK), goal), COOK)
    assert (plan.essential_known, plan.essential_total) == (step["known"], step["total"])


def test_an_old_code_with_the_vital_flag_still_opens_the_list(client: Client) -> None:
    index = knowledge.taxonomy().occupation_index
    code = encode(Place(index[COOK], vital_only=True, small_steps=True))
    response = client.get(f"/code/?code={code}")
    assert response.status_code == 302
    assert response["Location"] == f"{KOK}?vitaal=1&klein=1"


def test_the_english_page_shows_the_same_groups(client: Client) -> None:
    html = page(client, f"/en{KAPPER}?ver=1")
    assert headings(html) == ["Small steps", "Big steps", "Also possible, but far away"]
    assert "work that was on the list of crucial professions" in html


def test_the_reflection_page_goes_back_to_where_she_came_from(client: Client) -> None:
    html = page(client, KAPPER)
    link = re.search(r'<a href="(/nadenken/\?terug=[^"]+)">', html)
    assert link is not None
    reflection = page(client, link.group(1).replace("&amp;", "&"))
    assert f'<a href="{KAPPER}">Terug naar waar je was</a>' in reflection


def test_the_reflection_page_goes_back_to_no_other_site(client: Client) -> None:
    for elsewhere in ("https://example.com/", "//example.com/", "/\\example.com/"):
        html = page(client, f"/nadenken/?terug={elsewhere}")
        assert "example.com" not in html
        assert "Terug naar de vraag" in html
