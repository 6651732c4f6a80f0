"""Tests for the career-transition evaluation: reference building, metrics, baselines, script.

Run from the repo root: ``python -m pytest tests/evaluation/test_transitions_eval.py``.
All data is tiny and created in tmp_path; /work/shared is not needed.
"""

from __future__ import annotations

import csv
import json
import shlex
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from koers.taxonomy import ConceptText, Occupation, Skill, Taxonomy, save_snapshot

# evaluation/ is not an installed package: put the repo root on sys.path and import the
# modules as `evaluation.<name>` (the same names mypy uses with explicit_package_bases).
REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from evaluation import devsets_en  # noqa: E402
from evaluation import evaluate_transitions as et  # noqa: E402

URI = "http://data.europa.eu/esco/occupation/"
A, B, C, D, E, F = (URI + key for key in "abcdef")


# --------------------------------------------------------------------------- reference


def test_build_reference_targets_and_shared_codes() -> None:
    soc_to_uris = {
        "11-0001.00": {A, B},
        "22-0002.00": {C, D},
        "33-0003.00": {D},
        "44-0004.00": {F},
    }
    related = {
        "11-0001.00": {"22-0002.00", "33-0003.00"},
        "22-0002.00": {"11-0001.00"},
        "33-0003.00": {"22-0002.00"},  # D's own codes: never relevant for D
        "44-0004.00": {"11-0001.00", "99-9999.00"},  # unmapped code: ignored
    }
    ref = et.build_reference(soc_to_uris, related)
    assert ref.origins == [A, B, C, D, F]
    assert ref.targets[A] == {C, D}
    assert ref.shared[A] == {B}
    assert ref.targets[D] == {A, B}  # C shares 22-0002.00 with D: dropped, not relevant
    assert ref.shared[D] == {C}
    assert ref.targets[F] == {A, B}
    assert ref.shared[F] == frozenset()


def test_build_reference_skips_origins_without_targets() -> None:
    soc_to_uris = {"11-0001.00": {A, B}, "22-0002.00": {C}}
    related = {"11-0001.00": {"11-0001.00"}, "22-0002.00": {"11-0001.00"}}
    ref = et.build_reference(soc_to_uris, related)
    assert ref.origins == [C]  # A and B only relate to their own code
    assert ref.targets[C] == {A, B}


def test_codes_by_uri() -> None:
    assert et.codes_by_uri({"x": [A, B], "y": [B]}) == {A: {"x"}, B: {"x", "y"}}


