"""Koers's B1 texts name occupations that exist in the full ESCO data; skipped without it."""

from __future__ import annotations

import csv
import re

from koers.taxonomy.plain_language import DEFAULT_TEXTS
from tests.full_data.conftest import ESCO, NEEDS_FULL_DATA

pytestmark = NEEDS_FULL_DATA
URI_LINE = re.compile(r'^uri = "([^"]+)"  # (.+)$', re.MULTILINE)


def test_every_occupation_with_a_b1_text_is_in_esco_under_the_label_its_comment_gives() -> None:
    assert ESCO is not None
    with (ESCO / "esco-v1.2.1-nl-richting" / "occupations_nl.csv").open(encoding="utf-8") as f:
        dutch = {row["conceptUri"]: row["preferredLabel"] for row in csv.DictReader(f)}
    named = URI_LINE.findall(DEFAULT_TEXTS.read_text(encoding="utf-8"))
    assert len(named) >= 150
    assert [(uri, label) for uri, label in named if dutch.get(uri) != label] == []
