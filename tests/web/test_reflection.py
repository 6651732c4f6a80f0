"""Reflection: Joost ticks what work gives him; it stays in his browser and shows on his plan."""

from __future__ import annotations

from django.test import Client

from koers.web.explorer.reflection import COOKIE
from tests.transitions.test_ranker import COOK, NURSE

ESCO = "http://data.europa.eu/esco/occupation/"
PLAN = f"/beroep/{COOK.removeprefix(ESCO)}/naar/{NURSE.removeprefix(ESCO)}/"


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


def test_answers_show_on_the_page_and_stay_in_a_signed_cookie(client: Client) -> None:
    html = answer(client)
    assert "Wat jij belangrijk vindt" in html
    assert "anderen helpen" in html and "trots op mijn keuken" in html
    assert client.cookies[COOKIE]["httponly"]
    assert "trots" not in client.cookies[COOKIE].value


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
