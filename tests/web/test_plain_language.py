"""An installation's own plain-language texts and synonyms."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from koers import knowledge
from tests.transitions.test_ranker import HAIRDRESSER

ESCO = "http://data.europa.eu/esco/occupation/"


@pytest.fixture
def plain_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "plain.toml"
    path.write_text(
        "[[occupations]]\n"
        f'uri = "{HAIRDRESSER}"\n'
        'text_nl = "Je knipt en kleurt haar. Je praat veel met klanten."\n'
        'synonyms_nl = ["haarkunstenaar"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KOERS_PLAIN_LANGUAGE_FILE", str(path))
    knowledge.forget()
    return path


def test_the_installations_own_text_replaces_the_esco_text(
    client: Client, plain_file: Path
) -> None:
    html = client.get(f"/beroep/{HAIRDRESSER.removeprefix(ESCO)}/").content.decode()
    assert "Je knipt en kleurt haar." in html
    assert "Meer lezen" in html  # the ESCO text is still there, folded


def test_a_synonym_puts_its_occupation_first(client: Client, plain_file: Path) -> None:
    html = client.get("/?q=haarkunstenaar").content.decode()
    first = html.split('<ul class="choices">', 1)[1]
    assert first.lstrip().startswith(f'<li><a href="/beroep/{HAIRDRESSER.removeprefix(ESCO)}/">')


def test_a_bad_entry_is_a_clear_error(tmp_path: Path) -> None:
    from koers.taxonomy.plain_language import PlainLanguage

    path = tmp_path / "plain.toml"
    path.write_text('[[occupations]]\nuri = "kapper"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"occupations\[0\]"):
        PlainLanguage.load(path)


def test_it_shows_koers_own_b1_text_for_kapper_without_an_installation_file(
    client: Client,
) -> None:
    html = client.get(f"/beroep/{HAIRDRESSER.removeprefix(ESCO)}/").content.decode()
    lead = html.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert lead == knowledge.plain_language().text(HAIRDRESSER, "nl")
    assert lead.startswith("Je knipt")
    assert "Meer lezen" in html  # ESCO's own description is still there, folded


def test_the_english_page_keeps_esco_s_description_when_there_is_no_english_text(
    client: Client,
) -> None:
    html = client.get(f"/en/beroep/{HAIRDRESSER.removeprefix(ESCO)}/").content.decode()
    lead = html.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert not lead.startswith("Je ")
