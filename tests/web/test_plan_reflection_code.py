"""Reflection codes (#16): Joost ticks boxes in the explorer and reads out a code; Anna types it
into Sandra's plan and the ticked boxes are there, a new version, audited. A misheard code, or the
code of an explorer page, is refused with a message that says what is wrong, and changes nothing.
"""

from __future__ import annotations

import itertools
import random
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as Browser
from django.urls import reverse

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import ConflictError
from koers.web.clients.models import Client
from koers.web.explorer.reflection import QUESTIONS
from koers.web.explorer.reflection_code import BITS, POSITIONS, decode, encode, spoken
from koers.web.explorer.short_code import (
    ALPHABET,
    LENGTH,
    PLACE_VALUES,
    REFLECTION_VALUES,
    VALUES,
    InvalidCodeError,
    Place,
    read,
    write,
)
from koers.web.explorer.short_code import decode as decode_place
from koers.web.explorer.short_code import encode as encode_place
from koers.web.plans import actions
from koers.web.plans.choices import PlanChange
from koers.web.plans.models import Plan
from koers.web.plans.queries import versions_of
from koers.web.plans.reflection import take_over_reflection
from tests.web.conftest import HAIRDRESSER, People, make_client

JOOST = {"gives": ["people", "pride"], "gain": ["hours"], "worries": ["money", "family"]}
OPTIONS = [
    (question, option) for question, (_q, options) in QUESTIONS.items() for option in options
]


def every_answer() -> list[dict[str, list[str]]]:
    """Each option alone, each pair of options, 300 random sets of ticked boxes, and all."""
    picks: list[list[tuple[str, str]]] = [[o] for o in OPTIONS]
    picks += [list(pair) for pair in itertools.combinations(OPTIONS, 2)]
    chance = random.Random(16)
    picks += [chance.sample(OPTIONS, chance.randint(1, len(OPTIONS))) for _ in range(300)]
    picks.append(OPTIONS)
    return [
        {
            q: [o for o in options if (q, o) in pick]
            for q, (_l, options) in QUESTIONS.items()
            if any(question == q for question, _o in pick)
        }
        for pick in picks
    ]


def test_the_ticked_boxes_come_back_from_their_code() -> None:
    for answers in every_answer():
        code = encode(answers)
        assert len(code) == LENGTH
        assert decode(code) == answers
        assert decode(spoken(code).lower()) == answers


def test_own_words_and_unknown_options_do_not_travel_in_the_code() -> None:
    assert decode(encode({**JOOST, "own_words": "Mijn rug.", "gain": ["hours", "fame"]})) == JOOST


def test_every_option_has_its_own_fixed_bit_forever() -> None:
    assert set(POSITIONS) == set(OPTIONS), "a new option needs the next free position"
    assert len(set(POSITIONS.values())) == len(POSITIONS)
    assert max(POSITIONS.values()) < BITS
    # Pinned: a code given out today means the same after options are added or reordered.
    assert POSITIONS[("gives", "place")] == 0
    assert POSITIONS[("gives", "pride")] == 6
    assert POSITIONS[("leave", "colleagues")] == 7
    assert POSITIONS[("gain", "new")] == 11
    assert POSITIONS[("worries", "money")] == 15
    assert POSITIONS[("worries", "family")] == 20
    assert encode({"gives": ["place"]}) == "PAAAACY"
    assert encode(JOOST) == "PE7GGHA"
    assert decode("PE7-GGHA") == JOOST


def test_a_reflection_code_never_starts_as_a_place_code_does() -> None:
    assert PLACE_VALUES <= REFLECTION_VALUES and REFLECTION_VALUES + 2**BITS <= VALUES
    place_firsts = {write(value)[0] for value in (0, PLACE_VALUES - 1)}
    last = REFLECTION_VALUES + 2**BITS - 1
    reflection_firsts = {write(value)[0] for value in (REFLECTION_VALUES, last)}
    assert max(ALPHABET.index(c) for c in place_firsts) < min(
        ALPHABET.index(c) for c in reflection_firsts
    )


def test_every_misheard_character_and_swap_is_refused() -> None:
    code = encode(JOOST)
    for position, character in itertools.product(range(LENGTH), ALPHABET):
        if code[position] != character:
            with pytest.raises(InvalidCodeError):
                decode(code[:position] + character + code[position + 1 :])
    for position in range(LENGTH - 1):
        swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
        if swapped != code:
            with pytest.raises(InvalidCodeError):
                decode(swapped)


def test_a_place_code_is_not_a_reflection_code_nor_the_other_way_round() -> None:
    place = encode_place(Place(3006, 3005, vital_only=True, small_steps=True))
    with pytest.raises(InvalidCodeError) as refused:
        decode(place)
    assert refused.value.reason == "kind"
    with pytest.raises(InvalidCodeError) as refused:
        decode_place(encode(JOOST))
    assert refused.value.reason == "kind"


def test_a_code_with_a_bit_no_option_has_is_refused() -> None:
    unknown_bit = REFLECTION_VALUES + (1 << BITS - 1)
    assert read(write(unknown_bit)) == unknown_bit
    with pytest.raises(InvalidCodeError) as refused:
        decode(write(unknown_bit))
    assert refused.value.reason == "check"


def test_a_value_between_the_two_kinds_is_no_code_at_all() -> None:
    between = write(PLACE_VALUES + 1)
    for decoder in (decode, decode_place):
        with pytest.raises(InvalidCodeError) as refused:
            decoder(between)
        assert refused.value.reason == "check"


# The plan: Anna types the code Sandra reads out.


