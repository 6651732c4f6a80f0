"""The import and search on the full ESCO data (KOERS_ESCO_DIR); skipped when it is absent."""

from __future__ import annotations

import copy

import pytest

from koers.taxonomy import ImportReport, Taxonomy, import_esco
from koers.taxonomy.plain_language import PlainLanguage
from koers.taxonomy.search import SHIPPED_SYNONYMS, TitleIndex
from tests.full_data.conftest import ESCO, NEEDS_FULL_DATA, full_inputs

pytestmark = NEEDS_FULL_DATA


@pytest.fixture
def imported(full_import: tuple[Taxonomy, ImportReport]) -> tuple[Taxonomy, ImportReport]:
    return full_import


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


def test_the_labels_only_file_gives_nearly_every_skill_its_dutch_name(
    imported: tuple[Taxonomy, ImportReport],
) -> None:
    taxonomy, report = imported
    assert taxonomy.info()["labels"]["nl"]["skills"] >= 13000
    assert not [w for w in report.warnings if w.kind == "label_coverage"]
    from_the_file = [w for w in report.warnings if w.file.endswith("skill_labels_nl.csv")]
    assert len(from_the_file) == 232, "the skills new in ESCO v1.2 are not in the v1.1.1 base"
    assert all(w.kind == "unknown_concept" and w.row > 1 for w in from_the_file)


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


def test_without_the_dutch_skill_names_the_import_warns_how_few_there_are() -> None:
    assert ESCO is not None
    _, report = import_esco(full_inputs(ESCO)[:-1])
    coverage = [w for w in report.warnings if w.kind == "label_coverage"]
    assert len(coverage) == 1
    assert "13% of the skills linked to an occupation (1,758 of 13,123)" in coverage[0].message
    assert "'nl'" in coverage[0].message


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
