"""Search quality on the development sets, on the full data: the figures issue 17 asks for.

The thresholds are the issue's; the figures are measured with the shipped everyday words, as
``evaluation/evaluate_search.py`` measures them through the command line.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

import pytest

from evaluation.devsets_en import DEFAULT_NL_EVERYDAY, DevItem, load_en_devset, load_nl_devset
from koers.taxonomy.plain_language import PlainLanguage
from koers.taxonomy.search import SHIPPED_SYNONYMS, TitleIndex
from tests.full_data.conftest import NEEDS_FULL_DATA

pytestmark = NEEDS_FULL_DATA


@pytest.fixture(scope="module")
def index(full_index: TitleIndex) -> TitleIndex:
    # A copy: the other full-data tests search the index without the everyday words.
    return copy.copy(full_index).with_synonyms(PlainLanguage.load(SHIPPED_SYNONYMS).synonyms)


def _ranks(index: TitleIndex, items: Sequence[DevItem], language: str) -> list[int | None]:
    found = index.search_many([item.query for item in items], language=language, limit=10)
    return [
        next((rank for rank, m in enumerate(matches, 1) if m.uri in item.uris), None)
        for item, matches in zip(items, found, strict=True)
    ]


def _mrr(ranks: list[int | None]) -> float:
    return sum(1 / rank for rank in ranks if rank) / len(ranks)


def test_english_titles_find_their_occupation_with_mrr_at_10_of_at_least_0_40(
    index: TitleIndex,
) -> None:
    assert _mrr(_ranks(index, load_en_devset(), "en")) >= 0.40


def test_dutch_titles_find_their_occupation_as_well_as_before(index: TitleIndex) -> None:
    assert _mrr(_ranks(index, load_nl_devset(), "nl")) >= 0.81


def test_the_first_suggestion_for_an_everyday_word_is_right_92_times_in_100(
    index: TitleIndex,
) -> None:
    ranks = _ranks(index, load_nl_devset(DEFAULT_NL_EVERYDAY), "nl")
    assert sum(rank == 1 for rank in ranks) / len(ranks) >= 0.92
