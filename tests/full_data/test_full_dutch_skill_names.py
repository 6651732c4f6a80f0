"""The Dutch next-steps pages of the seed's occupations on the full data (issue 17, done when).

Kapper, kok, verkoper and timmerman, rendered as the explorer serves them, from the full
knowledge base as ``make setup`` imports it: a skill name inside the results shows in English
(``lang="en"``) only where ESCO has no Dutch name for that skill.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client as Browser
from pytest_django.fixtures import Settings

from koers import knowledge
from koers.taxonomy import Taxonomy
from tests.full_data.conftest import NEEDS_FULL_DATA

pytestmark = NEEDS_FULL_DATA

SEED_OCCUPATIONS = {
    "kapper": "099c6bb0-22d3-4c5d-8bf5-70910af381ef",
    "kok": "90f75f67-495d-49fa-ab57-2f320e251d7e",
    "verkoper": "9ba74e8a-c40c-4228-9998-eb3c7a5c11df",
    "timmerman": "2a22ff9e-de3b-408d-b312-5034896cc4f4",
}


@pytest.fixture(scope="module")
def full_data_dir(full_taxonomy: Taxonomy, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the full import, its search index and transition features."""
    folder = tmp_path_factory.mktemp("full-data")
    knowledge.save(full_taxonomy, folder)
    return folder


@pytest.fixture
def explorer(
    full_data_dir: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> Iterator[Browser]:
    monkeypatch.setenv("KOERS_DATA_DIR", str(full_data_dir))
    # The pages link the static files by name; no collectstatic manifest is needed here.
    settings.STORAGES = {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
    knowledge.forget()
    yield Browser()
    knowledge.forget()


def _results(browser: Browser, occupation: str) -> str:
    response = browser.get(f"/beroep/{occupation}/verder/")
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('<ol class="steps">')
    return page[start : page.index("</ol>", start)]


@pytest.mark.parametrize("occupation", SEED_OCCUPATIONS)
def test_the_dutch_next_steps_show_no_english_skill_name_where_esco_has_a_dutch_one(
    explorer: Browser, full_taxonomy: Taxonomy, occupation: str
) -> None:
    results = _results(explorer, SEED_OCCUPATIONS[occupation])
    assert results.count("<li>") > 10
    english = [
        html.unescape(name) for name in re.findall(r'<span lang="en">([^<]*)</span>', results)
    ]
    dutch = re.findall(r'<span lang="nl">([^<]*)</span>', results)
    only_english = {
        skill.label("en")
        for skill in full_taxonomy.skills
        if not ("nl" in skill.texts and skill.texts["nl"].preferred)
    }
    assert [name for name in english if name not in only_english] == []
    assert len(dutch) > 20 * len(english)
