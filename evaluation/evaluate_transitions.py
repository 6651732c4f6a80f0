"""Evaluate Koers career-transition ranking against O*NET related occupations.

Reference (evaluation data only, never an input of the ranking): for each ESCO occupation
(the *origin*) the relevant *targets* are the ESCO occupations whose O*NET-SOC code is a
``Primary-Short`` or ``Primary-Long`` related occupation (O*NET 29.1
``Related Occupations.txt``) of one of the origin's O*NET-SOC codes. ESCO and O*NET are
linked by the official ESCO -> O*NET-SOC 2019 crosswalk (made for ESCO v1.1.0, keyed by
ESCO occupation code, as the issue defines it: 2,845 origins; with ``--label-fallback``
the few codes that changed in v1.1.1 are also matched by their English preferred label:
2,867). Occupations that share an O*NET-SOC code
with the origin are neither relevant nor counted: they are dropped from every ranker's list
before the top k are taken. Origins are the occupations with at least one target.

Rankers, all evaluated in the same way in the same run:

* ``koers``: ONE process ``koers transitions --batch FILE --limit 100 --json --plain
  [--without-onet]`` (the plain ranking: every step, no route guards; the routes are
  evaluated in ``evaluate_crisis.py``) with one origin URI per line, which must print one
  JSON line per input line, in the same order: ``{"origin": URI, "transitions": [{"uri",
  "label", "score", "essential_coverage", "vital"}, ...]}`` (best first; an unknown origin gives
  ``{"origin": ..., "error": ..., "transitions": []}``).
* baselines computed here from the knowledge base: ``cosine`` (skill-set cosine, essential
  1, optional 0.5), ``coverage`` (share of the target's essential skills that are among the
  origin's essential or optional skills), ``coverage_essential`` (the same with only the
  origin's essential skills) and ``random`` (seeded). Ties are broken by URI.

Every ranker yields up to 100 occupations (the origin itself excluded); the occupations
sharing an O*NET-SOC code with the origin are dropped, then precision@k (hits / k), recall@k
(hits / number of targets) and MRR (reciprocal rank of the first target in the filtered
list, 0 if none) are averaged over the origins. ``short`` counts origins whose filtered list
has fewer than k entries.

Run from the repo root (``KOERS_DATA_DIR`` selects the knowledge base; ``KOERS_ONET_DIR``
and ``KOERS_ONET_CROSSWALK`` override the O*NET folder and the crosswalk, as in
``devsets_en.py``)::

    python evaluation/evaluate_transitions.py [--limit 20] [--koers CMD] [--without-onet]
        [--json] [--origins N] [--seed S] [--label-fallback] [--baselines-only]
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

# evaluation/ is not an installed package: make it importable as `evaluation` when this file
# is run as a script (from the repo root or elsewhere).
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from evaluation.devsets_en import (  # noqa: E402
    DEFAULT_CROSSWALK,
    DEFAULT_ONET_DIR,
    EscoOccupations,
    _env_path,
    _read_tsv,
    normalize,
    read_crosswalk,
)
from evaluation.evaluate_search import default_koers_command, mean, reciprocal_rank  # noqa: E402
from evaluation.tables import print_table  # noqa: E402

if TYPE_CHECKING:
    from koers.taxonomy import Taxonomy

JsonDict = dict[str, Any]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

RELATED_FILE = "Related Occupations.txt"
PRIMARY_TIERS = ("Primary-Short", "Primary-Long")
DEPTH = 100  # occupations asked from every ranker (koers --limit)
OPTIONAL_WEIGHT = 0.5
BASELINES = ("cosine", "coverage", "coverage_essential", "random")


# --------------------------------------------------------------------------- reference


@dataclass(frozen=True)
class Reference:
    """Relevant targets and O*NET-sharing occupations per origin (origins have >= 1 target)."""

    targets: dict[str, frozenset[str]]
    shared: dict[str, frozenset[str]]  # other occupations sharing an O*NET-SOC code with it

    @property
    def origins(self) -> list[str]:
        return sorted(self.targets)


def read_related_occupations(
    path: Path, tiers: Collection[str] = PRIMARY_TIERS
) -> dict[str, set[str]]:
    """O*NET-SOC code -> related O*NET-SOC codes of the given relatedness tiers."""
    related: dict[str, set[str]] = defaultdict(set)
    for row in _read_tsv(path):
        code = (row.get("O*NET-SOC Code") or "").strip()
        other = (row.get("Related O*NET-SOC Code") or "").strip()
        tier = (row.get("Relatedness Tier") or "").strip()
        if code and other and tier in tiers:
            related[code].add(other)
    return dict(related)


def codes_by_uri(soc_to_uris: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """Invert the crosswalk: ESCO occupation URI -> its O*NET-SOC codes."""
    inverted: dict[str, set[str]] = defaultdict(set)
    for soc, uris in soc_to_uris.items():
        for uri in uris:
            inverted[uri].add(soc)
    return dict(inverted)


def build_reference(
    soc_to_uris: Mapping[str, Collection[str]], related: Mapping[str, Collection[str]]
) -> Reference:
    """Targets and O*NET-sharing occupations for every origin with at least one target."""
    targets: dict[str, frozenset[str]] = {}
    shared: dict[str, frozenset[str]] = {}
    for origin, socs in codes_by_uri(soc_to_uris).items():
        same = {uri for soc in socs for uri in soc_to_uris[soc]} - {origin}
        relevant = {
            uri
            for soc in socs
            for other in related.get(soc, ())
            for uri in soc_to_uris.get(other, ())
        }
        relevant -= same | {origin}
        if relevant:
            targets[origin] = frozenset(relevant)
            shared[origin] = frozenset(same)
    return Reference(targets, shared)


def esco_from_taxonomy(taxonomy: Taxonomy, *, by_label: bool = True) -> EscoOccupations:
    """The code -> URI (and English preferred label -> URI) look-ups of the knowledge base."""
    uri_by_code = {o.code: o.uri for o in taxonomy.occupations if o.code}
    uri_by_label: dict[str, str] = {}
    preferred: dict[str, str] = {}
    for occupation in taxonomy.occupations:
        text = occupation.texts.get("en")
        if text is not None and text.preferred:
            preferred[occupation.uri] = text.preferred
            if by_label:
                uri_by_label.setdefault(normalize(text.preferred), occupation.uri)
    return EscoOccupations(uri_by_code, uri_by_label, preferred, frozenset())


# --------------------------------------------------------------------------- metrics


def filter_ranking(ranked: Iterable[str], origin: str, dropped: Collection[str]) -> list[str]:
    """``ranked`` without the origin, the ``dropped`` URIs and repeats, order kept."""
    seen: set[str] = set()
    kept: list[str] = []
    for uri in ranked:
        if uri != origin and uri not in dropped and uri not in seen:
            seen.add(uri)
            kept.append(uri)
    return kept


def precision_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Hits among the top ``k`` divided by ``k`` (a short list is not rewarded)."""
    return sum(uri in relevant for uri in ranked[:k]) / k


