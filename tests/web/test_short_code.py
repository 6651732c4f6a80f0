"""Short codes: read out on the phone, they open the same page; a misheard one is refused.

A result with what the person can also do has a long code of nine characters (issue 18); every
other result keeps its seven, and codes made before still open what they opened."""

from __future__ import annotations

import itertools
import re

import pytest
from django.test import Client

from koers import knowledge
from koers.taxonomy.everyday_skills import shipped
from koers.web.explorer import reflection_code
from koers.web.explorer.short_code import (
    ALPHABET,
    LENGTH,
    LONG_LENGTH,
    InvalidCodeError,
    Place,
    decode,
    encode,
    read,
    spoken,
    write,
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


KEYS = tuple(thing.key for thing in shipped().skills)
LONG_PLACES = [
    Place(0, can=KEYS[:1]),
    Place(4091, can=KEYS),
    Place(3006, vital_only=True, small_steps=True, helps=True, far=True, can=KEYS[-1:]),
    Place(1234, helps=True, can=(KEYS[0], KEYS[3], KEYS[7])),
]


@pytest.mark.parametrize("place", LONG_PLACES)
def test_a_long_code_brings_back_what_she_can_also_do(place: Place) -> None:
    code = encode(place)
    assert len(code) == LONG_LENGTH
    assert decode(code) == place
    assert decode(spoken(code).lower()) == place
    assert decode(f" {code[:3]} {code[3:6]} {code[6:]} ") == place


def test_a_long_code_is_read_out_in_three_groups_of_three() -> None:
    code = encode(LONG_PLACES[3])
    assert re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}", spoken(code))
    assert spoken(encode(Place(12))) == encode(Place(12))


def test_what_she_can_also_do_is_kept_in_the_order_of_the_list() -> None:
    assert decode(encode(Place(5, can=(KEYS[4], KEYS[1])))).can == (KEYS[1], KEYS[4])


@pytest.mark.parametrize("place", LONG_PLACES)
def test_every_single_wrong_character_of_a_long_code_is_refused(place: Place) -> None:
    code = encode(place)
    for position, character in itertools.product(range(LONG_LENGTH), ALPHABET):
        if code[position] != character:
            with pytest.raises(InvalidCodeError):
                decode(code[:position] + character + code[position + 1 :])


@pytest.mark.parametrize("place", LONG_PLACES)
def test_every_swap_of_two_neighbours_in_a_long_code_is_refused(place: Place) -> None:
    code = encode(place)
    for position in range(LONG_LENGTH - 1):
        swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
        if swapped != code:
            with pytest.raises(InvalidCodeError):
                decode(swapped)


def test_a_long_code_missing_a_character_is_refused_for_its_length() -> None:
    code = encode(LONG_PLACES[3])
    for position in range(LONG_LENGTH):
        with pytest.raises(InvalidCodeError) as refused:
            decode(code[:position] + code[position + 1 :])
        assert refused.value.reason == "length"


def test_a_long_code_without_a_tick_or_with_a_tick_no_thing_has_is_refused() -> None:
    unused = next(bit for bit in range(20) if shipped().by_bit(bit) is None)
    origin = 17 << 4
    for value in (origin, (1 << unused) << 16 | origin, (1 << 20) << 16 | origin):
        code = write(value, length=LONG_LENGTH)
        assert read(code, length=LONG_LENGTH) == value
        with pytest.raises(InvalidCodeError):
            decode(code)


def test_a_result_without_ticks_keeps_its_seven_characters() -> None:
    assert encode(Place(1234, helps=True, can=())) == encode(Place(1234, helps=True))
    assert len(encode(Place(1234, helps=True))) == LENGTH


def test_a_long_code_names_no_step_and_no_unknown_thing() -> None:
    with pytest.raises(ValueError, match="no ticked things"):
        encode(Place(1, 2, can=KEYS[:1]))
    with pytest.raises(ValueError, match="no everyday skill"):
        encode(Place(1, can=("juggling",)))


def test_the_code_of_the_answers_does_not_take_a_long_code() -> None:
    with pytest.raises(InvalidCodeError) as refused:
        reflection_code.decode(encode(LONG_PLACES[0]))
    assert refused.value.reason == "kind"
    code = encode(LONG_PLACES[0])
    misheard = ("C" if code[0] == "A" else "A") + code[1:]
    with pytest.raises(InvalidCodeError) as refused:
        reflection_code.decode(misheard)
    assert refused.value.reason == "check"
