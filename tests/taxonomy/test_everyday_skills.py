"""The everyday things a person can also do ("Wat kun je nog meer?"), each as ESCO skills."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from koers.taxonomy.everyday_skills import (
    BITS,
    SKILL_URI_PREFIX,
    EverydaySkills,
    EverydaySkillsError,
    shipped,
)

COMPUTER_LITERACY = SKILL_URI_PREFIX + "d15ce60f-ddab-41ce-ba56-398451b77b60"


def entry(**changes: Any) -> dict[str, Any]:
    return {
        "key": "computer",
        "bit": 0,
        "nl": "Werken met de computer",
        "en": "Working with a computer",
        "reason": "Everyday office work.",
        "uris": [COMPUTER_LITERACY],
    } | changes


def test_the_shipped_list_has_a_short_list_in_plain_words() -> None:
    things = shipped().skills
    assert 8 <= len(things) <= 12
    computer = shipped().get("computer")
    assert computer is not None
    assert computer.label("nl").startswith("Werken met de computer")
    assert computer.label("en").startswith("Working with a computer")
    assert COMPUTER_LITERACY in computer.uris
    assert all(thing.reason and thing.uris for thing in things)


def test_every_thing_keeps_its_own_key_and_bit() -> None:
    things = shipped().skills
    assert len({thing.key for thing in things}) == len(things)
    assert len({thing.bit for thing in things}) == len(things)
    assert all(0 <= thing.bit < BITS for thing in things)
    assert all(shipped().by_bit(thing.bit) == thing for thing in things)


def test_it_gives_the_skills_of_the_ticked_things_once_in_list_order() -> None:
    things = EverydaySkills.from_dict(
        {
            "skills": [
                entry(key="computer", uris=[COMPUTER_LITERACY, SKILL_URI_PREFIX + "a"]),
                entry(key="plannen", bit=1, uris=[SKILL_URI_PREFIX + "b", COMPUTER_LITERACY]),
            ]
        }
    )
    assert things.chosen(["plannen", "unknown", "computer", "plannen"]) == ("computer", "plannen")
    assert things.uris_of(["plannen", "computer"]) == (
        COMPUTER_LITERACY,
        SKILL_URI_PREFIX + "a",
        SKILL_URI_PREFIX + "b",
    )
    assert things.uris_of([]) == ()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"key": "Computer"}, r"skills\[0\].key: 'Computer' is not 2 to 20 lower-case letters"),
        ({"bit": 20}, r"skills\[0\].bit: expected a whole number from 0 to 19"),
        ({"bit": True}, r"skills\[0\].bit"),
        ({"nl": " "}, r"skills\[0\].nl: missing or empty"),
        ({"uris": []}, r"skills\[0\].uris: expected a list of ESCO skill URIs"),
        ({"uris": ["http://data.europa.eu/esco/occupation/x"]}, r"is not an ESCO skill URI"),
        ({"colour": "red"}, r"skills\[0\].colour: unknown field"),
    ],
)
def test_a_wrong_entry_is_named_with_its_field(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(EverydaySkillsError, match=message):
        EverydaySkills.from_dict({"skills": [entry(**changes)]}, "list.toml")


@pytest.mark.parametrize("field", ["key", "bit"])
def test_a_key_or_bit_used_twice_is_refused(field: str) -> None:
    other = entry(key="plannen", bit=1) | {field: entry()[field]}
    with pytest.raises(EverydaySkillsError, match=rf"skills\[1\].{field}: .* is used twice"):
        EverydaySkills.from_dict({"skills": [entry(), other]})


def test_a_file_that_is_not_toml_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "list.toml"
    broken.write_text("[[skills]\n", encoding="utf-8")
    with pytest.raises(EverydaySkillsError, match=r"list\.toml: not valid TOML"):
        EverydaySkills.load(broken)
    with pytest.raises(EverydaySkillsError, match="cannot read the list"):
        EverydaySkills.load(tmp_path / "missing.toml")