def recall_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Hits among the top ``k`` divided by the number of relevant URIs (0.0 if none)."""
    if not relevant:
        return 0.0
    return sum(uri in relevant for uri in ranked[:k]) / len(relevant)


def score_ranker(
    rankings: Mapping[str, Sequence[str]], reference: Reference, k: int, depth: int = DEPTH
) -> JsonDict:
    """Mean precision@k, recall@k and MRR (first ``depth``) over the reference origins.

    ``rankings`` maps origin -> ranked URIs before filtering; a missing origin scores 0.
    """
    precision: list[float] = []
    recall: list[float] = []
    rr: list[float] = []
    short = 0
    for origin in reference.origins:
        relevant = reference.targets[origin]
        ranked = filter_ranking(rankings.get(origin, ()), origin, reference.shared[origin])
        precision.append(precision_at_k(ranked, relevant, k))
        recall.append(recall_at_k(ranked, relevant, k))
        rr.append(reciprocal_rank(ranked, relevant, depth))
        short += len(ranked) < k
    return {
        "n": len(precision),
        f"precision@{k}": mean(precision),
        f"recall@{k}": mean(recall),
        "mrr": mean(rr),
        "short": short,
    }


# --------------------------------------------------------------------------- baselines


def skill_matrices(
    occupation: npt.ArrayLike,
    skill: npt.ArrayLike,
    essential: npt.ArrayLike,
    shape: tuple[int, int],
    optional_weight: float = OPTIONAL_WEIGHT,
) -> tuple[Any, Any]:
    """(weighted, essential) occupation x skill CSR matrices from the relation arrays.

    ``weighted`` holds 1 for essential and ``optional_weight`` for optional skills (the
    larger value if a pair is listed twice); ``essential`` holds 1 for essential skills.
    """
    occ = np.asarray(occupation, dtype=np.int64)
    skl = np.asarray(skill, dtype=np.int64)
    ess = np.asarray(essential, dtype=bool)
    weights = np.where(ess, 1.0, optional_weight)
    # Maximum over duplicate (occupation, skill) pairs, then one entry per pair.
    order = np.lexsort((-weights, skl, occ))
    occ, skl, weights, ess = occ[order], skl[order], weights[order], ess[order]
    first = np.ones(len(occ), dtype=bool)
    first[1:] = (occ[1:] != occ[:-1]) | (skl[1:] != skl[:-1])
    weighted = sp.csr_matrix((weights[first], (occ[first], skl[first])), shape=shape)
    ess_rows = np.unique(np.stack([occ[ess], skl[ess]]), axis=1)
    essential_m = sp.csr_matrix(
        (np.ones(ess_rows.shape[1]), (ess_rows[0], ess_rows[1])), shape=shape
    )
    return weighted, essential_m


def cosine_scores(weighted: Any, rows: IntArray) -> FloatArray:
    """Cosine similarity of the ``rows`` occupations to every occupation."""
    dot = np.asarray((weighted[rows] @ weighted.T).toarray(), dtype=np.float64)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1), dtype=np.float64)).ravel()
    denom = np.outer(norms[rows], norms)
    scores: FloatArray = np.divide(dot, denom, out=np.zeros_like(dot), where=denom > 0)
    return scores


def coverage_scores(origin_skills: Any, essential: Any, rows: IntArray) -> FloatArray:
    """Share of each target's essential skills found among the ``rows`` origins' skills.

    A target without essential skills scores 0.
    """
    has = (origin_skills[rows] != 0).astype(np.float64)
    ess = (essential != 0).astype(np.float64)
    covered = np.asarray((has @ ess.T).toarray(), dtype=np.float64)
    n_essential = np.asarray(ess.sum(axis=1), dtype=np.float64).ravel()
    return np.divide(
        covered,
        n_essential[None, :],
        out=np.zeros_like(covered),
        where=n_essential[None, :] > 0,
    )


def random_scores(n_rows: int, n_columns: int, seed: int) -> FloatArray:
    """Seeded uniform random scores."""
    scores: FloatArray = np.random.default_rng(seed).random((n_rows, n_columns))
    return scores


def top_indices(scores: FloatArray, rows: IntArray, depth: int = DEPTH) -> IntArray:
    """Per row the ``depth`` best column indices, best first, excluding the row's own column.

    ``scores[i]`` scores every occupation for origin ``rows[i]``. Ties (after rounding off
    floating-point noise) go to the lower index, i.e. the lower URI.
    """
    ranked = np.round(scores, 12)
    ranked[np.arange(len(rows)), rows] = -np.inf
    order = np.argsort(-ranked, axis=1, kind="stable")
    return order[:, : min(depth, scores.shape[1] - 1)].astype(np.int64)


def baseline_rankings(
    taxonomy: Taxonomy, origins: Sequence[str], seed: int, depth: int = DEPTH
) -> dict[str, dict[str, list[str]]]:
    """Baseline name -> origin URI -> top ``depth`` URIs (origin excluded)."""
    uris = [o.uri for o in taxonomy.occupations]
    rows = np.array([taxonomy.occupation_index[u] for u in origins], dtype=np.int64)
    shape = (len(taxonomy.occupations), len(taxonomy.skills))
    weighted, essential = skill_matrices(
        taxonomy.occupation_skill_occupation,
        taxonomy.occupation_skill_skill,
        taxonomy.occupation_skill_essential,
        shape,
    )
    scores = {
        "cosine": cosine_scores(weighted, rows),
        "coverage": coverage_scores(weighted, essential, rows),
        "coverage_essential": coverage_scores(essential, essential, rows),
        "random": random_scores(len(rows), len(uris), seed),
    }
    result: dict[str, dict[str, list[str]]] = {}
    for name in BASELINES:
        top = top_indices(scores[name], rows, depth)
        result[name] = {origin: [uris[j] for j in top[i]] for i, origin in enumerate(origins)}
    return result


# --------------------------------------------------------------------------- running koers


def parse_transitions_output(
    stdout: str, origins: Sequence[str]
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Rankings (origin -> URIs, best first) and errors (origin -> message) from koers output."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    if len(lines) != len(origins):
        raise SystemExit(f"error: koers printed {len(lines)} JSON lines for {len(origins)} origins")
    rankings: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    for line_no, (line, origin) in enumerate(zip(lines, origins, strict=True), start=1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"error: output line {line_no} is not JSON: {exc}") from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("transitions"), list):
            raise SystemExit(f"error: output line {line_no} has no 'transitions' list")
        if obj.get("origin") != origin:
            raise SystemExit(
                f"error: output line {line_no} is for {obj.get('origin')!r}, expected {origin!r}"
            )
        if obj.get("error"):
            errors[origin] = str(obj["error"])
        rankings[origin] = [
            str(t["uri"]) for t in obj["transitions"] if isinstance(t, dict) and t.get("uri")
        ]
    return rankings, errors


def run_koers(
    koers: Sequence[str], origins: Sequence[str], *, without_onet: bool, depth: int = DEPTH
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Run one ``koers transitions --batch`` process for all ``origins``."""
    with tempfile.TemporaryDirectory(prefix="koers-eval-") as tmp:
        batch = Path(tmp) / "origins.txt"
        batch.write_text("".join(f"{uri}\n" for uri in origins), encoding="utf-8")
        cmd = [*koers, "transitions", "--batch", str(batch), "--limit", str(depth), "--json"]
        cmd.append("--plain")
        if without_onet:
            cmd.append("--without-onet")
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, encoding="utf-8", check=False
            )
        except OSError as exc:
            raise SystemExit(f"error: cannot run {shlex.join(cmd)}: {exc}") from exc
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"error: {shlex.join(cmd)} exited with {proc.returncode}")
    return parse_transitions_output(proc.stdout, origins)