@pytest.fixture
def sandra(people: People) -> Client:
    return make_client(
        people.anna, first_name="Sandra", last_name="Bakker", occupation_uri=HAIRDRESSER
    )


@pytest.fixture
def plan(people: People, sandra: Client) -> Plan:
    plan = actions.start_plan(by=people.anna, client=sandra)
    actions.update_plan(
        by=people.anna,
        plan=plan,
        version=plan.version,
        values={"reflection": {"leave": ["craft"], "own_words": "Mijn rug."}},
    )
    return plan


@pytest.fixture
def anna(client: Browser, people: People) -> Browser:
    client.force_login(people.anna)
    return client


def test_it_takes_over_the_ticked_boxes_keeping_the_own_words(people: People, plan: Plan) -> None:
    before = plan.version

    taken = take_over_reflection(by=people.anna, plan=plan, version=plan.version, code="pe7-gGHA")

    assert taken == JOOST
    saved = Plan.objects.get(pk=plan.pk)
    assert saved.reflection == {**JOOST, "own_words": "Mijn rug."}
    assert saved.version == plan.version == before + 1
    assert versions_of(plan)[0].change == PlanChange.REFLECTION_CODE
    event = AuditEvent.objects.filter(action=AuditAction.PLAN_CHANGED).latest("pk")
    assert event.detail == PlanChange.REFLECTION_CODE
    assert event.client_id == plan.client_id
    assert "pride" not in str(event.__dict__), "the audit names fields, never the answers"


def test_the_same_code_twice_writes_no_second_version(people: People, plan: Plan) -> None:
    take_over_reflection(by=people.anna, plan=plan, version=plan.version, code="PE7GGHA")
    take_over_reflection(by=people.anna, plan=plan, version=plan.version, code="PE7GGHA")
    assert Plan.objects.get(pk=plan.pk).version == 3


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("PE7GGHC", "verkeerd verstaan"),
        ("PE7GHGA", "verkeerd verstaan"),
        ("PE7GGH", "7 letters en cijfers"),
        ("PE7GGH0", "“0” komt nooit voor"),
        (encode_place(Place(17)), "de code van een pagina in de verkenner"),
        (encode({}), "geen vakjes aangekruist"),
    ],
)
def test_a_wrong_code_is_refused_saying_why_and_changes_nothing(
    people: People, plan: Plan, code: str, why: str
) -> None:
    before = Plan.objects.get(pk=plan.pk)
    with pytest.raises(ValidationError) as refused:
        take_over_reflection(by=people.anna, plan=plan, version=plan.version, code=code)
    assert why in refused.value.message_dict["code"][0]
    after = Plan.objects.get(pk=plan.pk)
    assert (after.version, after.reflection) == (before.version, before.reflection)


def test_a_code_on_a_version_someone_saved_over_is_refused(people: People, plan: Plan) -> None:
    stale = plan.version
    actions.update_plan(by=people.bram, plan=plan, version=stale, values={"standing": "Bram."})
    with pytest.raises(ConflictError):
        take_over_reflection(by=people.anna, plan=plan, version=stale, code="PE7GGHA")
    assert Plan.objects.get(pk=plan.pk).reflection == {"leave": ["craft"], "own_words": "Mijn rug."}


def test_dirk_of_another_team_may_not(people: People, plan: Plan) -> None:
    with pytest.raises(PermissionDenied):
        take_over_reflection(by=people.dirk, plan=plan, version=plan.version, code="PE7GGHA")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_anna_types_the_code_in_the_editor_and_sees_what_was_taken_over(
    anna: Browser, sandra: Client, plan: Plan
) -> None:
    address = reverse("plans:reflection_code", args=[sandra.pk])
    editor = anna.get(reverse("plans:plan", args=[sandra.pk])).content.decode()
    assert "Code uit de verkenner" in editor and f'action="{address}"' in editor

    response = anna.post(address, {"version": plan.version, "code": "PE7-GGHA"}, follow=True)

    page = text_of(response.content.decode())
    assert (
        "Overgenomen uit de verkenner: Wat geeft werk jou? mensen om me heen, trots zijn op wat ik"
        " doe; Wat kun je winnen? betere werktijden; Waar maak je je zorgen over? geld, mijn gezin"
    ) in page
    form = response.context["forms"]["reflection"]
    assert form["gives"].value() == ["people", "pride"]
    assert form["own_words"].value() == "Mijn rug."


def test_a_misheard_code_in_the_editor_shows_what_is_wrong(
    anna: Browser, sandra: Client, plan: Plan
) -> None:
    address = reverse("plans:reflection_code", args=[sandra.pk])

    response = anna.post(address, {"version": plan.version, "code": "PE7-GGHC"})

    assert response.status_code == 200
    page = text_of(response.content.decode())
    assert "Controleer het formulier" in page
    assert "Code uit de verkenner : Deze code klopt niet" in page
    assert 'value="PE7-GGHC"' in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).version == plan.version


def test_a_stale_code_form_says_someone_else_changed_the_plan(
    anna: Browser, people: People, sandra: Client, plan: Plan
) -> None:
    stale = plan.version
    actions.update_plan(by=people.bram, plan=plan, version=stale, values={"standing": "Bram."})

    response = anna.post(
        reverse("plans:reflection_code", args=[sandra.pk]), {"version": stale, "code": "PE7GGHA"}
    )

    assert response.status_code == 409
    assert "Iemand anders heeft het plan intussen gewijzigd" in response.content.decode()
    assert 'value="PE7GGHA"' in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).reflection == {"leave": ["craft"], "own_words": "Mijn rug."}