def test_read_related_occupations_keeps_primary_tiers(tmp_path: Path) -> None:
    path = tmp_path / "Related Occupations.txt"
    rows = [
        ["O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
        ["11-0001.00", "22-0002.00", "Primary-Short", "1"],
        ["11-0001.00", "33-0003.00", "Primary-Long", "6"],
        ["11-0001.00", "44-0004.00", "Supplemental", "11"],
        ["22-0002.00", "11-0001.00", "Primary-Long", "7"],
    ]
    path.write_text("\r\n".join("\t".join(r) for r in rows) + "\r\n", encoding="utf-8")
    assert et.read_related_occupations(path) == {
        "11-0001.00": {"22-0002.00", "33-0003.00"},
        "22-0002.00": {"11-0001.00"},
    }
    assert et.read_related_occupations(path, ("Supplemental",)) == {"11-0001.00": {"44-0004.00"}}


# --------------------------------------------------------------------------- tiny world

# key, code, English preferred label
OCCUPATIONS = [
    ("a", "1000.1", "alpha worker"),
    ("b", "1000.2", "beta worker"),
    ("c", "2000.1", "gamma worker"),
    ("d", "2000.2", "delta worker"),
    ("e", "3000.1", "epsilon worker"),  # not in the crosswalk
    ("f", "4000.9", "zeta worker"),  # its v1.1.0 code 4000.1 changed: matched by label
]
CROSSWALK_ROWS = [
    ["1000.1", "alpha worker", "11-0001.00", "Alphas"],
    ["1000.2", "beta worker", "11-0001.00", "Alphas"],
    ["2000.1", "gamma worker", "22-0002.00", "Gammas"],
    ["2000.2", "delta worker", "22-0002.00", "Gammas"],
    ["2000.2", "delta worker", "33-0003.00", "Deltas"],
    ["4000.1", "Zeta  Worker", "44-0004.00", "Zetas"],
    ["3000", "Epsilons", "11-0001.00", "Alphas"],  # plain ISCO group: ignored
]
RELATED_ROWS = [
    ["11-0001.00", "22-0002.00", "Primary-Short", "1"],
    ["11-0001.00", "44-0004.00", "Supplemental", "11"],
    ["11-0001.00", "33-0003.00", "Primary-Long", "6"],
    ["22-0002.00", "11-0001.00", "Primary-Long", "6"],
    ["33-0003.00", "22-0002.00", "Primary-Short", "1"],
    ["44-0004.00", "11-0001.00", "Primary-Short", "1"],
]


def _taxonomy() -> Taxonomy:
    occupations = tuple(
        Occupation(URI + key, code, code[:4], "released", "", "", (), (), {"en": ConceptText(en)})
        for key, code, en in OCCUPATIONS
    )
    skills = tuple(
        Skill(f"http://data.europa.eu/esco/skill/s{i}", "skill", "", "released", "", ())
        for i in range(4)
    )
    pairs = [(0, 0, 1), (0, 1, 0), (1, 0, 1), (1, 1, 1), (2, 2, 1), (3, 2, 1), (3, 3, 0)]
    pairs += [(4, 3, 1), (5, 0, 1), (5, 3, 0)]
    occ, skl, ess = (np.array(column) for column in zip(*pairs, strict=True))
    empty = np.zeros(0, dtype=np.int32)
    return Taxonomy(
        occupations=occupations,
        skills=skills,
        skill_groups=(),
        isco_groups=(),
        occupation_skill_occupation=occ.astype(np.int32),
        occupation_skill_skill=skl.astype(np.int32),
        occupation_skill_essential=ess.astype(bool),
        skill_skill_from=empty,
        skill_skill_to=empty,
        skill_skill_essential=np.zeros(0, dtype=bool),
    )


def _write_sources(tmp_path: Path) -> tuple[Path, Path]:
    onet = tmp_path / "onet"
    onet.mkdir()
    header = ["O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"]
    lines = ["\t".join(header), *("\t".join(r) for r in RELATED_ROWS)]
    (onet / et.RELATED_FILE).write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    crosswalk = tmp_path / "ESCO_to_ONET-SOC_2019.csv"
    with crosswalk.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["ESCO/ISCO Code", "ESCO/ISCO Title", "O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title"]
        )
        writer.writerows(CROSSWALK_ROWS)
    return onet, crosswalk


def test_reference_from_crosswalk_and_taxonomy(tmp_path: Path) -> None:
    onet, crosswalk = _write_sources(tmp_path)
    taxonomy = _taxonomy()
    esco = et.esco_from_taxonomy(taxonomy)
    soc_to_uris, n_by_label, n_unresolved = devsets_en.read_crosswalk(crosswalk, esco)
    assert (n_by_label, n_unresolved) == (1, 0)
    ref = et.build_reference(soc_to_uris, et.read_related_occupations(onet / et.RELATED_FILE))
    assert ref.origins == [A, B, C, D, F]
    assert ref.targets == {A: {C, D}, B: {C, D}, C: {A, B}, D: {A, B}, F: {A, B}}

    codes_only = et.esco_from_taxonomy(taxonomy, by_label=False)
    soc_to_uris, n_by_label, n_unresolved = devsets_en.read_crosswalk(crosswalk, codes_only)
    assert (n_by_label, n_unresolved) == (0, 1)
    assert F not in et.codes_by_uri(soc_to_uris)


# --------------------------------------------------------------------------- metrics


def test_filter_ranking_drops_origin_shared_and_repeats() -> None:
    assert et.filter_ranking([A, B, C, B, D, E], A, {D}) == [B, C, E]
    assert et.filter_ranking([], A, set()) == []


@pytest.mark.parametrize(
    ("ranked", "relevant", "k", "precision", "recall"),
    [
        ([A, B, C], {A, C}, 2, 0.5, 0.5),
        ([A, B, C], {A, C}, 3, 2 / 3, 1.0),
        ([A], {A}, 20, 1 / 20, 1.0),  # a short list is not rewarded
        ([], {A}, 20, 0.0, 0.0),
        ([A, B], set(), 2, 0.0, 0.0),
    ],
)
def test_precision_and_recall_at_k(
    ranked: list[str], relevant: set[str], k: int, precision: float, recall: float
) -> None:
    assert et.precision_at_k(ranked, relevant, k) == pytest.approx(precision)
    assert et.recall_at_k(ranked, relevant, k) == pytest.approx(recall)


