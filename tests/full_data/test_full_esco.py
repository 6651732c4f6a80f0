"""The import and search on the full ESCO data (KOERS_ESCO_DIR); skipped when it is absent."""

from __future__ import annotations

import pytest

from koers.taxonomy import Taxonomy
from koers.taxonomy.search import TitleIndex
from tests.full_data.conftest import NEEDS_FULL_DATA

pytestmark = NEEDS_FULL_DATA


@pytest.fixture
def full(full_taxonomy: Taxonomy, full_index: TitleIndex) -> tuple[Taxonomy, TitleIndex]:
    return full_taxonomy, full_index


def test_the_checked_import_gives_the_published_counts(full: tuple[Taxonomy, TitleIndex]) -> None:
    info = full[0].info()
    assert info["occupations"] == 3007
    assert info["skills"] == 13896
    assert info["occupation_skill_relations"] == 123788
    assert info["occupation_skill_rows_read"] == 123855
    assert info["occupation_skill_rows_skipped"] == 67
    assert info["isco_groups"] == 619
    assert info["labels"]["nl"]["occupations"] == 3004
    assert info["versions"] == ["1.1.1", "1.2.1"]


@pytest.mark.parametrize(
    ("query", "language", "label"),
    [
        ("kapster", "nl", "kapper"),
        ("vakkenvuller", "nl", "winkelmedewerker"),
        ("zzp timmerman", "nl", "timmerman"),
        ("loopbaanadviseur", "nl", "loopbaanadviseur"),
        ("hairdressers", "en", "hairdresser"),
        ("carpenter", "en", "carpenter"),
    ],
)
def test_people_land_on_their_occupation(
    full: tuple[Taxonomy, TitleIndex], query: str, language: str, label: str
) -> None:
    labels = [m.label for m in full[1].search(query, language=language, limit=2)]
    assert label in labels
