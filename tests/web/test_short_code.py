"""Short codes: read out on the phone, they open the same page; a misheard one is refused."""

from __future__ import annotations

import itertools
import re

import pytest
from django.test import Client

from koers import knowledge
from koers.web.explorer.short_code import (
    ALPHABET,
    LENGTH,
    InvalidCodeError,
    Place,
    decode,
    encode,
)
from tests.transitions.test_ranker import COOK, NURSE

ESCO = "http://data.europa.eu/esco/occupation/"


@pytest.mark.parametrize(
    "place",
    [
        Place(0),
        Place(3006, 3005, vital_only=True, small_steps=True),
        Place(17, None, vital_only=False, small_steps=True),
        Place(2999, 5, vital_only=True),
        Place(12, helps=True),
        Place(3006, vital_only=True, small_steps=True, helps=True, far=True),
        Place(0, far=True),
    ],
)
def test_a_code_brings_back_the_same_place(place: Place) -> None:
    code = encode(place)
    assert len(code) == LENGTH <= 8
    assert decode(code) == place
    assert decode(code.lower()) == place
    assert decode(f" {code[:3]}-{code[3:]} ") == place


def test_codes_have_no_look_alike_characters() -> None:
    assert not set("0OQ1IL2Z5S8BV") & set(ALPHABET)


def test_every_single_wrong_character_is_refused() -> None:
    code = encode(Place(1234, 567, vital_only=True))
    for position, character in itertools.product(range(LENGTH), ALPHABET):
        if code[position] == character:
            continue
        wrong = code[:position] + character + code[position + 1 :]
        with pytest.raises(InvalidCodeError):
            decode(wrong)


def test_every_swap_of_two_neighbours_is_refused() -> None:
    code = encode(Place(1234, 567, vital_only=True))
    for position in range(LENGTH - 1):
        swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
        if swapped != code:
            with pytest.raises(InvalidCodeError):
                decode(swapped)


@pytest.mark.parametrize("typed", ["", "ABC", "AAAAAAAAA", "0OIL258", "!!!!!!!", "AAAAAAA"])
def test_something_else_is_not_a_code(typed: str) -> None:
    with pytest.raises(InvalidCodeError):
        decode(typed)


def code_on(html: str) -> str:
    found = re.search(r'<strong class="short-code">([^<]+)</strong>', html)
    assert found is not None
    return found.group(1)


def test_the_code_on_next_steps_opens_the_same_list(client: Client) -> None:
    url = f"/beroep/{COOK.removeprefix(ESCO)}/verder/?vitaal=1"
    code = code_on(client.get(url).content.decode())
    response = client.get("/code/", {"code": code})
    assert response.status_code == 302
    assert response["Location"] == url


def test_a_code_with_a_step_carries_no_other_choices() -> None:
    with pytest.raises(ValueError, match="no helps or far"):
        encode(Place(1, 2, helps=True))


def test_the_list_and_its_step_pages_show_one_code_that_opens_the_list(client: Client) -> None:
    """Issue 18: one short code per person's result, on the list and on every step of it."""
    url = f"/beroep/{COOK.removeprefix(ESCO)}/verder/?vitaal=1&ook=1&ver=1"
    listed = client.get(url).content.decode()
    code = code_on(listed)
    steps = re.findall(r'<h3><a href="([^"]+)">', listed)
    assert steps
    for step in steps:
        step_page = client.get(step.replace("&amp;", "&")).content.decode()
        assert code_on(step_page) == code
        assert f'href="{url.replace("&", "&amp;")}"' in step_page
    assert client.get("/code/", {"code": code})["Location"] == url


def test_a_step_page_opened_on_its_own_shows_the_code_of_the_plain_list(client: Client) -> None:
    plain = f"/beroep/{COOK.removeprefix(ESCO)}/verder/"
    step = f"/beroep/{COOK.removeprefix(ESCO)}/naar/{NURSE.removeprefix(ESCO)}/"
    code = code_on(client.get(step).content.decode())
    assert code == code_on(client.get(plain).content.decode())
    assert client.get("/code/", {"code": code})["Location"] == plain


def test_an_older_code_that_named_a_step_still_opens_it(client: Client) -> None:
    index = knowledge.taxonomy().occupation_index
    code = encode(Place(index[COOK], index[NURSE]))
    url = f"/beroep/{COOK.removeprefix(ESCO)}/naar/{NURSE.removeprefix(ESCO)}/"
    assert client.get("/code/", {"code": code})["Location"] == url


def test_a_misheard_code_says_so_on_the_home_page(client: Client) -> None:
    response = client.get("/code/", {"code": "AAAAAAA"}, follow=True)
    assert "Deze code kennen we niet" in response.content.decode()
