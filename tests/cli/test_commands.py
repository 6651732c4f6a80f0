"""The ``koers`` command as people and scripts use it."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from koers import config, knowledge
from koers.cli.main import app
from tests.conftest import EN, mini_inputs, with_skill_labels

runner = CliRunner()


def koers(*args: str) -> tuple[int, str, str]:
    knowledge.forget()
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_then_info_as_json(data_dir: Path) -> None:
    code, out, _ = koers("taxonomy", "import", "--json", *map(str, mini_inputs()))
    assert code == 0
    result = json.loads(out)
    assert result["ok"] is True
    assert result["errors"] == []
    assert {"file", "row", "column", "message"} == set(result["warnings"][0])
    code, out, _ = koers("taxonomy", "info", "--json")
    info = json.loads(out)
    assert info["occupations"] == result["counts"]["occupations"]
    assert set(info["labels"]) == {"en", "nl"}
    assert config.snapshot_path().parent.parent == data_dir
    assert config.snapshot_path().exists()


def test_import_takes_a_labels_only_file_and_info_counts_its_dutch_skill_names(
    data_dir: Path,
) -> None:
    code, out, _ = koers("taxonomy", "import", "--json", *map(str, with_skill_labels()))
    assert code == 0
    result = json.loads(out)
    unknown = [w for w in result["warnings"] if w["file"].endswith("skill_labels_nl.csv")]
    assert [(w["row"], w["column"]) for w in unknown] == [(5, "conceptUri")]
    code, out, _ = koers("taxonomy", "info", "--json")
    assert json.loads(out)["labels"]["nl"]["skills"] == 65


def test_a_failed_import_keeps_the_previous_knowledge_base(
    imported_data_dir: Path, tmp_path: Path
) -> None:
    before = config.snapshot_path().read_bytes()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "occupationSkillRelations.csv").write_text("occupationUri,skillUri\n", "utf-8")
    code, out, _ = koers("taxonomy", "import", "--json", str(mini_inputs()[0]), str(broken))
    assert code == 1
    result = json.loads(out)
    assert result["ok"] is False
    assert result["errors"][0]["file"].endswith("occupationSkillRelations.csv")
    assert result["errors"][0]["column"] == "relationType"
    assert config.snapshot_path().read_bytes() == before
    code, out, _ = koers("search", "kapster", "--json")
    assert code == 0 and json.loads(out)["results"]


def test_a_failed_import_tells_people_what_is_wrong(data_dir: Path, tmp_path: Path) -> None:
    code, _, err = koers("taxonomy", "import", str(tmp_path / "nothing.zip"))
    assert code == 1
    assert "nothing.zip" in err
    assert "previous knowledge base is unchanged" in err


def test_strict_turns_warnings_into_errors(data_dir: Path) -> None:
    code, out, _ = koers("taxonomy", "import", "--strict", "--json", *map(str, mini_inputs()))
    assert code == 1
    assert json.loads(out)["errors"]
    assert not config.snapshot_path().exists()


def test_search_prints_json_with_scores_in_order(imported_data_dir: Path) -> None:
    code, out, _ = koers("search", "kapster", "--lang", "nl", "--limit", "3", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["query"] == "kapster"
    scores = [r["score"] for r in result["results"]]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)
    assert set(result["results"][0]) == {"uri", "label", "matched_label", "score"}


def test_batch_search_answers_every_line_in_order(imported_data_dir: Path, tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("kapster\n\nxqzwv\nhairdresser\n", encoding="utf-8")
    code, out, _ = koers("search", "--batch", str(queries), "--lang", "en", "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == ["kapster", "", "xqzwv", "hairdresser"]
    assert lines[1]["results"] == [] and lines[2]["results"] == []
    assert lines[3]["results"][0]["label"] == "hairdresser"


def test_search_for_people_shows_a_table(imported_data_dir: Path) -> None:
    code, out, _ = koers("search", "kapster")
    assert code == 0
    assert "kapper" in out


def test_without_a_knowledge_base_search_says_what_to_do(data_dir: Path) -> None:
    code, _, err = koers("search", "kapster")
    assert code == 1
    assert "koers taxonomy import" in err


def test_every_command_has_help() -> None:
    def walk(group: typer.Typer, path: list[str]) -> list[list[str]]:
        found = [path]
        for info in group.registered_commands:
            found.append([*path, info.name or ""])
        for sub in group.registered_groups:
            assert sub.typer_instance is not None
            found += walk(sub.typer_instance, [*path, sub.name or ""])
        return found

    for command in walk(app, []):
        code, out, _ = koers(*command, "--help")
        assert code == 0, command
        assert "Usage" in out


def test_it_imports_one_package_folder_by_name(data_dir: Path) -> None:
    code, _, err = koers("taxonomy", "import", str(mini_inputs()[0]))
    assert code == 1
    assert f"{EN}: no base: none of the inputs holds occupationSkillRelations.csv" in err


def test_serve_without_a_knowledge_base_exits_with_a_clear_message(data_dir: Path) -> None:
    code, _, err = koers("serve", "--port", "8799")
    assert code == 1
    assert "koers taxonomy import" in err
