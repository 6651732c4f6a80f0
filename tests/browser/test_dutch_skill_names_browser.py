"""The Dutch next-steps pages of the seed's occupations speak Dutch about skills (issue 17).

Kapper, kok, verkoper and timmerman, in a real browser, on a knowledge base imported as
``make setup`` imports it: with the labels-only file of Dutch skill names. A skill name in
English (``lang="en"``) inside the results is allowed only where ESCO has no Dutch name.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from koers import knowledge
from koers.taxonomy import Taxonomy, import_esco
from tests.browser.conftest import NewPage
from tests.conftest import mini_inputs, with_skill_labels

pytestmark = pytest.mark.browser

SEED_OCCUPATIONS = {
    "kapper": "099c6bb0-22d3-4c5d-8bf5-70910af381ef",
    "kok": "90f75f67-495d-49fa-ab57-2f320e251d7e",
    "verkoper": "9ba74e8a-c40c-4228-9998-eb3c7a5c11df",
    "timmerman": "2a22ff9e-de3b-408d-b312-5034896cc4f4",
}
# Every skill name inside the results that is marked as English, with its text.
ENGLISH_IN_RESULTS = """() => [...document.querySelectorAll('ol.steps [lang="en"]')]
  .map(e => e.textContent.trim())"""


def _imported(inputs: list[Path], folder: Path) -> Taxonomy:
    taxonomy, _ = import_esco(inputs)
    knowledge.save(taxonomy, folder)
    return taxonomy


@pytest.fixture(scope="module")
def with_dutch_skill_names(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Taxonomy]:
    folder = tmp_path_factory.mktemp("with-dutch-skill-names")
    return folder, _imported(with_skill_labels(), folder)


@pytest.fixture(scope="module")
def without_dutch_skill_names(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Taxonomy]:
    folder = tmp_path_factory.mktemp("without-dutch-skill-names")
    return folder, _imported(mini_inputs(), folder)


def _serve(
    template: tuple[Path, Taxonomy], data_dir: Path, live_server: LiveServer, settings: Settings
) -> Iterator[str]:
    shutil.copytree(template[0], data_dir)
    settings.STORAGES = {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
    knowledge.forget()
    yield live_server.url
    knowledge.forget()


@pytest.fixture
def explorer_in_dutch(
    with_dutch_skill_names: tuple[Path, Taxonomy],
    data_dir: Path,
    live_server: LiveServer,
    settings: Settings,
) -> Iterator[str]:
    yield from _serve(with_dutch_skill_names, data_dir, live_server, settings)


@pytest.fixture
def explorer_without_dutch_skill_names(
    without_dutch_skill_names: tuple[Path, Taxonomy],
    data_dir: Path,
    live_server: LiveServer,
    settings: Settings,
) -> Iterator[str]:
    yield from _serve(without_dutch_skill_names, data_dir, live_server, settings)


def _english_in_results(page_of: NewPage, explorer: str, occupation: str) -> list[str]:
    page = page_of()
    response = page.goto(f"{explorer}/beroep/{occupation}/verder/")
    assert response is not None and response.status == 200
    assert page.locator("ol.steps > li").count() > 0
    names: list[str] = page.evaluate(ENGLISH_IN_RESULTS)
    return names


@pytest.mark.parametrize("occupation", SEED_OCCUPATIONS)
def test_the_dutch_next_steps_show_no_english_skill_name_where_esco_has_a_dutch_one(
    explorer_in_dutch: str,
    with_dutch_skill_names: tuple[Path, Taxonomy],
    new_page: NewPage,
    occupation: str,
) -> None:
    taxonomy = with_dutch_skill_names[1]
    only_english = {
        skill.label("en")
        for skill in taxonomy.skills
        if not ("nl" in skill.texts and skill.texts["nl"].preferred)
    }
    english = _english_in_results(new_page, explorer_in_dutch, SEED_OCCUPATIONS[occupation])
    assert [name for name in english if name not in only_english] == []


def test_without_the_dutch_skill_names_the_same_pages_show_english_ones(
    explorer_without_dutch_skill_names: str, new_page: NewPage
) -> None:
    # The count above means something: the same pages without the labels-only file.
    english = [
        name
        for occupation in SEED_OCCUPATIONS.values()
        for name in _english_in_results(new_page, explorer_without_dutch_skill_names, occupation)
    ]
    assert len(english) > 10
