"""The explorer as Sandra (hairdresser, on her phone) and Joost (cook) use it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from koers.taxonomy.vitality import ENV_VARIABLE
from tests.taxonomy.test_vitality import MAPPING, NOT_ON_THE_LIST, SALES_ASSISTANT
from tests.transitions.test_ranker import COOK, HAIRDRESSER, NURSE

ESCO = "http://data.europa.eu/esco/occupation/"
CRUCIAL_HEADLINE = "Dit werk stond op de lijst van cruciale beroepen van maart 2020."


def page(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_home_page_asks_one_question_in_dutch(client: Client) -> None:
    html = page(client, "/")
    assert "Wat voor werk doe je nu, of deed je?" in html
    assert '<html lang="nl">' in html
    assert "anoniem" in html


def test_sandra_finds_her_work_by_typing_kapster(client: Client) -> None:
    html = page(client, "/?q=kapster")
    first = re.search(r'<ul class="choices">\s*<li><a href="([^"]+)">([^<]+)</a>', html)
    assert first is not None
    assert first.group(1) == f"/beroep/{HAIRDRESSER.removeprefix(ESCO)}/"
    assert first.group(2) == "kapper"


def test_suggestions_while_typing_are_a_fragment(client: Client) -> None:
    html = page(client, "/?q=kapp", **{"HX-Request": "true"})
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html


def test_nonsense_finds_nothing_and_says_so(client: Client) -> None:
    html = page(client, "/?q=xqzwvj")
    assert "We vonden geen werk" in html


def test_the_same_in_english_under_en(client: Client) -> None:
    html = page(client, "/en/?q=hairdresser")
    assert '<html lang="en">' in html
    assert "What work do you do now, or did you do?" in html
    assert ">hairdresser</a>" in html


def test_work_not_on_the_list_is_never_called_not_vital(client: Client) -> None:
    html = page(client, f"/beroep/{HAIRDRESSER.removeprefix(ESCO)}/")
    assert "Die lijst ging over wie de kinderopvang mocht gebruiken" in html
    assert "niet vitaal" not in html.lower()


def test_work_next_to_the_list_says_kindly_why_it_was_not_on_it(
    client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mapping = tmp_path / "vitality.toml"
    mapping.write_text(MAPPING + NOT_ON_THE_LIST, encoding="utf-8")
    monkeypatch.setenv(ENV_VARIABLE, str(mapping))
    html = page(client, f"/beroep/{SALES_ASSISTANT.removeprefix(ESCO)}/")
    assert "Die lijst ging over wie de kinderopvang mocht gebruiken" in html
    assert "<strong>Winkels</strong>: Alleen de supermarkt stond op de lijst." in html
    assert "Bron:" in html
    assert "niet vitaal" not in html.lower()


def test_crucial_work_shows_its_group_and_source(client: Client) -> None:
    html = page(client, f"/beroep/{NURSE.removeprefix(ESCO)}/")
    assert "Dit werk stond op de lijst van cruciale beroepen van maart 2020." in html
    assert "Bron:" in html


def test_skills_without_a_dutch_label_are_marked_english(client: Client) -> None:
    html = page(client, f"/beroep/{COOK.removeprefix(ESCO)}/")
    assert 'lang="en"' in html


def test_next_steps_say_in_words_how_much_you_can_already_do(client: Client) -> None:
    html = page(client, f"/beroep/{COOK.removeprefix(ESCO)}/verder/")
    assert re.search(r"Je kunt al \d+ van de \d+ dingen die tellen\.", html)
    assert "<meter" in html


def test_the_vital_only_filter_works_without_javascript(client: Client) -> None:
    html = page(client, f"/beroep/{COOK.removeprefix(ESCO)}/verder/?vitaal=1")
    assert html.count('class="badge"') == html.count("<h3><a href=")
    assert html.count('class="badge"') == html.count(CRUCIAL_HEADLINE)


def test_a_step_becomes_a_learning_plan(client: Client) -> None:
    html = page(client, f"/beroep/{COOK.removeprefix(ESCO)}/naar/{NURSE.removeprefix(ESCO)}/")
    assert "Wat je nog leert" in html
    assert "(nodig)" in html


def test_an_unknown_occupation_is_not_found(client: Client) -> None:
    assert client.get("/beroep/not-a-real-id/").status_code == 404


def test_pages_carry_a_strict_content_security_policy(client: Client) -> None:
    response = client.get("/?q=kok")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html


def test_every_page_links_to_the_other_language(client: Client) -> None:
    url = f"/beroep/{COOK.removeprefix(ESCO)}/verder/"
    assert f'href="/en{url}"' in page(client, url)


def test_an_unknown_page_says_so_in_plain_words_and_leaks_nothing(client: Client) -> None:
    response = client.get("/nergens/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We kunnen deze pagina niet vinden" in html
    assert "Traceback" not in html and "koers.web" not in html


def test_the_accessibility_statement_is_there(client: Client) -> None:
    html = page(client, "/toegankelijkheid/")
    assert "Toegankelijkheidsverklaring" in html
    assert "WCAG 2.1" in html


def test_a_coach_finds_the_workspace_sign_in_from_the_explorer(client: Client) -> None:
    """Someone who ran `make run` lands on the explorer: its footer leads to the workspace."""
    assert '<a href="/account/inloggen/">Voor coaches: inloggen</a>' in page(client, "/")
    english = page(client, "/en/beroep/" + COOK.removeprefix(ESCO) + "/")
    assert '<a href="/en/account/inloggen/">For coaches: sign in</a>' in english


def test_every_page_offers_independent_help(client: Client) -> None:
    html = page(client, "/")
    assert "https://www.leerwerkloket.nl/" in html


def test_petra_finds_her_work_through_her_sector(client: Client) -> None:
    html = page(client, "/")
    assert 'href="/sector/"' in html
    sectors = page(client, "/sector/")
    assert "Winkels en groothandel" in sectors
    shops = page(client, "/sector/G/")
    assert ">winkelmedewerker</a>" in shops


def test_an_unknown_sector_is_not_found(client: Client) -> None:
    assert client.get("/sector/Z/").status_code == 404


def test_next_steps_say_whether_a_diploma_is_needed_or_that_we_do_not_know(client: Client) -> None:
    html = page(client, f"/beroep/{COOK.removeprefix(ESCO)}/verder/")
    assert "Diploma of registratie: Dat weten we nog niet." not in html
    assert html.count("Dan weten we dat nog niet.") == 1
    plan = page(client, f"/beroep/{COOK.removeprefix(ESCO)}/naar/{NURSE.removeprefix(ESCO)}/")
    assert "BIG-register" in plan
