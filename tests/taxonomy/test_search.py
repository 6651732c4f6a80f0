"""Job-title search: people find their occupation however they type it."""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from koers.taxonomy import Taxonomy
from koers.taxonomy.model import ConceptText
from koers.taxonomy.plain_language import PlainLanguage
from koers.taxonomy.search import SHIPPED_SYNONYMS, TitleIndex, load_title_index
from tests.conftest import MINI

EXPECTED_SEARCHES: list[dict[str, Any]] = json.loads(
    (MINI / "expected.json").read_text(encoding="utf-8")
)["search"]


@pytest.mark.parametrize(
    "case", EXPECTED_SEARCHES, ids=[f"{c['lang']}:{c['query']}" for c in EXPECTED_SEARCHES]
)
def test_people_find_their_occupation_first(mini_index: TitleIndex, case: dict[str, Any]) -> None:
    results = mini_index.search(case["query"], language=case["lang"], limit=5)
    assert results, case
    assert results[0].uri == case["uri"], [(r.label, r.matched_label, r.score) for r in results]


def test_one_result_per_occupation_with_scores_descending(mini_index: TitleIndex) -> None:
    results = mini_index.search("medewerker", language="nl", limit=50)
    uris = [r.uri for r in results]
    assert len(uris) == len(set(uris))
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)


def test_ties_are_broken_by_uri(mini_index: TitleIndex) -> None:
    results = mini_index.search("medewerker", language="nl", limit=50)
    for first, second in itertools.pairwise(results):
        if first.score == second.score:
            assert first.uri < second.uri


@pytest.mark.parametrize("query", ["", "   ", "xqzwvj", "!!!", "12345", "de", "of the"])
def test_empty_or_nonsense_finds_nothing(mini_index: TitleIndex, query: str) -> None:
    assert mini_index.search(query, language="nl") == []


def test_the_label_is_in_the_asked_language_with_english_as_fallback(
    mini_index: TitleIndex, mini_taxonomy: Taxonomy
) -> None:
    assert mini_index.search("hairdresser", language="nl", limit=1)[0].label == "kapper"
    assert mini_index.search("kapper", language="en", limit=1)[0].label == "hairdresser"


def test_a_label_in_the_asked_language_ranks_above_the_same_in_another(
    mini_index: TitleIndex,
) -> None:
    same_nl = mini_index.search("kapper", language="nl", limit=1)[0]
    same_en = mini_index.search("kapper", language="en", limit=1)[0]
    assert same_nl.uri == same_en.uri
    assert same_nl.score > same_en.score


def test_word_order_and_case_and_accents_do_not_matter(mini_index: TitleIndex) -> None:
    a = mini_index.search("Chauffeur Vrachtwagen", language="nl", limit=1)
    b = mini_index.search("vrachtwagenchauffeur", language="nl", limit=1)
    assert a[0].uri == b[0].uri


def test_the_index_is_cached_per_import(mini_taxonomy: Taxonomy, tmp_path: Path) -> None:
    built = load_title_index(mini_taxonomy, cache_dir=tmp_path)
    assert (tmp_path / "title-index.npz").exists()
    cached = TitleIndex.load(tmp_path / "title-index.npz", mini_taxonomy.build_id)
    assert cached is not None
    assert cached.search("kapster", language="nl") == built.search("kapster", language="nl")


def test_a_cache_from_another_import_is_not_used(mini_taxonomy: Taxonomy, tmp_path: Path) -> None:
    load_title_index(mini_taxonomy, cache_dir=tmp_path)
    other = dataclasses.replace(mini_taxonomy, build_id="another-import")
    assert TitleIndex.load(tmp_path / "title-index.npz", other.build_id) is None


def _with_rhymes(taxonomy: Taxonomy) -> Taxonomy:
    """The mini taxonomy plus two occupations that only rhyme with "kapster"."""
    template = taxonomy.occupations[0]
    rhymes = (
        ("zz-singer", "2652", "zanger", ("rapster",)),
        ("zz-stone-cutter", "7113", "steenkapper", ("steenkapster",)),
    )
    extra = tuple(
        dataclasses.replace(
            template,
            uri=f"http://data.europa.eu/esco/occupation/{uri}",
            code=f"{group}.1",
            isco_group=group,
            broader=(),
            texts={"nl": ConceptText(label, alt=alt)},
        )
        for uri, group, label, alt in rhymes
    )
    return dataclasses.replace(taxonomy, occupations=(*taxonomy.occupations, *extra))


@pytest.fixture(scope="module")
def rhymes(mini_taxonomy: Taxonomy) -> Taxonomy:
    return _with_rhymes(mini_taxonomy)


