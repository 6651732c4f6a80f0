"""The demo catalogue teaches the skills its titles promise: "Nederlands op de werkvloer" teaches
Dutch, not agricultural equipment (issue 19, part 5)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from koers import knowledge
from koers.web.training.demo.catalogue import COURSES, ESCO, make_courses
from tests.conftest import MINI, esco_dir

DUTCH = ESCO + "cad4f44b-28a8-4448-86e5-7389e5ebf3eb"
CURATED = {ESCO + uri: label for course in COURSES for uri, label in course.skills}
FULL_SKILLS = "ESCO dataset - v1.1.1 - classification - en - csv.zip"


def english_labels(rows: io.TextIOBase) -> dict[str, str]:
    return {row["conceptUri"]: row["preferredLabel"] for row in csv.DictReader(rows)}


def test_it_names_each_curated_skill_by_its_label_in_the_small_fixture() -> None:
    path = MINI / "ESCO dataset - v1.1.1 - classification - en - csv" / "skills_en.csv"
    with path.open(encoding="utf-8") as rows:
        labels = english_labels(rows)
    found = {uri: label for uri, label in CURATED.items() if uri in labels}
    assert len(found) >= 30
    assert {uri: labels[uri] for uri in found} == found


@pytest.mark.skipif(esco_dir() is None, reason="full ESCO data not found (KOERS_ESCO_DIR)")
def test_it_names_each_curated_skill_by_its_label_in_the_full_data() -> None:
    folder = esco_dir()
    assert folder is not None
    with zipfile.ZipFile(Path(folder, "esco-v1.1.1-en-tabiya", FULL_SKILLS)) as package:
        name = next(name for name in package.namelist() if name.endswith("skills_en.csv"))
        with package.open(name) as raw:
            labels = english_labels(io.TextIOWrapper(raw, encoding="utf-8"))
    assert {uri: labels.get(uri) for uri in CURATED} == CURATED


@pytest.mark.django_db
@pytest.mark.usefixtures("explorer_knowledge")
def test_it_pairs_each_demo_course_with_the_skills_its_title_promises() -> None:
    courses = {course.title: course for course, _scheme in make_courses()}
    taxonomy = knowledge.taxonomy()
    label = {skill.uri: skill.label("en") for skill in taxonomy.skills}

    dutch = courses["Nederlands op de werkvloer (NT2, niveau B1)"]
    # Before: whatever the best transition of all missed (agricultural equipment, say).
    assert dutch.skills == [DUTCH] and label[DUTCH] == "Dutch"
    for spec in COURSES:
        taught = courses[spec.title].skills
        assert set(taught) <= {ESCO + uri for uri, _label in spec.skills}
        assert all(label[uri] == CURATED[uri] for uri in taught)