# --------------------------------------------------------------------------- output


def table_rows(report: JsonDict) -> list[list[str]]:
    """Rows (ranker, n, precision@k, recall@k, MRR, short) for printing."""
    k = report["limit"]
    columns = ("n", f"precision@{k}", f"recall@{k}", "mrr", "short")
    return [
        [name, *(f"{m[c]:.3f}" if isinstance(m[c], float) else str(m[c]) for c in columns)]
        for name, m in report["rankers"].items()
    ]


def print_report(report: JsonDict) -> None:
    """Print the metrics table and a few facts about the run."""
    k = report["limit"]
    header = ["ranker", "origins", f"P@{k}", f"R@{k}", f"MRR@{DEPTH}", f"short (<{k})"]
    rows = table_rows(report)
    ref = report["reference"]
    notes = [
        f"origins: {report['origins']} evaluated, {ref['origins']} in the reference "
        f"({ref['occupations_mapped']} of {ref['occupations']} occupations mapped to O*NET; "
        f"{ref['codes_by_label']} crosswalk codes matched by label, "
        f"{ref['codes_unresolved']} unresolved)",
        f"mean targets per origin: {ref['mean_targets']:.1f}; "
        f"mean dropped (shared O*NET code): {ref['mean_shared']:.1f}",
    ]
    if "koers" in report:
        notes.append(
            f"koers: {shlex.join(report['koers'])}"
            + (" --without-onet" if report["without_onet"] else "")
            + f"; {report['koers_errors']} origin(s) answered with an error"
        )
    notes.append("seconds: " + ", ".join(f"{n} {s:.1f}" for n, s in report["seconds"].items()))
    console = print_table("Koers career transitions vs O*NET related occupations", header, rows)
    console.print("\n".join(notes), markup=False, highlight=False)