def test_score_ranker_filters_before_cutting() -> None:
    ref = et.Reference(
        targets={A: frozenset({C, D}), C: frozenset({A}), F: frozenset({A, B})},
        shared={A: frozenset({B}), C: frozenset(), F: frozenset()},
    )
    rankings = {
        A: [A, B, E, C, D],  # -> [E, C, D]: P@2 0.5, R@2 0.5, RR 1/2
        C: [B, E, D, F, A],  # A at rank 5: outside k, inside the MRR depth
        # F missing: scores 0
    }
    scores = et.score_ranker(rankings, ref, 2)
    assert scores["n"] == 3
    assert scores["precision@2"] == pytest.approx(0.5 / 3)
    assert scores["recall@2"] == pytest.approx(0.5 / 3)
    assert scores["mrr"] == pytest.approx((0.5 + 0.2 + 0) / 3)
    assert scores["short"] == 1
    assert et.score_ranker(rankings, ref, 2, depth=4)["mrr"] == pytest.approx(0.5 / 3)


# --------------------------------------------------------------------------- baselines


def _matrices() -> tuple[Any, Any]:
    # occ0: s0 essential, s1 optional; occ1: s0, s1 essential; occ2: s2 essential (also listed
    # as optional: the larger weight counts); occ3: s2 optional only (no essential skills).
    occ = [0, 0, 1, 1, 2, 2, 3]
    skl = [0, 1, 0, 1, 2, 2, 2]
    ess = [True, False, True, True, False, True, False]
    return et.skill_matrices(occ, skl, ess, (4, 3))


def test_skill_matrices() -> None:
    weighted, essential = _matrices()
    assert np.array_equal(
        weighted.toarray(),
        [[1.0, 0.5, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.5]],
    )
    assert np.array_equal(
        essential.toarray(),
        [[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 0, 0]],
    )


def test_cosine_scores() -> None:
    weighted, _ = _matrices()
    scores = et.cosine_scores(weighted, np.array([0, 2]))
    assert scores.shape == (2, 4)
    assert scores[0, 0] == pytest.approx(1.0)
    assert scores[0, 1] == pytest.approx(1.5 / np.sqrt(1.25 * 2))
    assert scores[0, 2] == 0.0
    assert scores[1, 3] == pytest.approx(1.0)


def test_coverage_scores() -> None:
    weighted, essential = _matrices()
    any_skill = et.coverage_scores(weighted, essential, np.array([0, 1, 3]))
    assert any_skill[0].tolist() == pytest.approx([1.0, 1.0, 0.0, 0.0])  # optional s1 counts
    assert any_skill[1].tolist() == pytest.approx([1.0, 1.0, 0.0, 0.0])
    assert any_skill[2].tolist() == pytest.approx([0.0, 0.0, 1.0, 0.0])  # target 3: nothing
    essential_only = et.coverage_scores(essential, essential, np.array([0]))
    assert essential_only[0].tolist() == pytest.approx([1.0, 0.5, 0.0, 0.0])


def test_top_indices_excludes_self_and_breaks_ties_by_index() -> None:
    scores = np.array([[0.9, 0.3, 0.1 + 0.2, 0.8, 0.3], [0.0, 0.0, 0.0, 0.0, 0.0]])
    top = et.top_indices(scores, np.array([0, 2]), depth=3)
    assert top.tolist() == [[3, 1, 2], [0, 1, 3]]
    assert et.top_indices(scores, np.array([0, 2]), depth=10).shape == (2, 4)


def test_random_scores_are_seeded() -> None:
    assert np.array_equal(et.random_scores(2, 5, 7), et.random_scores(2, 5, 7))
    assert not np.array_equal(et.random_scores(2, 5, 7), et.random_scores(2, 5, 8))


def test_baseline_rankings() -> None:
    rankings = et.baseline_rankings(_taxonomy(), [A, C], seed=1, depth=3)
    assert set(rankings) == set(et.BASELINES)
    for ranking in rankings.values():
        assert set(ranking) == {A, C}
        assert all(len(r) == 3 and origin not in r for origin, r in ranking.items())
    assert rankings["cosine"][A][0] == B  # same skills, one weighted differently
    assert rankings["coverage"][C][0] == D  # C covers all of D's essential skills


# --------------------------------------------------------------------------- koers output


def test_parse_transitions_output() -> None:
    lines = [
        {"origin": A, "transitions": [{"uri": B, "score": 0.9}, {"uri": C, "score": 0.5}]},
        {"origin": "nope", "error": "unknown occupation", "transitions": []},
    ]
    stdout = "\n".join(json.dumps(x) for x in lines) + "\n\n"
    rankings, errors = et.parse_transitions_output(stdout, [A, "nope"])
    assert rankings == {A: [B, C], "nope": []}
    assert errors == {"nope": "unknown occupation"}


