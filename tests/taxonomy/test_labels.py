from __future__ import annotations

from koers.taxonomy.labels import fold, is_only_stopwords, normalise, singular


def test_it_folds_case_accents_and_punctuation() -> None:
    assert fold("Caissière/Kassière") == "caissiere kassiere"
    assert fold("  IC-Verpleegkundige ") == "ic verpleegkundige"


def test_it_keeps_an_apostrophe_word_whole() -> None:
    assert fold("ZZP'er") == "zzper"


def test_it_folds_english_plurals_onto_the_singular() -> None:
    assert singular("nurses") == "nurse"
    assert singular("secretaries") == "secretary"
    assert singular("business") == "business"
    assert singular("bus") == "bus"


def test_normalise_applies_both() -> None:
    assert normalise("Hairdressers") == normalise("hairdresser")


def test_a_query_of_function_words_only_asks_for_nothing() -> None:
    assert is_only_stopwords("de van het")
    assert is_only_stopwords("")
    assert not is_only_stopwords("chef de partie")
