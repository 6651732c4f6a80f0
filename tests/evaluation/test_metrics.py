"""Tests for the search-evaluation tooling: metric functions, devset loaders, batch runner.

Run from the repo root: ``python -m pytest tests/evaluation/test_metrics.py``.
All data is tiny and created in tmp_path; /work/shared is not needed.
"""

from __future__ import annotations

import csv
import io
import json
import shlex
import sys
import zipfile
from pathlib import Path

import pytest

# evaluation/ is not an installed package: put the repo root on sys.path and import the
# modules as `evaluation.<name>` (the same names mypy uses with explicit_package_bases).
REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from evaluation import devsets_en, evaluate_search  # noqa: E402

URI = "http://data.europa.eu/esco/occupation/"


# --------------------------------------------------------------------------- metrics


@pytest.mark.parametrize(
    ("ranked", "gold", "k", "expected"),
    [
        (["a", "b", "c"], {"a"}, 10, 1.0),
        (["a", "b", "c"], {"c"}, 10, 1 / 3),
        (["a", "b", "c"], {"c", "b"}, 10, 0.5),  # first gold counts
        (["a", "b", "c"], {"x"}, 10, 0.0),
        (["a", "b", "c"], {"c"}, 2, 0.0),  # beyond k
        ([], {"a"}, 10, 0.0),
        (["a"], set(), 10, 0.0),
    ],
)
def test_reciprocal_rank(ranked: list[str], gold: set[str], k: int, expected: float) -> None:
    assert evaluate_search.reciprocal_rank(ranked, gold, k) == pytest.approx(expected)


def test_reciprocal_rank_default_k_is_10() -> None:
    ranked = [str(i) for i in range(20)]
    assert evaluate_search.reciprocal_rank(ranked, {"9"}) == pytest.approx(0.1)
    assert evaluate_search.reciprocal_rank(ranked, {"10"}) == 0.0


@pytest.mark.parametrize(
    ("ranked", "gold", "k", "expected"),
    [
        (["a", "b"], {"a"}, 1, 1.0),
        (["a", "b"], {"b"}, 1, 0.0),
        (["a", "b"], {"b"}, 2, 1.0),
        (["a", "b"], {"b"}, 10, 1.0),
        ([], {"b"}, 10, 0.0),
    ],
)
def test_hit_at_k(ranked: list[str], gold: set[str], k: int, expected: float) -> None:
    assert evaluate_search.hit_at_k(ranked, gold, k) == expected


def _outcome(query: str, gold: set[str], ranked: list[str], kind: str) -> evaluate_search.Outcome:
    item = devsets_en.DevItem(query, frozenset(gold), kind)
    return evaluate_search.Outcome(item, [{"uri": u, "label": u} for u in ranked])