# --------------------------------------------------------------------------- main


def load_taxonomy() -> Taxonomy:
    """The knowledge base selected by KOERS_DATA_DIR; exits with a message if it is missing."""
    from koers import config
    from koers.taxonomy import SnapshotError, load_snapshot

    try:
        return load_snapshot(config.snapshot_path())
    except SnapshotError as exc:
        raise SystemExit(f"error: {exc}") from exc


def reference_for(taxonomy: Taxonomy, *, by_label: bool) -> tuple[Reference, JsonDict]:
    """Build the reference from the crosswalk and O*NET, with statistics about it."""
    crosswalk = _env_path("KOERS_ONET_CROSSWALK", DEFAULT_CROSSWALK)
    related_path = _env_path("KOERS_ONET_DIR", DEFAULT_ONET_DIR) / RELATED_FILE
    try:
        esco = esco_from_taxonomy(taxonomy, by_label=by_label)
        soc_to_uris, n_by_label, n_unresolved = read_crosswalk(crosswalk, esco)
        related = read_related_occupations(related_path)
    except FileNotFoundError as exc:
        raise SystemExit(f"error: evaluation data not found: {exc}") from exc
    reference = build_reference(soc_to_uris, related)
    stats = {
        "occupations": len(taxonomy.occupations),
        "occupations_mapped": len(codes_by_uri(soc_to_uris)),
        "onet_codes_mapped": len(soc_to_uris),
        "codes_by_label": n_by_label,
        "codes_unresolved": n_unresolved,
        "origins": len(reference.targets),
        "mean_targets": mean([len(t) for t in reference.targets.values()]),
        "mean_shared": mean([len(s) for s in reference.shared.values()]),
    }
    return reference, stats


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=20, help="k of precision/recall@k (20)")
    parser.add_argument("--koers", default=None, help="koers command (default: auto-detected)")
    parser.add_argument("--without-onet", action="store_true", help="pass on to koers")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--origins", type=int, default=None, metavar="N", help="sample N origins")
    parser.add_argument("--seed", type=int, default=13, help="seed: random baseline, sample (13)")
    parser.add_argument(
        "--label-fallback",
        action="store_true",
        help="also match crosswalk codes missing from ESCO v1.1.1 by label (2,867 origins)",
    )
    parser.add_argument("--baselines-only", action="store_true", help="do not run koers")
    args = parser.parse_args(argv)
    if not 1 <= args.limit <= DEPTH:
        parser.error(f"--limit must be between 1 and {DEPTH}")
    if args.origins is not None and args.origins < 1:
        parser.error("--origins must be >= 1")

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    taxonomy = load_taxonomy()
    reference, ref_stats = reference_for(taxonomy, by_label=args.label_fallback)
    origins = reference.origins
    if args.origins is not None and args.origins < len(origins):
        origins = sorted(random.Random(args.seed).sample(origins, args.origins))
        reference = Reference(
            {o: reference.targets[o] for o in origins}, {o: reference.shared[o] for o in origins}
        )
    seconds["load_and_reference"] = time.perf_counter() - started

    k: int = args.limit
    report: JsonDict = {"limit": k, "depth": DEPTH, "origins": len(origins)}
    rankings: dict[str, Mapping[str, Sequence[str]]] = {}
    if not args.baselines_only:
        koers = shlex.split(args.koers) if args.koers else default_koers_command()
        started = time.perf_counter()
        rankings["koers"], errors = run_koers(koers, origins, without_onet=args.without_onet)
        seconds["koers"] = time.perf_counter() - started
        report.update(koers=koers, without_onet=args.without_onet, koers_errors=len(errors))
    started = time.perf_counter()
    rankings.update(baseline_rankings(taxonomy, origins, args.seed))
    seconds["baselines"] = time.perf_counter() - started

    report["rankers"] = {name: score_ranker(r, reference, k) for name, r in rankings.items()}
    report["reference"] = ref_stats
    report["seconds"] = seconds
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
