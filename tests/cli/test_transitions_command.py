"""``koers occupation``, ``koers transitions`` and ``koers gap`` as people and scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_commands import koers
from tests.transitions.test_ranker import BARBER, COOK, HAIRDRESSER, NURSE


def test_occupation_as_json_has_the_documented_fields(imported_data_dir: Path) -> None:
    code, out, _ = koers("occupation", HAIRDRESSER, "--lang", "nl", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {
        "uri",
        "code",
        "label",
        "alt_labels",
        "description",
        "isco_group",
        "nace_codes",
        "vitality",
        "essential_skills",
        "optional_skills",
    }
    assert data["label"] == "kapper"
    assert data["isco_group"]["code"] == "5141"
    assert set(data["vitality"]) == {"class", "group", "reason", "source"}
    assert data["essential_skills"] and {"uri", "label"} == set(data["essential_skills"][0])


def test_occupation_by_title(imported_data_dir: Path) -> None:
    code, out, _ = koers("occupation", "kapster", "--json")
    assert code == 0
    assert json.loads(out)["uri"] == HAIRDRESSER


def test_an_unknown_origin_is_a_clear_error(imported_data_dir: Path) -> None:
    code, _, err = koers("transitions", "http://data.europa.eu/esco/occupation/nope")
    assert code == 1
    assert "unknown occupation" in err


def test_transitions_as_json(imported_data_dir: Path) -> None:
    code, out, _ = koers("transitions", HAIRDRESSER, "--limit", "3", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["origin"]["uri"] == HAIRDRESSER
    first = data["transitions"][0]
    assert first["uri"] == BARBER
    assert first["vital"] in {"crucial", "secondary", "none"}
    assert {"score", "essential_coverage", "shared_skills", "missing_essential"} <= set(first)


def test_transitions_with_a_skill_that_does_not_exist_say_so(imported_data_dir: Path) -> None:
    code, _, err = koers("transitions", COOK, "--have", "flying a spaceship")
    assert code == 1
    assert "flying a spaceship" in err


def test_transitions_for_people_show_a_table(imported_data_dir: Path) -> None:
    code, out, _ = koers("transitions", "kok", "--limit", "5", "--vital-only")
    assert code == 0
    assert "kok" in out


def test_batch_answers_every_origin_and_fails_at_the_end_on_unknown_ones(
    imported_data_dir: Path, tmp_path: Path
) -> None:
    origins = tmp_path / "origins.txt"
    origins.write_text(f"{COOK}\nhttp://data.europa.eu/esco/occupation/nope\n{NURSE}\n", "utf-8")
    code, out, _ = koers(
        "transitions", "--batch", str(origins), "--limit", "5", "--json", "--plain"
    )
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["origin"] for line in lines] == [
        COOK,
        "http://data.europa.eu/esco/occupation/nope",
        NURSE,
    ]
    assert len(lines[0]["transitions"]) == 5
    assert set(lines[0]["transitions"][0]) == {
        "uri",
        "label",
        "score",
        "essential_coverage",
        "vital",
        "step",
        "continues",
    }
    assert lines[1]["error"] and lines[1]["transitions"] == []


def test_gap_is_a_learning_plan(imported_data_dir: Path) -> None:
    code, out, _ = koers("gap", COOK, NURSE, "--json")
    assert code == 0
    plan = json.loads(out)
    assert plan["step"] in {"small", "big", "far"} and plan["continues"] is True
    assert plan["steps"]
    assert plan["steps"][0]["skills"][0]["essential"] is True
    missing = sum(s["essential"] for step in plan["steps"] for s in step["skills"])
    assert plan["essential_known"] == plan["essential_total"] - missing
    code, out, _ = koers("gap", "kok", NURSE)
    assert code == 0
    assert "algemeen verpleegkundige" in out
    said = " ".join(out.split())
    assert f"you already know {plan['essential_known']} of the {plan['essential_total']}" in said


def test_import_with_onet_and_rank_without_it(data_dir: Path, tmp_path: Path) -> None:
    from koers.taxonomy import import_esco
    from tests.conftest import mini_inputs
    from tests.taxonomy.test_onet import write_onet

    taxonomy, _ = import_esco(mini_inputs())
    onet = write_onet(tmp_path / "onet", taxonomy)
    code, out, _ = koers(
        "taxonomy", "import", "--json", *map(str, mini_inputs()), "--onet", str(onet)
    )
    assert code == 0
    assert json.loads(out)["counts"]["onet"] is True
    code, out, _ = koers("transitions", COOK, "--json", "--limit", "3")
    assert "onet_activities" in json.loads(out)["transitions"][0]["signals"]
    code, out, _ = koers("transitions", COOK, "--json", "--limit", "3", "--without-onet")
    assert "onet_activities" not in json.loads(out)["transitions"][0]["signals"]


def test_transitions_of_a_person_who_held_two_jobs(imported_data_dir: Path) -> None:
    code, out, _ = koers("transitions", COOK, "--held", BARBER, "--limit", "100", "--json")
    assert code == 0
    listed = [t["uri"] for t in json.loads(out)["transitions"]]
    assert BARBER not in listed and COOK not in listed
    code, _, err = koers("transitions", COOK, "--held", "http://data.europa.eu/esco/occupation/x")
    assert code == 1
    assert "occupation/x" in err


def test_transitions_say_each_step_and_whether_the_work_went_on(imported_data_dir: Path) -> None:
    code, out, _ = koers("transitions", HAIRDRESSER, "--limit", "100", "--json")
    assert code == 0
    routes = json.loads(out)["transitions"]
    assert routes
    assert {t["step"] for t in routes} <= {"small", "big"}
    assert all(isinstance(t["continues"], bool) for t in routes)
    order = [({"small": 0, "big": 1}[t["step"]], not t["continues"], -t["score"]) for t in routes]
    assert order == sorted(order)


def test_far_steps_only_when_asked_for(imported_data_dir: Path) -> None:
    code, out, _ = koers("transitions", COOK, "--limit", "100", "--json", "--steps", "far")
    assert code == 0
    far = json.loads(out)["transitions"]
    assert far and {t["step"] for t in far} == {"far"}
    code, out, _ = koers(
        "transitions", COOK, "--limit", "100", "--json", "--steps", "small, big,far"
    )
    everything = {t["uri"] for t in json.loads(out)["transitions"]}
    assert {t["uri"] for t in far} <= everything


def test_the_plain_ranking_lists_every_step_best_score_first(imported_data_dir: Path) -> None:
    code, out, _ = koers("transitions", COOK, "--limit", "100", "--json", "--plain")
    assert code == 0
    listed = json.loads(out)["transitions"]
    scores = [t["score"] for t in listed]
    assert scores == sorted(scores, reverse=True)
    code, out, _ = koers("transitions", COOK, "--limit", "100", "--json")
    assert len(json.loads(out)["transitions"]) < len(listed)


def test_a_step_down_in_the_own_trade_only_when_asked_for(imported_data_dir: Path) -> None:
    code, out, _ = koers(
        "transitions", COOK, "--limit", "100", "--json", "--steps", "small,big,far"
    )
    guarded = {t["uri"] for t in json.loads(out)["transitions"]}
    code, out, _ = koers(
        "transitions", COOK, "--limit", "100", "--json", "--steps", "small,big,far", "--step-down"
    )
    assert code == 0
    assert guarded <= {t["uri"] for t in json.loads(out)["transitions"]}


def test_the_table_shows_the_step_and_closed_work(imported_data_dir: Path) -> None:
    code, out, _ = koers("transitions", "kapper", "--limit", "10", "--steps", "small,big,far")
    assert code == 0
    assert "step" in out and ("small" in out or "big" in out or "far" in out)
    assert "went on" in out


def test_unknown_steps_and_plain_with_steps_are_usage_errors(imported_data_dir: Path) -> None:
    code, _, err = koers("transitions", COOK, "--steps", "small,huge")
    assert code == 2
    assert "unknown step 'huge'" in err
    code, _, err = koers("transitions", COOK, "--steps", " , ")
    assert code == 2
    assert "name at least one" in err
    code, _, err = koers("transitions", COOK, "--plain", "--steps", "far")
    assert code == 2
    assert "--plain shows every step" in err


def test_crucial_only_keeps_the_work_on_the_list(imported_data_dir: Path) -> None:
    code, out, _ = koers("transitions", COOK, "--limit", "100", "--json", "--crucial-only")
    assert code == 0
    assert {t["vital"] for t in json.loads(out)["transitions"]} <= {"crucial"}


def test_the_help_gives_an_example_of_routes() -> None:
    code, out, _ = koers("transitions", "--help")
    assert code == 0
    assert "--steps" in out and "--step-down" in out and "--plain" in out
    assert 'koers transitions "kapper" --steps small,big' in out


def test_a_broken_closed_work_list_is_named(
    imported_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "closed.toml"
    broken.write_text('[[groups]]\nid = "horeca"\n', encoding="utf-8")
    monkeypatch.setenv("KOERS_CLOSED_WORK_FILE", str(broken))
    code, _, err = koers("transitions", COOK)
    assert code == 1
    assert "cannot read the closed-work list" in err
    assert f"{broken}: groups[0].source: missing or empty" in err.replace("\n", "")