def test_evaluate_summary_and_kinds() -> None:
    outcomes = [
        _outcome("q1", {"a"}, ["a", "b"], "exact"),
        _outcome("q2", {"b"}, ["a", "b"], "not_exact"),
        _outcome("q3", {"z"}, ["a", "b"], "not_exact"),
    ]
    report = evaluate_search.evaluate(outcomes, 10)
    assert report["all"]["n"] == 3
    assert report["all"]["mrr@10"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert report["all"]["hit@1"] == pytest.approx(1 / 3)
    assert report["all"]["hit@10"] == pytest.approx(2 / 3)
    assert report["by_kind"]["not_exact"]["n"] == 2
    assert report["by_kind"]["not_exact"]["mrr@10"] == pytest.approx(0.25)
    assert report["by_kind"]["exact"]["hit@1"] == 1.0

    missed = evaluate_search.misses(outcomes, 5, 10)
    assert [m["query"] for m in missed] == ["q3", "q2"]  # total misses first
    assert missed[1]["gold_rank"] == 2
    assert len(missed[0]["top3"]) == 2


def test_evaluate_empty() -> None:
    assert evaluate_search.summarize([], 10) == {"n": 0, "mrr@10": 0.0, "hit@1": 0.0, "hit@10": 0.0}


# --------------------------------------------------------------------------- Dutch loader


def test_load_nl_devset(tmp_path: Path) -> None:
    tsv = tmp_path / "nl_titles.tsv"
    tsv.write_text(
        "query\turis\tgold_label_nl\tkind\n"
        f"kapper\t{URI}1\tkapper\texact\n"
        f"haarstylist\t{URI}1|{URI}2\tkapper\tsynonym\n"
        f"  software   ontwikkelaar \t{URI}3\tsoftwareontwikkelaar\t\n",
        encoding="utf-8",
    )
    items = devsets_en.load_nl_devset(tsv)
    assert [i.query for i in items] == ["kapper", "haarstylist", "software ontwikkelaar"]
    assert items[1].uris == frozenset({f"{URI}1", f"{URI}2"})
    assert items[1].kind == "synonym"
    assert items[2].kind == "unknown"
    assert items[0].gold_label == "kapper"


def test_load_nl_devset_rejects_missing_uris(tmp_path: Path) -> None:
    tsv = tmp_path / "nl.tsv"
    tsv.write_text("query\turis\tgold_label_nl\tkind\nkapper\t\tkapper\texact\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no gold URIs"):
        devsets_en.load_nl_devset(tsv)


def test_devitem_is_frozen() -> None:
    item = devsets_en.DevItem("q", frozenset({"u"}), "exact")
    with pytest.raises(AttributeError):
        item.query = "other"  # type: ignore[misc]


# --------------------------------------------------------------------------- English loader


def _write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    lines = ["\t".join(header), *("\t".join(r) for r in rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def _make_en_sources(tmp_path: Path) -> tuple[Path, Path, Path]:
    onet = tmp_path / "onet"
    onet.mkdir()
    _write_tsv(
        onet / "Alternate Titles.txt",
        ["O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"],
        [
            ["11-1011.00", "Technical Director", "n/a", "08"],  # exact ESCO preferred label
            ["11-1011.00", "Boss of Stage", "n/a", "08"],
            ["11-1011.00", "boss of  stage", "n/a", "10"],  # duplicate (case/space)
            ["22-2222.00", "Stage Engineer", "n/a", "08"],  # SOC with 6 ESCO occupations
            ["33-3333.00", "Hair Stylist", "n/a", "08"],  # ESCO alt label, different case
            ["44-4444.00", "Nobody Job", "n/a", "08"],  # SOC only mapped to plain ISCO
            ["55-5555.00", "Renamed Job", "n/a", "08"],  # ESCO code changed, resolved by label
        ],
    )
    _write_tsv(
        onet / "Sample of Reported Titles.txt",
        ["O*NET-SOC Code", "Reported Job Title", "Shown in My Next Move"],
        [
            ["11-1011.00", "Show Boss", "Y"],
            ["33-3333.00", "Show Boss", "N"],  # same title under two SOC codes: union gold
            ["22-2222.00", "Technical Director", "N"],  # also under a dropped SOC: drop
            ["33-3333.00", "Barber", "Y"],
        ],
    )

    crosswalk = tmp_path / "ESCO_to_ONET-SOC_2019.csv"
    rows = [
        ["2654.1.7", "technical director", "11-1011.00", "Chief Executives"],
        ["5141.1", "hairdresser", "33-3333.00", "Barbers"],
        ["5141", "Hairdressers", "44-4444.00", "Nobody"],  # ISCO group: ignored
        ["9999.9", "lighting director", "55-5555.00", "Renamed"],  # old code
    ]
    rows += [[f"2654.2.{i}", f"stage job {i}", "22-2222.00", "Stage"] for i in range(6)]
    with crosswalk.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["ESCO/ISCO Code", "ESCO/ISCO Title", "O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title"]
        )
        writer.writerows(rows)

    occupations = [
        ("td", "2654.1.7", "technical director", "technical manager\nhead of technical", ""),
        ("hd", "5141.1", "hairdresser", "hair stylist\nhair dresser", "hairdreser"),
        ("ld", "2654.1.9", "lighting\u00a0director", "", ""),
        *((f"s{i}", f"2654.2.{i}", f"stage job {i}", "", "") for i in range(6)),
    ]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(
        ["conceptType", "conceptUri", "code", "preferredLabel", "altLabels", "hiddenLabels"]
    )
    for key, code, pref, alt, hidden in occupations:
        writer.writerow(["Occupation", URI + key, code, pref, alt, hidden])
    esco_zip = tmp_path / "esco.zip"
    with zipfile.ZipFile(esco_zip, "w") as zf:
        zf.writestr("occupations_en.csv", "\ufeff" + buf.getvalue())
        zf.writestr("skills_en.csv", "conceptUri\n")
    return onet, crosswalk, esco_zip


def test_isco_groups_are_the_four_digits_of_the_esco_code(tmp_path: Path) -> None:
    _, _, esco_zip = _make_en_sources(tmp_path)
    groups = devsets_en.isco_groups(esco_zip)
    assert groups[URI + "td"] == "2654"
    assert groups[URI + "hd"] == "5141"


def test_noise_counts_results_neither_gold_nor_of_a_gold_isco_group() -> None:
    groups = {"kapper": "5141", "herenkapper": "5141", "zanger": "2652", "steenkapper": "7113"}
    ranked = ["kapper", "herenkapper", "zanger", "steenkapper", "unknown"]
    assert evaluate_search.noise(ranked, {"kapper"}, groups) == 3
    assert evaluate_search.noise([], {"kapper"}, groups) == 0


def test_summary_has_shown_and_noise_per_query_with_isco_groups() -> None:
    groups = {"a": "1111", "b": "1111", "c": "2222"}
    outcomes = [_outcome("q1", {"a"}, ["a", "b", "c"], "exact"), _outcome("q2", {"c"}, [], "x")]
    summary = evaluate_search.summarize(outcomes, 10, groups)
    assert summary["shown"] == pytest.approx(1.5)
    assert summary["noise"] == pytest.approx(0.5)
    assert "noise" not in evaluate_search.summarize(outcomes, 10)


def test_build_en_devset(tmp_path: Path) -> None:
    onet, crosswalk, esco_zip = _make_en_sources(tmp_path)
    items, stats = devsets_en.build_en_devset(onet, esco_zip, crosswalk=crosswalk, sample=None)
    by_query = {i.query: i for i in items}
    assert set(by_query) == {"Boss of Stage", "Hair Stylist", "Show Boss", "Barber", "Renamed Job"}
    assert by_query["Boss of Stage"].uris == frozenset({URI + "td"})
    assert by_query["Boss of Stage"].kind == "not_exact"
    assert by_query["Hair Stylist"].kind == "exact"
    assert by_query["Hair Stylist"].gold_label == "hairdresser"
    assert by_query["Show Boss"].uris == frozenset({URI + "td", URI + "hd"})
    assert by_query["Renamed Job"].uris == frozenset({URI + "ld"})
    assert stats.soc_codes_mapped == 4
    assert stats.soc_codes_kept == 3
    assert stats.esco_codes_by_label == 1
    assert stats.esco_codes_unresolved == 0
    assert stats.titles_read == 11
    assert stats.available == 5
    assert stats.available_exact == 1


def test_load_en_devset_sampling_is_deterministic(tmp_path: Path) -> None:
    onet, crosswalk, esco_zip = _make_en_sources(tmp_path)
    full = devsets_en.build_en_devset(onet, esco_zip, crosswalk=crosswalk, sample=None)[0]
    a = devsets_en.build_en_devset(onet, esco_zip, crosswalk=crosswalk, sample=3, seed=1)[0]
    b = devsets_en.build_en_devset(onet, esco_zip, crosswalk=crosswalk, sample=3, seed=1)[0]
    assert a == b
    assert len(a) == 3
    assert set(a) <= set(full)


def test_load_en_devset_env_vars(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    onet, crosswalk, esco_zip = _make_en_sources(tmp_path)
    monkeypatch.setenv("KOERS_ONET_DIR", str(onet))
    monkeypatch.setenv("KOERS_ONET_CROSSWALK", str(crosswalk))
    monkeypatch.setenv("KOERS_ESCO_EN_ZIP", str(esco_zip))
    items = devsets_en.load_en_devset(sample=2000)
    assert len(items) == 5
    assert all(isinstance(i, devsets_en.DevItem) for i in items)


# --------------------------------------------------------------------------- batch runner


FAKE_KOERS = """
import json, sys
args = sys.argv[1:]
batch = args[args.index("--batch") + 1]
for line in open(batch, encoding="utf-8").read().splitlines():
    uri = "URI" + line if line != "nothing" else "other"
    print(json.dumps({"query": line, "results": [
        {"uri": "wrong", "label": "w", "matched_label": "w", "score": 0.9},
        {"uri": uri, "label": line, "matched_label": line, "score": 0.5}]}))
"""


def test_main_with_fake_koers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "fake_koers.py"
    fake.write_text(FAKE_KOERS, encoding="utf-8")
    tsv = tmp_path / "nl.tsv"
    tsv.write_text(
        "query\turis\tgold_label_nl\tkind\nkok\tURIkok\tkok\texact\n"
        "nothing\tURInothing\tx\tother\n",
        encoding="utf-8",
    )
    base = [
        "--lang",
        "nl",
        "--nl-devset",
        str(tsv),
        "--koers",
        shlex.join([sys.executable, str(fake)]),
    ]
    assert evaluate_search.main([*base, "--json", "--show-misses", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    nl = report["sets"]["nl"]
    assert nl["all"]["n"] == 2
    assert nl["all"]["mrr@10"] == pytest.approx(0.25)
    assert nl["by_kind"]["exact"]["hit@10"] == 1.0
    assert [m["query"] for m in nl["misses"]] == ["nothing"]

    assert evaluate_search.main([*base, "--show-misses", "2"]) == 0
    out = capsys.readouterr().out
    assert "nothing" in out and "0.250" in out
