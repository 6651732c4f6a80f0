"""Sandra reads her next steps in Dutch, and Anna and Bram see Dutch skill names too (issue 17).

With the labels-only file of Dutch skill names imported (as ``make setup`` does), a skill
shows in English only where ESCO has no Dutch name for it, and is then marked ``lang="en"``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client as Browser
from django.urls import reverse

from koers import knowledge
from koers.taxonomy import import_esco
from koers.web.clients.models import Traject
from tests.conftest import with_skill_labels
from tests.web.conftest import People
from tests.web.test_training_pages import best_step

ESCO = "http://data.europa.eu/esco/occupation/"
COOK = ESCO + "90f75f67-495d-49fa-ab57-2f320e251d7e"
HAIRDRESSER = ESCO + "099c6bb0-22d3-4c5d-8bf5-70910af381ef"
NURSE = ESCO + "8d3e8aaa-791b-4c75-a465-f3f827028f50"
SALES_ASSISTANT = ESCO + "9ba74e8a-c40c-4228-9998-eb3c7a5c11df"
# The one linked skill of the fixtures that ESCO has no Dutch name for.
NO_DUTCH_NAME = "operate cash point"


@pytest.fixture(scope="module")
def labelled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("labelled-data")
    taxonomy, _ = import_esco(with_skill_labels())
    knowledge.save(taxonomy, path)
    return path


@pytest.fixture(autouse=True)
def explorer_knowledge(data_dir: Path, labelled_template: Path) -> Iterator[Path]:
    """The knowledge base with the Dutch skill names, in place of the plain fixtures."""
    shutil.copytree(labelled_template, data_dir)
    knowledge.forget()
    yield data_dir
    knowledge.forget()


def english_names(html: str) -> set[str]:
    return set(re.findall(r'<span lang="en">([^<]*)</span>', html))


def dutch_names(html: str) -> set[str]:
    return set(re.findall(r'<span lang="nl">([^<]*)</span>', html))


def get(client: Browser, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("origin", [HAIRDRESSER, COOK])
def test_sandras_next_steps_name_skills_in_dutch(client: Browser, origin: str) -> None:
    html = get(client, f"/beroep/{origin.removeprefix(ESCO)}/verder/")
    assert english_names(html) <= {NO_DUTCH_NAME}
    assert dutch_names(html)


def test_the_learning_plan_of_a_step_names_skills_in_dutch(client: Browser) -> None:
    html = get(client, f"/beroep/{COOK.removeprefix(ESCO)}/naar/{NURSE.removeprefix(ESCO)}/")
    assert english_names(html) <= {NO_DUTCH_NAME}
    assert "persoonsgerichte zorg toepassen" in dutch_names(html)


def test_a_skill_without_a_dutch_name_shows_in_english_and_is_marked(client: Browser) -> None:
    target = SALES_ASSISTANT.removeprefix(ESCO)
    html = get(client, f"/beroep/{COOK.removeprefix(ESCO)}/naar/{target}/")
    assert english_names(html) == {NO_DUTCH_NAME}


@pytest.mark.django_db
def test_annas_learning_plan_for_sandra_names_skills_in_dutch(
    people: People, client: Browser, traject: Traject
) -> None:
    client.force_login(people.anna)
    html = get(client, reverse("training:plan", args=[traject.client.pk, best_step()]))
    assert english_names(html) <= {NO_DUTCH_NAME}
    assert dutch_names(html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "shown"),
    [("haar verven", '<span lang="nl">haar verven</span>'), (NO_DUTCH_NAME, NO_DUTCH_NAME)],
)
def test_bram_finds_skills_for_a_course_by_their_dutch_name(
    people: People, client: Browser, query: str, shown: str
) -> None:
    client.force_login(people.bram)
    html = client.get(
        reverse("training:skill_search"), {"skill_query": query}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert shown in html
    if query == NO_DUTCH_NAME:
        assert NO_DUTCH_NAME in english_names(html)


def test_the_accessibility_statement_says_only_a_few_skill_names_are_in_english(
    client: Browser,
) -> None:
    html = get(client, "/toegankelijkheid/")
    assert "Een paar namen van vaardigheden bestaan alleen in het Engels" in html
    assert "Veel namen van vaardigheden" not in html
