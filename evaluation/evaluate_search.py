"""Evaluate Koers job-title search against the Dutch and/or English development sets.

For each devset the queries are written, one per line, to a temporary file and ONE process
is run::

    koers search --batch FILE --lang LANG --limit 10 --json

which must print one JSON line per input line, in the same order::

    {"query": "...", "results": [{"uri": "...", "label": "...", "matched_label": "...",
                                  "score": 0.93}, ...]}

(results best first). Reported per set, and per ``kind`` of query: n, MRR@k (reciprocal
rank of the first gold URI within the top k, 0 if none), hit@1 (the first suggestion is
right) and hit@k, where k is ``--limit`` (default 10), and two figures about the suggestions
a worker reads: ``shown`` (results returned, at most k) and ``noise`` (of those, the ones that
are neither gold nor in the ISCO-08 unit group of a gold occupation, such as "zanger" for
"kapster"), both per query. ISCO groups come from the ESCO v1.1.1 zip (see ``devsets_en.py``).
The English set is built at run time by ``devsets_en.py``; its ``not_exact`` kind (titles
that are not literally an ESCO label) is the interesting figure. The Dutch sets are
``nl`` (``nl_titles.tsv``) and ``nl-everyday`` (``nl_everyday.tsv``, everyday words for
one's work); see ``evaluation/devsets/README.md``.

Run from the repo root (stdlib only; ``rich`` is used for the table when installed)::

    python evaluation/evaluate_search.py [--lang nl|en|both] [--limit 10]
        [--koers KOERS_COMMAND] [--json] [--show-misses N]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# evaluation/ is not an installed package: make it importable as `evaluation` when this file
# is run as a script (from the repo root or elsewhere).
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from evaluation.devsets_en import (  # noqa: E402
    DEFAULT_NL_EVERYDAY,
    DevItem,
    isco_groups,
    load_en_devset,
    load_nl_devset,
)
from evaluation.tables import print_table  # noqa: E402

JsonDict = dict[str, Any]


# --------------------------------------------------------------------------- metrics


def first_hit_rank(ranked_uris: Sequence[str], gold: Collection[str], k: int = 10) -> int | None:
    """1-based rank of the first URI in ``gold`` within the top ``k``, or None."""
    for rank, uri in enumerate(ranked_uris[:k], start=1):
        if uri in gold:
            return rank
    return None


def reciprocal_rank(ranked_uris: Sequence[str], gold: Collection[str], k: int = 10) -> float:
    """1/rank of the first gold URI within the top ``k``; 0.0 if there is none."""
    rank = first_hit_rank(ranked_uris, gold, k)
    return 1.0 / rank if rank is not None else 0.0


def hit_at_k(ranked_uris: Sequence[str], gold: Collection[str], k: int) -> float:
    """1.0 if any of the top ``k`` URIs is in ``gold``, else 0.0."""
    return 1.0 if first_hit_rank(ranked_uris, gold, k) is not None else 0.0


def noise(ranked_uris: Sequence[str], gold: Collection[str], groups: Mapping[str, str]) -> int:
    """How many results are neither gold nor in the ISCO unit group of a gold occupation."""
    related = {groups[uri] for uri in gold if uri in groups}
    return sum(1 for uri in ranked_uris if uri not in gold and groups.get(uri) not in related)


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean; 0.0 for an empty sequence."""
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True)
class Outcome:
    """The search results for one devset item."""

    item: DevItem
    results: list[JsonDict]

    @property
    def uris(self) -> list[str]:
        return [str(r.get("uri", "")) for r in self.results]


def summarize(
    outcomes: Sequence[Outcome], k: int, groups: Mapping[str, str] | None = None
) -> JsonDict:
    """n, MRR@k, hit@1 and hit@k over ``outcomes``; with ISCO ``groups`` also shown and noise."""
    summary: JsonDict = {
        "n": len(outcomes),
        f"mrr@{k}": mean([reciprocal_rank(o.uris, o.item.uris, k) for o in outcomes]),
        "hit@1": mean([hit_at_k(o.uris, o.item.uris, 1) for o in outcomes]),
        f"hit@{k}": mean([hit_at_k(o.uris, o.item.uris, k) for o in outcomes]),
    }
    if groups is not None:
        summary["shown"] = mean([float(len(o.uris[:k])) for o in outcomes])
        summary["noise"] = mean([float(noise(o.uris[:k], o.item.uris, groups)) for o in outcomes])
    return summary


