"""Reflection: Joost ticks what work gives him; it stays in his browser and shows on his plan."""

from __future__ import annotations

import base64
import re
import zlib
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from pytest_django.fixtures import Settings

from koers.web.explorer.reflection import COOKIE
from koers.web.explorer.reflection_code import decode
from tests.transitions.test_ranker import COOK, NURSE

ESCO = "http://data.europa.eu/esco/occupation/"
PLAN = f"/beroep/{COOK.removeprefix(ESCO)}/naar/{NURSE.removeprefix(ESCO)}/"


def read_without_the_key(value: str) -> bytes:
    """What anyone who copies the cookie can decode: its payload base64-decoded (and unzipped,
    as Django's signing compresses)."""
    payload = value.split(":")[0]
    data = base64.urlsafe_b64decode(payload.lstrip(".") + "=" * (-len(payload.lstrip(".")) % 4))
    return zlib.decompress(data) if payload.startswith(".") else data


def answer(client: Client) -> str:
    response = client.post(
        "/nadenken/",
        {"gives": ["people", "helping"], "worries": ["age"], "own_words": "trots op mijn keuken"},
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_exercise_asks_with_choices_to_tick(client: Client) -> None:
    html = client.get("/nadenken/").content.decode()
    assert "Wat geeft werk jou?" in html
    assert 'type="checkbox"' in html
    assert "bewaren ze niet" in html


def test_answers_show_on_the_page_and_stay_in_an_encrypted_cookie(client: Client) -> None:
    html = answer(client)
    assert "Wat jij belangrijk vindt" in html
    assert "anderen helpen" in html and "trots op mijn keuken" in html
    assert client.cookies[COOKIE]["httponly"]
    # Issue 14: a signed cookie could be read by anyone who copied it; this one cannot.
    content = read_without_the_key(client.cookies[COOKIE].value)
    assert b"trots" not in content and b"people" not in content and b"worries" not in content


def test_the_cookie_ends_with_the_browser_session(client: Client) -> None:
    answer(client)
    assert client.cookies[COOKIE]["max-age"] == ""
    assert client.cookies[COOKIE]["expires"] == ""


def test_the_cookie_goes_only_over_https_behind_https(client: Client, settings: Settings) -> None:
    answer(client)
    assert not client.cookies[COOKIE]["secure"]
    settings.SESSION_COOKIE_SECURE = True  # what KOERS_HTTPS=1 sets
    answer(client)
    assert client.cookies[COOKIE]["secure"]


def test_a_signed_cookie_of_an_earlier_version_counts_as_no_answers(client: Client) -> None:
    client.cookies[COOKIE] = signing.dumps({"worries": ["age"]}, salt="koers.reflection")
    assert client.get("/nadenken/").status_code == 200
    assert "Wat jij belangrijk vindt" not in client.get(PLAN).content.decode()


def test_a_cookie_made_with_another_key_is_ignored(client: Client, settings: Settings) -> None:
    answer(client)
    settings.SECRET_KEY = "another-key-" + "y" * 40
    assert "Wat jij belangrijk vindt" not in client.get(PLAN).content.decode()


def test_answers_appear_on_the_learning_plan_printout(client: Client) -> None:
    answer(client)
    html = client.get(PLAN).content.decode()
    assert "mijn leeftijd" in html


def test_a_tampered_cookie_is_ignored(client: Client) -> None:
    client.cookies[COOKIE] = "not-signed"
    assert "Wat jij belangrijk vindt" not in client.get(PLAN).content.decode()


def test_answers_can_be_deleted(client: Client) -> None:
    answer(client)
    client.post("/nadenken/", {"forget": "1"})
    assert client.cookies[COOKIE].value == ""
    assert "Wat jij belangrijk vindt" not in client.get(PLAN).content.decode()


@pytest.mark.django_db
def test_the_answers_come_with_a_code_for_the_coach_and_nothing_is_stored(
    client: Client, django_assert_num_queries: Any
) -> None:
    # With a database at hand, not a single query: the answers and their code reach none.
    with django_assert_num_queries(0):
        html = answer(client)
        plan = client.get(PLAN).content.decode()
    code = reflection_code_on(html)
    assert decode(code) == {"gives": ["people", "helping"], "worries": ["age"]}
    assert "Jouw code voor je coach" in html
    assert "daar vraagt je coach naar" in html
    assert reflection_code_on(plan) == code


def test_without_ticked_boxes_there_is_no_code(client: Client) -> None:
    html = client.post("/nadenken/", {"own_words": "trots op mijn keuken"}).content.decode()
    assert "trots op mijn keuken" in html
    assert "reflection-code" not in html


def reflection_code_on(html: str) -> str:
    found = re.search(r'<strong class="short-code reflection-code">([^<]+)</strong>', html)
    assert found is not None
    return found.group(1)


def test_the_answers_code_typed_in_the_explorer_says_it_is_for_the_coach(client: Client) -> None:
    code = reflection_code_on(answer(client))
    html = client.get("/code/", {"code": code}, follow=True).content.decode()
    assert "Dit is de code van je antwoorden" in html
    assert "Deze code kennen we niet" not in html
