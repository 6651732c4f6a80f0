"""O*NET data mapped onto ESCO occupations: read, stored, used, and kept apart from evaluation."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from koers.taxonomy import EscoImportError, Taxonomy, load_snapshot, save_snapshot
from koers.taxonomy.onet import attach_onet
from koers.taxonomy.vitality import VitalityMap
from koers.transitions import TransitionQuery, TransitionRanker

HEADER = "O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\tData Value\n"


def write_onet(folder: Path, taxonomy: Taxonomy) -> Path:
    """A tiny O*NET folder: two SOC codes, ratings, zones, activities, crosswalk."""
    folder.mkdir()
    first, second = taxonomy.occupations[0], taxonomy.occupations[1]
    (folder / "crosswalk.csv").write_text(
        "ESCO/ISCO Code,ESCO/ISCO Title,O*NET-SOC 2019 Code,O*NET-SOC 2019 Title\n"
        f"{first.code},{first.label()},11-1011.00,A\n"
        f"{second.code},{second.label()},11-1011.00,A\n"
        f"{second.code},{second.label()},13-2011.00,B\n"
        "2654,an ISCO group,13-2011.00,B\n",
        encoding="utf-8",
    )
    rows = [
        "11-1011.00\tA\t2.A.1.a\tReading\tIM\tImportance\t4.0",
        "11-1011.00\tA\t2.A.1.a\tReading\tLV\tLevel\t6.0",
        "13-2011.00\tB\t2.A.1.a\tReading\tIM\tImportance\t2.0",
    ]
    with gzip.open(folder / "Skills.tsv.gz", "wt", encoding="utf-8") as handle:
        handle.write(HEADER + "\n".join(rows) + "\n")
    (folder / "Job Zones.txt").write_text(
        "O*NET-SOC Code\tJob Zone\n11-1011.00\t2\n13-2011.00\t4\n", encoding="utf-8"
    )
    (folder / "Tasks to DWAs.txt").write_text(
        "O*NET-SOC Code\tTask ID\tDWA ID\n11-1011.00\t1\tD1\n13-2011.00\t2\tD2\n",
        encoding="utf-8",
    )
    (folder / "Related Occupations.txt").write_text("not read\n", encoding="utf-8")
    return folder


def test_it_maps_onet_onto_esco_through_the_crosswalk(
    mini_taxonomy: Taxonomy, tmp_path: Path
) -> None:
    taxonomy, _ = attach_onet(mini_taxonomy, [write_onet(tmp_path / "onet", mini_taxonomy)])
    onet = taxonomy.onet
    assert onet is not None
    assert onet.mapped.tolist()[:3] == [True, True, False]
    assert onet.elements == ["Skills: Reading"]
    assert onet.ratings[0, 0] == pytest.approx(4.0)
    assert onet.ratings[1, 0] == pytest.approx(3.0)  # the mean over its two codes
    assert onet.job_zone[1] == pytest.approx(3.0)
    assert onet.activities[1].nnz == 2  # the union of both codes' activities
    assert taxonomy.info()["onet"] is True
    assert mini_taxonomy.info()["onet"] is False


def test_related_occupations_are_never_read(mini_taxonomy: Taxonomy, tmp_path: Path) -> None:
    _, report = attach_onet(mini_taxonomy, [write_onet(tmp_path / "onet", mini_taxonomy)])
    assert any(
        n.file == "Related Occupations.txt" and "never read" in n.message for n in report.notices
    )


def test_without_a_crosswalk_it_is_an_error(mini_taxonomy: Taxonomy, tmp_path: Path) -> None:
    folder = write_onet(tmp_path / "onet", mini_taxonomy)
    (folder / "crosswalk.csv").unlink()
    with pytest.raises(EscoImportError, match="crosswalk"):
        attach_onet(mini_taxonomy, [folder])


def test_a_broken_rating_names_file_row_and_column(mini_taxonomy: Taxonomy, tmp_path: Path) -> None:
    folder = write_onet(tmp_path / "onet", mini_taxonomy)
    (folder / "Job Zones.txt").write_text("O*NET-SOC Code\tJob Zone\n11-1011.00\tfour\n", "utf-8")
    with pytest.raises(EscoImportError) as caught:
        attach_onet(mini_taxonomy, [folder])
    error = caught.value.report.errors[0]
    assert (error.file, error.row, error.column) == ("Job Zones.txt", 2, "Job Zone")


def test_onet_survives_the_snapshot(mini_taxonomy: Taxonomy, tmp_path: Path) -> None:
    taxonomy, _ = attach_onet(mini_taxonomy, [write_onet(tmp_path / "onet", mini_taxonomy)])
    save_snapshot(taxonomy, tmp_path / "taxonomy.npz")
    loaded = load_snapshot(tmp_path / "taxonomy.npz")
    assert loaded.onet is not None and taxonomy.onet is not None
    assert np.array_equal(loaded.onet.ratings, taxonomy.onet.ratings)
    assert (loaded.onet.activities != taxonomy.onet.activities).nnz == 0
    assert loaded.info() == taxonomy.info()


def test_the_ranker_uses_onet_only_when_it_is_there(
    mini_taxonomy: Taxonomy, tmp_path: Path
) -> None:
    with_onet, _ = attach_onet(mini_taxonomy, [write_onet(tmp_path / "onet", mini_taxonomy)])
    origin = TransitionQuery(with_onet.occupations[0].uri)
    ranker = TransitionRanker().fit(with_onet, vitality=VitalityMap.load())
    assert "onet_activities" in ranker.scores(origin)
    assert "onet_activities" not in ranker.esco_only().scores(origin)
    plain = TransitionRanker().fit(mini_taxonomy, vitality=VitalityMap.load())
    assert "onet_activities" not in plain.scores(origin)
    assert plain.esco_only() is plain


def test_the_job_zone_guard_holds_back_big_steps_up_only(
    mini_taxonomy: Taxonomy, tmp_path: Path
) -> None:
    with_onet, _ = attach_onet(mini_taxonomy, [write_onet(tmp_path / "onet", mini_taxonomy)])
    ranker = TransitionRanker().fit(with_onet, vitality=VitalityMap.load())
    guard = ranker.signals_.job_zone_guard
    assert guard(0)[1] == pytest.approx(1.0)  # zone 2 -> 3: one step up is fine
    assert guard(1)[0] == pytest.approx(1.0)  # 3 -> 2: a step down is fine
    assert guard(0)[2] == pytest.approx(1.0)  # unknown zone
