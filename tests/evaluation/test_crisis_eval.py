"""The crisis evaluation: figures before and after routes, on the hand-made fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation import evaluate_crisis as ec
from koers.taxonomy import Taxonomy
from koers.taxonomy.closures import ClosedWork
from koers.taxonomy.vitality import VitalityMap
from koers.transitions import TransitionRanker
from tests.taxonomy.test_closures import SMALL


@pytest.fixture(scope="module")
def ranker(mini_taxonomy: Taxonomy) -> TransitionRanker:
    return TransitionRanker().fit(
        mini_taxonomy, vitality=VitalityMap.load(), closed_work=ClosedWork.load(SMALL)
    )


def test_it_counts_closed_origins_and_their_routes_before_and_after(
    ranker: TransitionRanker,
) -> None:
    report = ec.crisis(ranker, ClosedWork.load(SMALL), 20)
    before, after = report["before"], report["after"]
    assert before["origins"] == after["origins"] > 0
    assert after["per_step"]["far"] == 0
    assert after["own_core_shown"] == after["steps_down_shown"] == 0
    assert after["feasible"] == after["shown"] <= before["shown"]
    assert 0 <= after["share_feasible_continuing"] <= 1


def test_the_thresholds_come_from_the_coverage_of_every_top(ranker: TransitionRanker) -> None:
    report = ec.thresholds(ranker, 5)
    assert report["pairs_in_own_unit_group"] + report["pairs_elsewhere"] > 0
    quantiles = list(report["coverage_all"].values())
    assert quantiles == sorted(quantiles)


def test_the_script_prints_a_table(
    imported_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ec.main(["--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "before" in out and "after" in out
    assert ec.main(["--thresholds", "--json"]) == 0
    assert '"coverage_all"' in capsys.readouterr().out