def test_it_leaves_rhymes_under_a_good_match_out(rhymes: Taxonomy) -> None:
    found = TitleIndex().fit(rhymes).search("kapster", language="nl")
    assert [r.label for r in found] == ["kapper", "herenkapper"]


def test_it_keeps_a_weak_match_of_the_same_kind_of_work_as_the_best(rhymes: Taxonomy) -> None:
    best, barber = TitleIndex().fit(rhymes).search("kapster", language="nl")
    assert barber.label == "herenkapper"
    assert barber.score < 0.65 * best.score
    assert rhymes.occupation(barber.uri).isco_group == rhymes.occupation(best.uri).isco_group


def test_without_the_cut_off_the_rhymes_come_back(rhymes: Taxonomy) -> None:
    found = TitleIndex(relative_cutoff=0).fit(rhymes).search("kapster", language="nl")
    assert {"zanger", "steenkapper"} <= {r.label for r in found}


def test_it_keeps_every_match_when_the_best_is_no_good_match(rhymes: Taxonomy) -> None:
    index = TitleIndex(confident_score=0.99).fit(rhymes)
    assert index.search("kapster", language="nl")[0].score < 0.99
    assert {"zanger", "steenkapper"} <= {r.label for r in index.search("kapster", language="nl")}


PRIMARY_TEACHER = "http://data.europa.eu/esco/occupation/03d79393-7b30-4159-945b-01963eddd302"
SALES_ASSISTANT = "http://data.europa.eu/esco/occupation/9ba74e8a-c40c-4228-9998-eb3c7a5c11df"


def test_an_everyday_word_puts_its_occupation_first(mini_taxonomy: Taxonomy) -> None:
    index = TitleIndex().fit(mini_taxonomy)
    assert index.search("juf", language="nl") == []
    index.with_synonyms({("juf", "nl"): [PRIMARY_TEACHER]})
    first = index.search("Juf", language="nl")[0]
    assert (first.label, first.matched_label, first.score) == ("leraar basisonderwijs", "Juf", 1.0)
    assert index.search("juf", language="en") == []


def test_a_synonym_wins_over_an_esco_label_of_another_occupation(
    mini_taxonomy: Taxonomy,
) -> None:
    index = TitleIndex().fit(mini_taxonomy)
    assert index.search("winkelhulp", language="nl")[0].label == "winkelmedewerker"
    index.with_synonyms({("winkelhulp", "nl"): [SALES_ASSISTANT]})
    assert index.search("winkelhulp", language="nl")[0].label == "verkoopmedewerker"


def test_it_finds_a_long_everyday_word_typed_with_one_letter_wrong_missing_or_extra(
    mini_taxonomy: Taxonomy,
) -> None:
    index = (
        TitleIndex()
        .fit(mini_taxonomy)
        .with_synonyms(
            {("basisschooljuf", "nl"): [PRIMARY_TEACHER], ("juf", "nl"): [PRIMARY_TEACHER]}
        )
    )
    for typo in ("basisschooljuv", "basischooljuf", "basisschoolljuf"):
        first = index.search(typo, language="nl")[0]
        assert (first.label, first.score) == ("leraar basisonderwijs", 1.0), typo
    # Short words and two typos are no everyday word: the title search decides.
    assert not any(m.score == 1.0 for m in index.search("jaf", language="nl"))
    assert not any(m.score == 1.0 for m in index.search("basischoolljuv", language="nl"))


def test_a_synonym_for_an_occupation_the_knowledge_base_lacks_is_ignored(
    mini_taxonomy: Taxonomy,
) -> None:
    index = TitleIndex().fit(mini_taxonomy)
    index.with_synonyms({("juf", "nl"): ["http://data.europa.eu/esco/occupation/unknown"]})
    assert index.search("juf", language="nl") == []


def test_each_shipped_everyday_word_names_one_occupation() -> None:
    synonyms = PlainLanguage.load(SHIPPED_SYNONYMS).synonyms
    assert len(synonyms) > 150
    assert all(len(uris) == 1 for uris in synonyms.values())
    assert synonyms[("kapster", "nl")] == [
        "http://data.europa.eu/esco/occupation/099c6bb0-22d3-4c5d-8bf5-70910af381ef"
    ]


def test_many_queries_at_once_find_what_each_finds_alone(mini_index: TitleIndex) -> None:
    queries = ["kapster", "Chauffeur Vrachtwagen", "", "xqzwv", "de", "hairdresser", "kok"]
    for language in ("nl", "en"):
        alone = [mini_index.search(q, language=language, limit=5) for q in queries]
        together = mini_index.search_many(queries, language=language, limit=5)
        assert [[m.uri for m in found] for found in together] == [
            [m.uri for m in found] for found in alone
        ]
        for found, expected in zip(together, alone, strict=True):
            assert [m.score for m in found] == pytest.approx([m.score for m in expected], abs=2e-4)