def evaluate(
    outcomes: Sequence[Outcome], k: int, groups: Mapping[str, str] | None = None
) -> JsonDict:
    """Overall summary plus a breakdown per item kind."""
    kinds = sorted({o.item.kind for o in outcomes})
    return {
        "all": summarize(outcomes, k, groups),
        "by_kind": {
            kind: summarize([o for o in outcomes if o.item.kind == kind], k, groups)
            for kind in kinds
        },
    }


def misses(outcomes: Sequence[Outcome], n: int, k: int) -> list[JsonDict]:
    """Up to ``n`` queries whose top result is wrong: no gold in top k first, then hit@1 misses."""
    failed = [o for o in outcomes if hit_at_k(o.uris, o.item.uris, 1) == 0.0]
    failed.sort(key=lambda o: first_hit_rank(o.uris, o.item.uris, k) is not None)
    return [
        {
            "query": o.item.query,
            "kind": o.item.kind,
            "gold": sorted(o.item.uris),
            "gold_label": o.item.gold_label,
            "gold_rank": first_hit_rank(o.uris, o.item.uris, k),
            "top3": [
                {key: r.get(key) for key in ("uri", "label", "matched_label", "score")}
                for r in o.results[:3]
            ],
        }
        for o in failed[:n]
    ]


# --------------------------------------------------------------------------- running koers


def default_koers_command() -> list[str]:
    """The ``koers`` executable next to sys.executable, else the one on PATH."""
    bindir = Path(sys.executable).parent
    for name in ("koers", "koers.exe"):
        candidate = bindir / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    found = shutil.which("koers")
    if found is None:
        raise SystemExit("error: no `koers` executable next to Python or on PATH; use --koers")
    return [found]


def run_batch(
    koers: Sequence[str], queries: Sequence[str], lang: str, limit: int
) -> list[JsonDict]:
    """Run one ``koers search --batch`` process and return one parsed JSON object per query."""
    with tempfile.TemporaryDirectory(prefix="koers-eval-") as tmp:
        batch = Path(tmp) / f"queries_{lang}.txt"
        # One query per line: any newline or tab inside a query would break the contract.
        batch.write_text("".join(" ".join(q.split()) + "\n" for q in queries), encoding="utf-8")
        cmd = [*koers, "search", "--batch", str(batch), "--lang", lang]
        cmd += ["--limit", str(limit), "--json"]
        proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"error: {shlex.join(cmd)} exited with {proc.returncode}")
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    if len(lines) != len(queries):
        raise SystemExit(
            f"error: koers printed {len(lines)} JSON lines for {len(queries)} queries ({lang})"
        )
    parsed: list[JsonDict] = []
    for line_no, (line, query) in enumerate(zip(lines, queries, strict=True), start=1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"error: output line {line_no} is not JSON: {exc}") from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("results"), list):
            raise SystemExit(f"error: output line {line_no} has no 'results' list")
        if obj.get("query") is not None and " ".join(str(obj["query"]).split()) != " ".join(
            query.split()
        ):
            raise SystemExit(
                f"error: output line {line_no} is for {obj['query']!r}, expected {query!r}"
            )
        parsed.append(obj)
    return parsed


# --------------------------------------------------------------------------- output


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def table_rows(report: JsonDict, k: int) -> list[list[str]]:
    """Rows (set, subset, n, MRR@k, hit@1, hit@k, shown, noise) for printing."""
    rows: list[list[str]] = []
    columns = ("n", f"mrr@{k}", "hit@1", f"hit@{k}", "shown", "noise")
    for lang, res in report["sets"].items():
        rows.append([lang, "all", *(_fmt(res["all"].get(c, "-")) for c in columns)])
        for kind, summary in res["by_kind"].items():
            rows.append(["", kind, *(_fmt(summary.get(c, "-")) for c in columns)])
    return rows


