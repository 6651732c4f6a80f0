"""The Dutch copy is plain language (B1), and the compiled catalogue matches its source."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CATALOGUE = Path(__file__).parents[2] / "src/koers/web/locale/nl/LC_MESSAGES/django.po"
# B1: short sentences. Longer ones are hard to read for many of the people Koers is for.
MAX_WORDS = 20


def translations() -> list[str]:
    text = CATALOGUE.read_text(encoding="utf-8")
    found = re.findall(r'^msgstr(?:\[\d\])? "(.+)"$', text, flags=re.M)
    return [t for t in found if not t.startswith(("Project-Id", "Language", "Content-"))]


def test_every_dutch_sentence_is_short() -> None:
    long = [
        sentence
        for text in translations()
        for sentence in re.split(r"(?<=[.!?])\s+", text)
        if len(sentence.split()) > MAX_WORDS
    ]
    assert long == []


def test_every_message_is_translated() -> None:
    text = CATALOGUE.read_text(encoding="utf-8")
    # An empty msgstr is one without continuation lines ("..." on the next line).
    empty = re.findall(r'^msgid "(.+)"\nmsgstr ""\n(?!")', text, flags=re.M)
    assert empty == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
def test_the_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(CATALOGUE)], check=True)
    assert compiled.read_bytes() == CATALOGUE.with_suffix(".mo").read_bytes()


def test_no_translation_is_left_fuzzy() -> None:
    """msgfmt skips fuzzy entries: people would see the English text."""
    assert "#, fuzzy" not in CATALOGUE.read_text(encoding="utf-8")
