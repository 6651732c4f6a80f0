"""``koers vitality validate | summary`` as people and scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from koers import knowledge
from koers.cli.vitality import app
from koers.taxonomy import Taxonomy, save_snapshot
from koers.taxonomy.snapshot import SNAPSHOT_NAME
from koers.taxonomy.vitality import ENV_VARIABLE
from tests.taxonomy.test_vitality import (
    CAREER_ADVISOR,
    COOK,
    HAIRDRESSER,
    MAPPING,
    NURSE,
    example,
)

runner = CliRunner()


def vitality(*args: str) -> tuple[int, str, str]:
    knowledge.forget()
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def imported(data_dir: Path, mini_taxonomy: Taxonomy) -> Path:
    """A KOERS_DATA_DIR holding the knowledge base of the mini fixtures."""
    save_snapshot(mini_taxonomy, data_dir / SNAPSHOT_NAME)
    return data_dir


@pytest.fixture
def mapping_file(tmp_path: Path) -> Path:
    path = tmp_path / "vitality.toml"
    path.write_text(MAPPING, encoding="utf-8")
    return path


def test_it_validates_a_good_file_and_counts_the_occupations(
    imported: Path, mapping_file: Path
) -> None:
    code, out, err = vitality("validate", str(mapping_file))
    assert code == 0, err
    assert "is valid" in out
    assert "Openbaar vervoer" in out  # the table shows Dutch group names
    assert "guidance" in out


def test_it_validates_as_json(imported: Path, mapping_file: Path) -> None:
    code, out, _ = vitality("validate", str(mapping_file), "--json")
    assert code == 0
    result = json.loads(out)
    assert result["ok"] is True
    assert result["checked_against_knowledge_base"] is True
    assert result["problems"] == []
    assert result["summary"]["classes"] == {"crucial": 3, "secondary": 1, "none": 19}


def test_it_lists_the_problems_and_exits_with_1(
    imported: Path, mapping_file: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(
        MAPPING.replace('isco = ["8331"]', 'isco = ["8331", "83"]').replace(
            'source = "own"', 'source = "nowhere"'
        ),
        encoding="utf-8",
    )
    code, out, err = vitality("validate", str(broken))
    assert code == 1
    assert "isco '83' is already claimed by group 'transport'" in err
    assert "source 'nowhere'" in err
    assert "2 problem(s)" in err
    assert "is valid" not in out
    code, out, _ = vitality("validate", str(broken), "--json")
    assert code == 1
    result = json.loads(out)
    assert result["ok"] is False and len(result["problems"]) == 2
    assert result["summary"] is None


def test_it_lists_the_examples_with_the_class_the_mapping_gives_them(
    imported: Path, tmp_path: Path
) -> None:
    path = tmp_path / "vitality.toml"
    extra = example(HAIRDRESSER, note="seed post: kapper") + example(COOK, note="seed post: kok")
    extra += example(CAREER_ADVISOR, "secondary", "guidance", note="seed posts")
    path.write_text(MAPPING + extra, encoding="utf-8")
    code, out, err = vitality("validate", str(path))
    assert code == 0, err
    assert "Examples" in out and "seed post: kapper" in out and "is valid" in out
    code, out, _ = vitality("validate", str(path), "--json")
    result = json.loads(out)
    assert [(e["label"], e["vitality"]["class"], e["ok"]) for e in result["examples"]] == [
        ("kapper", "none", True),
        ("kok", "none", True),
        ("loopbaanadviseur", "secondary", True),
    ]


def test_it_fails_when_the_mapping_gets_an_example_wrong(imported: Path, tmp_path: Path) -> None:
    path = tmp_path / "vitality.toml"
    path.write_text(MAPPING + example(NURSE, note="a nurse is not crucial?"), encoding="utf-8")
    code, out, err = vitality("validate", str(path))
    assert code == 1
    assert "'algemeen verpleegkundige' (2221.2) is crucial in 'care', expected none" in err
    assert "is valid" not in out


def test_it_names_the_entry_of_a_malformed_file(imported: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(MAPPING.replace('reason_en = "Buses', 'reson_en = "Buses'), "utf-8")
    code, _, err = vitality("validate", str(broken))
    assert code == 1
    assert "groups[2].reson_en: unknown field" in err


def test_it_checks_the_file_alone_without_a_knowledge_base(
    data_dir: Path, mapping_file: Path
) -> None:
    code, out, err = vitality("validate", str(mapping_file))
    assert code == 0
    assert "No knowledge base" in err
    assert "is valid" in out
    code, out, _ = vitality("validate", str(mapping_file), "--json")
    assert json.loads(out)["checked_against_knowledge_base"] is False


def test_it_validates_the_file_in_the_environment_by_default(
    imported: Path, mapping_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VARIABLE, str(mapping_file))
    code, out, _ = vitality("validate", "--json")
    assert code == 0
    assert json.loads(out)["path"] == str(mapping_file)


def test_it_finds_mini_problems_in_the_shipped_file(
    imported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    code, out, _ = vitality("validate", "--json")
    assert code == 1  # the mini knowledge base lacks most ISCO groups and occupations
    assert json.loads(out)["path"].endswith("vitality.toml")


def test_it_summarises_per_class_and_group(
    imported: Path, mapping_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VARIABLE, str(mapping_file))
    code, out, _ = vitality("summary", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["classes"] == {"crucial": 3, "secondary": 1, "none": 19}
    assert [g["id"] for g in result["groups"]] == ["care", "transport", "bus", "guidance"]
    code, out, _ = vitality("summary", "--lang", "en")
    assert code == 0
    assert "Public transport" in out and "Openbaar vervoer" not in out


def test_the_summary_of_the_shipped_file_covers_every_mini_occupation(
    imported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    code, out, _ = vitality("summary", "--json")
    assert code == 0
    result = json.loads(out)
    assert sum(result["classes"].values()) == result["occupations"] == 23


def test_the_summary_needs_a_knowledge_base(data_dir: Path) -> None:
    code, _, err = vitality("summary")
    assert code == 1
    assert "koers taxonomy import" in err


def test_every_command_has_help_with_an_example() -> None:
    for command in ("validate", "summary"):
        code, out, _ = vitality(command, "--help")
        assert code == 0
        assert "Example: koers vitality" in out