def print_report(report: JsonDict, k: int) -> None:
    """Print the metrics table and any misses."""
    header = ["set", "subset", "n", f"MRR@{k}", "hit@1", f"hit@{k}", "shown", "noise"]
    rows = table_rows(report, k)
    console = print_table("Koers job-title search", header, rows, text_columns=2)

    for lang, res in report["sets"].items():
        for miss in res.get("misses", []):
            rank = miss["gold_rank"]
            gold = miss["gold_label"] or ", ".join(miss["gold"])
            lines = [
                f"[{lang}/{miss['kind']}] {miss['query']!r}  gold rank: {rank or '-'}",
                f"    gold: {gold}",
            ]
            for i, r in enumerate(miss["top3"], start=1):
                score = r.get("score")
                score_txt = f"{score:.3f}" if isinstance(score, int | float) else "?"
                lines.append(
                    f"    {i}. {r.get('label')}  (via {r.get('matched_label')!r}, {score_txt})"
                )
            if not miss["top3"]:
                lines.append("    (no results)")
            console.print("\n".join(lines), markup=False, highlight=False)


# --------------------------------------------------------------------------- main


def load_devset(name: str, nl_path: str | None, sample: int | None, seed: int) -> list[DevItem]:
    """The devset ``name`` ("nl", "nl-everyday" or "en"); exits naming any missing data."""
    try:
        if name == "nl":
            return load_nl_devset(nl_path)
        if name == "nl-everyday":
            return load_nl_devset(DEFAULT_NL_EVERYDAY)
        return load_en_devset(sample=sample, seed=seed)
    except FileNotFoundError as exc:
        raise SystemExit(f"error: {name} devset data not found: {exc}") from exc


def _isco_groups_or_none() -> dict[str, str] | None:
    """ISCO unit group per occupation URI, or None (no noise figure) without the ESCO zip."""
    try:
        return isco_groups()
    except FileNotFoundError as exc:
        sys.stderr.write(f"note: no noise figures, ESCO zip not found: {exc}\n")
        return None


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Evaluate Koers job-title search.")
    parser.add_argument(
        "--lang", choices=("nl", "en", "both"), default="both", help="nl: nl and nl-everyday"
    )
    parser.add_argument("--limit", type=int, default=10, help="results per query = k (10)")
    parser.add_argument("--koers", default=None, help="koers command (default: auto-detected)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N")
    parser.add_argument("--nl-devset", default=None, help="TSV for the nl set (default: committed)")
    parser.add_argument("--en-sample", type=int, default=2000, help="English sample size (2000)")
    parser.add_argument("--seed", type=int, default=13, help="English sample seed (13)")
    args = parser.parse_args(argv)
    if args.limit < 1:
        parser.error("--limit must be >= 1")

    koers = shlex.split(args.koers) if args.koers else default_koers_command()
    k: int = args.limit
    names = {"nl": ["nl", "nl-everyday"], "en": ["en"]}
    sets = [*names["nl"], *names["en"]] if args.lang == "both" else names[args.lang]
    groups = _isco_groups_or_none()
    report: JsonDict = {"limit": k, "koers": koers, "sets": {}}
    for name in sets:
        lang = name.split("-")[0]
        items = load_devset(name, args.nl_devset, args.en_sample, args.seed)
        responses = run_batch(koers, [item.query for item in items], lang, k)
        outcomes = [
            Outcome(item, [r for r in resp["results"] if isinstance(r, dict)])
            for item, resp in zip(items, responses, strict=True)
        ]
        result = evaluate(outcomes, k, groups)
        if args.show_misses > 0:
            result["misses"] = misses(outcomes, args.show_misses, k)
        report["sets"][name] = result

    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_report(report, k)
    return 0


if __name__ == "__main__":
    sys.exit(main())
