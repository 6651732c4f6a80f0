"""The import and search on the full ESCO data (KOERS_ESCO_DIR); skipped when it is absent."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from koers.taxonomy import Taxonomy, import_esco
from koers.taxonomy.plain_language import PlainLanguage
from koers.taxonomy.search import SHIPPED_SYNONYMS, TitleIndex
from tests.conftest import esco_dir

ESCO = esco_dir()
pytestmark = [
    pytest.mark.full_data,
    pytest.mark.skipif(
        ESCO is None,
        reason="full ESCO data not found: set KOERS_ESCO_DIR to the folder that holds "
        "esco-v1.1.1-en-tabiya and esco-v1.2.1-nl-richting",
    ),
]


def full_inputs(root: Path) -> list[Path]:
    tabiya = root / "esco-v1.1.1-en-tabiya"
    return [
        tabiya / "ESCO dataset - v1.1.1 - classification - en - csv.zip",
        tabiya / "ESCO dataset - v1.1.1 - classification -  - csv.zip",
        root / "esco-v1.2.1-nl-richting",
    ]


@pytest.fixture(scope="module")
def full() -> tuple[Taxonomy, TitleIndex]:
    assert ESCO is not None
    taxonomy, _ = import_esco(full_inputs(ESCO))
    return taxonomy, TitleIndex().fit(taxonomy)


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


def test_every_shipped_everyday_word_names_an_occupation_of_the_knowledge_base(
    full: tuple[Taxonomy, TitleIndex],
) -> None:
    taxonomy, index = full
    synonyms = PlainLanguage.load(SHIPPED_SYNONYMS).synonyms
    unknown = {uri for uris in synonyms.values() for uri in uris} - set(taxonomy.occupation_index)
    assert not unknown
    # A copy: the other tests search the index without synonyms.
    with_words = copy.copy(index).with_synonyms(synonyms)
    first = with_words.search("pakketbezorger", language="nl")[0]
    assert first.label == "auto- en bestelwagenkoerier"
