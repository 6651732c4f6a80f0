"""Finding skills and skill groups by name, for the course catalogue (issue 8)."""

from __future__ import annotations

import pytest

from koers.taxonomy import Taxonomy, import_esco
from koers.taxonomy.skill_search import SkillIndex
from tests.conftest import with_skill_labels

STYLE_HAIR = "http://data.europa.eu/esco/skill/0b6c4174-a862-480d-8d55-44f7cf7ac365"


@pytest.fixture(scope="module")
def index(mini_taxonomy: Taxonomy) -> SkillIndex:
    return SkillIndex(language="en").fit(mini_taxonomy)


def test_it_finds_a_skill_by_a_label_with_a_typo(index: SkillIndex) -> None:
    assert index.search("style hiar")[0].uri == STYLE_HAIR


def test_it_finds_a_skill_by_an_alternative_label(index: SkillIndex) -> None:
    assert STYLE_HAIR in [match.uri for match in index.search("hairstyling", limit=3)]


def test_it_finds_skill_groups_and_marks_them(index: SkillIndex, mini_taxonomy: Taxonomy) -> None:
    group = mini_taxonomy.skill_groups[0]
    found = index.search(group.label("en"), limit=3)
    assert found[0].uri == group.uri and found[0].is_group


def test_each_concept_is_listed_once_and_empty_queries_find_nothing(index: SkillIndex) -> None:
    uris = [match.uri for match in index.search("hair", limit=10)]
    assert len(uris) == len(set(uris))
    assert index.search("  ") == []


def test_it_names_a_known_uri_and_not_an_unknown_one(index: SkillIndex) -> None:
    assert index.label_of(STYLE_HAIR) == "style hair"
    assert index.label_of("http://example.org/none") is None


DYE_HAIR = "http://data.europa.eu/esco/skill/dbc20527-0852-4dde-a2e9-d25d8356115f"
OPERATE_CASH_POINT = "http://data.europa.eu/esco/skill/279101c1-e325-4349-bf58-401b6c8ff208"


@pytest.fixture(scope="module")
def dutch_index() -> SkillIndex:
    taxonomy, _ = import_esco(with_skill_labels())
    return SkillIndex(language="nl").fit(taxonomy)


def test_it_finds_dutch_skill_names_with_a_typo_and_while_typing(dutch_index: SkillIndex) -> None:
    for query in ("haar verven", "haar vervn", "haar ve"):
        first = dutch_index.search(query)[0]
        assert (first.uri, first.label, first.lang) == (DYE_HAIR, "haar verven", "nl"), query


def test_a_skill_without_a_dutch_name_is_found_in_english_and_says_so(
    dutch_index: SkillIndex,
) -> None:
    first = dutch_index.search("operate cash point")[0]
    assert (first.uri, first.lang) == (OPERATE_CASH_POINT, "en")


def test_nonsense_finds_nothing(dutch_index: SkillIndex) -> None:
    assert dutch_index.search("xqzwvj") == []
    assert dutch_index.search("ЖЖЖ") == []