@pytest.mark.parametrize(
    ("stdout", "message"),
    [
        ('{"origin": "x", "transitions": []}', "1 JSON lines for 2"),
        ('{"origin": "x", "transitions": []}\nnot json', "not JSON"),
        ('{"origin": "x", "transitions": []}\n{"origin": "y"}', "no 'transitions'"),
        ('{"origin": "x", "transitions": []}\n{"origin": "z", "transitions": []}', "expected"),
    ],
)
def test_parse_transitions_output_rejects_broken_output(stdout: str, message: str) -> None:
    with pytest.raises(SystemExit, match=message):
        et.parse_transitions_output(stdout, ["x", "y"])


# --------------------------------------------------------------------------- script

FAKE_KOERS = """
import json, sys
args = sys.argv[1:]
open(sys.argv[0] + ".args", "w").write(json.dumps(args))
assert args[:1] == ["transitions"] and "--json" in args and "--plain" in args, args
assert args[args.index("--limit") + 1] == "100", args
U = "http://data.europa.eu/esco/occupation/"
ranked = {"a": "abced", "b": "efd", "c": "da", "f": "ab"}
for line in open(args[args.index("--batch") + 1], encoding="utf-8").read().splitlines():
    key = line.removeprefix(U)
    if key not in ranked:
        print(json.dumps({"origin": line, "error": "unknown", "transitions": []}))
        continue
    out = [{"uri": U + x, "label": x, "score": 1.0 / (i + 1), "essential_coverage": 0.5,
            "vital": []} for i, x in enumerate(ranked[key])]
    print(json.dumps({"origin": line, "transitions": out}))
"""


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Knowledge base, crosswalk and O*NET file in tmp_path, selected by the env vars."""
    onet, crosswalk = _write_sources(tmp_path)
    data_dir = tmp_path / "kb"
    data_dir.mkdir()
    save_snapshot(_taxonomy(), data_dir / "taxonomy.npz")
    monkeypatch.setenv("KOERS_DATA_DIR", str(data_dir))
    monkeypatch.setenv("KOERS_ONET_DIR", str(onet))
    monkeypatch.setenv("KOERS_ONET_CROSSWALK", str(crosswalk))
    fake = tmp_path / "fake_koers.py"
    fake.write_text(FAKE_KOERS, encoding="utf-8")
    return fake


def test_main_with_fake_koers(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    koers = shlex.join([sys.executable, str(world)])
    args = ["--limit", "2", "--koers", koers, "--without-onet", "--label-fallback", "--json"]
    assert et.main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert "--without-onet" in json.loads(Path(f"{world}.args").read_text(encoding="utf-8"))
    assert report["origins"] == 5
    assert report["reference"]["origins"] == 5
    assert report["reference"]["codes_by_label"] == 1
    assert report["koers_errors"] == 1  # d
    assert set(report["rankers"]) == {"koers", *et.BASELINES}
    # a: [c e d] P .5 R .5 RR 1; b: [e f d] 0 0 1/3; c: [a] .5 .5 1 (short); d: error (short);
    # f: [a b] 1 1 1
    koers_scores = report["rankers"]["koers"]
    assert koers_scores["n"] == 5
    assert koers_scores["precision@2"] == pytest.approx(0.4)
    assert koers_scores["recall@2"] == pytest.approx(0.4)
    assert koers_scores["mrr"] == pytest.approx(2 / 3)
    assert koers_scores["short"] == 2
    assert all(m["n"] == 5 for m in report["rankers"].values())


def test_main_table_codes_only_and_sample(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    koers = shlex.join([sys.executable, str(world)])
    assert et.main(["--koers", koers, "--origins", "2", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "koers" in out and "cosine" in out and "random" in out
    assert "2 evaluated, 4 in the reference" in out
    assert "--without-onet" not in json.loads(Path(f"{world}.args").read_text(encoding="utf-8"))


def test_main_baselines_only_needs_no_koers(
    world: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert et.main(["--baselines-only", "--json", "--koers", "/nonexistent/koers"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["rankers"]) == set(et.BASELINES)
    assert "koers" not in report


def test_main_reports_a_failing_koers(world: Path, tmp_path: Path) -> None:
    failing = tmp_path / "failing.py"
    failing.write_text("import sys\nsys.exit(3)\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="exited with 3"):
        et.main(["--koers", shlex.join([sys.executable, str(failing)])])
