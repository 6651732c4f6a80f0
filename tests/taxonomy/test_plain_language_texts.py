"""The B1 Dutch texts about occupations that ship with Koers, and an installation's over them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from koers.taxonomy.plain_language import DEFAULT_TEXTS, PlainLanguage

ESCO = "http://data.europa.eu/esco/occupation/"
HAIRDRESSER = ESCO + "099c6bb0-22d3-4c5d-8bf5-70910af381ef"
COOK = ESCO + "90f75f67-495d-49fa-ab57-2f320e251d7e"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def shipped() -> list[dict[str, str]]:
    entries: list[dict[str, str]] = tomllib.loads(DEFAULT_TEXTS.read_text(encoding="utf-8"))[
        "occupations"
    ]
    return entries


def test_it_reads_koers_own_texts_without_an_installation_file() -> None:
    plain = PlainLanguage.load()
    text = plain.text(HAIRDRESSER, "nl")
    assert text is not None and text.startswith("Je knipt")
    assert plain.text(HAIRDRESSER, "en") is None


def test_an_installations_text_wins_for_its_occupation_and_the_others_stay(
    tmp_path: Path,
) -> None:
    own = tmp_path / "plain.toml"
    own.write_text(
        f'[[occupations]]\nuri = "{HAIRDRESSER}"\ntext_nl = "Onze eigen tekst. Kort."\n',
        encoding="utf-8",
    )
    plain = PlainLanguage.load(own)
    assert plain.text(HAIRDRESSER, "nl") == "Onze eigen tekst. Kort."
    assert plain.text(COOK, "nl") == PlainLanguage.load().text(COOK, "nl")


def test_koers_ships_a_text_for_each_of_at_least_150_occupations_once() -> None:
    uris = [entry["uri"] for entry in shipped()]
    assert len(uris) >= 150
    assert len(set(uris)) == len(uris)


@pytest.mark.parametrize("entry", shipped(), ids=lambda entry: entry["uri"].rsplit("/", 1)[1])
def test_each_text_is_three_to_five_short_sentences_that_speak_to_you(
    entry: dict[str, str],
) -> None:
    sentences = SENTENCE_END.split(entry["text_nl"].strip())
    assert 3 <= len(sentences) <= 5
    assert all(len(sentence.split()) <= 20 for sentence in sentences)
    assert re.search(r"\b[Jj]e\b", entry["text_nl"])  # B1: the reader is "je"
