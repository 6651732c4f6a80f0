"""The everyday things of "Wat kun je nog meer?" on the full ESCO data (KOERS_ESCO_DIR): every
mapped skill is an ESCO skill, and each thing names a skill that work asks for."""

from __future__ import annotations

from koers.taxonomy import Taxonomy
from koers.taxonomy.everyday_skills import shipped
from tests.full_data.conftest import NEEDS_FULL_DATA

pytestmark = NEEDS_FULL_DATA


def test_every_mapped_uri_is_an_esco_skill_with_a_dutch_name(full_taxonomy: Taxonomy) -> None:
    uris = [uri for thing in shipped().skills for uri in thing.uris]
    assert [uri for uri in uris if uri not in full_taxonomy.skill_index] == []
    english_only = [u for u in uris if full_taxonomy.skill(u).label_and_language("nl")[1] != "nl"]
    assert english_only == []


def test_each_thing_names_a_skill_that_some_occupation_asks(full_taxonomy: Taxonomy) -> None:
    asked = {
        full_taxonomy.skills[skill].uri
        for occupation in full_taxonomy.occupations
        for indexes in full_taxonomy.skill_indexes(occupation.uri)
        for skill in indexes
    }
    assert [thing.key for thing in shipped().skills if not set(thing.uris) & asked] == []
