"""The shipped vitality mapping on the full ESCO data (KOERS_ESCO_DIR); skipped when absent.

The seed post: "Loopbaanbegeleiding staat niet in het rijtje van vitale beroepen. Kapper, kok,
verkoper, timmerman en psycholoog ook niet."
"""

from __future__ import annotations

import pytest

from koers.taxonomy import Taxonomy
from koers.taxonomy.model import Occupation
from koers.taxonomy.search import TitleIndex
from koers.taxonomy.vitality import VitalityMap
from tests.full_data.conftest import NEEDS_FULL_DATA

pytestmark = NEEDS_FULL_DATA


@pytest.fixture
def full(full_taxonomy: Taxonomy) -> Taxonomy:
    return full_taxonomy


@pytest.fixture
def index(full_index: TitleIndex) -> TitleIndex:
    return full_index


@pytest.fixture(scope="module")
def packaged() -> VitalityMap:
    return VitalityMap.load()


def by_dutch_label(taxonomy: Taxonomy, label: str) -> Occupation:
    found = [o for o in taxonomy.occupations if o.label("nl") == label]
    assert len(found) == 1, (label, [o.code for o in found])
    return found[0]


def test_the_shipped_mapping_is_valid_against_the_whole_of_esco(
    full: Taxonomy, packaged: VitalityMap
) -> None:
    assert packaged.validate(full) == []
    assert all(result.ok for result in packaged.check_examples(full))


@pytest.mark.parametrize(
    ("word", "label", "code"),
    [
        ("kapper", "kapper", "5141.1"),
        ("kok", "kok", "5120.1"),
        ("verkoper", "verkoopmedewerker", "5223.4"),
        ("timmerman", "timmerman", "7115.1"),
        ("psycholoog", "psycholoog", "2634.2"),
    ],
)
def test_what_the_seed_post_names_was_not_on_the_list(
    full: Taxonomy, index: TitleIndex, packaged: VitalityMap, word: str, label: str, code: str
) -> None:
    occupation = by_dutch_label(full, label)
    assert occupation.code == code
    assert packaged.of(occupation).vital_class == "none"
    # Whatever a worker types, the first suggestion for the seed's word is not on the list.
    first = index.search(word, language="nl", limit=1)[0]
    assert packaged.of(full.occupation(first.uri)).vital_class == "none", first.label


def test_career_guidance_is_secondary(full: Taxonomy, packaged: VitalityMap) -> None:
    for label in ("loopbaanadviseur", "re-integratiedeskundige"):
        result = packaged.of(by_dutch_label(full, label))
        assert (result.vital_class, result.group) == ("secondary", "loopbaan"), label


@pytest.mark.parametrize(
    ("label", "vital_class", "group"),
    [
        ("klinisch psycholoog", "crucial", "zorg"),
        ("gezondheidszorgpsycholoog", "crucial", "zorg"),
        ("psychotherapeut", "crucial", "zorg"),
        ("psychologieassistent", "crucial", "zorg"),
        ("psycholoog", "none", "psychologie-buiten-zorg"),
        ("onderwijspsycholoog", "none", "psychologie-buiten-zorg"),
        ("polygrafist", "none", "psychologie-buiten-zorg"),
    ],
)
def test_only_psychologists_who_treat_people_in_health_care_are_crucial(
    full: Taxonomy, packaged: VitalityMap, label: str, vital_class: str, group: str
) -> None:
    result = packaged.of(by_dutch_label(full, label))
    assert (result.vital_class, result.group) == (vital_class, group)
    assert result.reason["nl"] and result.reason["en"] and result.source


def test_every_psychologist_in_esco_is_either_in_care_or_told_why_not(
    full: Taxonomy, packaged: VitalityMap
) -> None:
    psychologists = [o for o in full.occupations if o.isco_group == "2634"]
    assert len(psychologists) >= 6
    for occupation in psychologists:
        result = packaged.of(occupation)
        assert result.group in {"zorg", "psychologie-buiten-zorg"}, occupation.label("nl")
