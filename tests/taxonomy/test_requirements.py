from __future__ import annotations

from pathlib import Path

import pytest

from koers.taxonomy import Occupation, Taxonomy
from koers.taxonomy.requirements import RequirementList


def by_label(taxonomy: Taxonomy, label: str) -> Occupation:
    return next(o for o in taxonomy.occupations if o.label("en") == label)


def test_a_nurse_needs_the_big_register(mini_taxonomy: Taxonomy) -> None:
    found = RequirementList.load().of(by_label(mini_taxonomy, "nurse responsible for general care"))
    assert found is not None
    assert "BIG-register" in found.text("nl")
    assert "BIG register" in found.text("en")


def test_work_nobody_listed_has_no_requirement(mini_taxonomy: Taxonomy) -> None:
    assert RequirementList.load().of(by_label(mini_taxonomy, "software developer")) is None


def test_an_organisation_can_use_its_own_list(mini_taxonomy: Taxonomy, tmp_path: Path) -> None:
    own = tmp_path / "own.toml"
    own.write_text('[[requirements]]\nisco = ["2512"]\nnl = "Een portfolio."\n', "utf-8")
    found = RequirementList.load(own).of(by_label(mini_taxonomy, "software developer"))
    assert found is not None and found.text("nl") == "Een portfolio."


def test_an_entry_without_codes_is_a_clear_error(tmp_path: Path) -> None:
    own = tmp_path / "own.toml"
    own.write_text('[[requirements]]\nnl = "Iets."\n', "utf-8")
    with pytest.raises(ValueError, match=r"requirements\[0\]"):
        RequirementList.load(own)
