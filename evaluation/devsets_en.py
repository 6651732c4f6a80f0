"""Development sets for evaluating Koers job-title search.

English set (built at run time, never committed): job titles from O*NET 29.1
(``Alternate Titles.txt`` and ``Sample of Reported Titles.txt``) are mapped to ESCO
occupations through the ESCO -> O*NET-SOC 2019 crosswalk and the ESCO v1.1.1 English
occupations table. The gold for a title is the set of ESCO occupation URIs the crosswalk
gives for the O*NET-SOC code(s) that list the title.

* Only ESCO occupation codes (with a dot, e.g. ``2654.1.7``) are used; plain ISCO codes
  in the crosswalk are ignored. The crosswalk was made for ESCO v1.1.0; a few codes changed
  in v1.1.1, those are resolved by their (normalised) preferred label instead.
* Only O*NET-SOC codes mapping to 1..``max_gold`` (default 5) ESCO occupations are kept.
* Titles are deduplicated case-insensitively. A title listed under several O*NET-SOC codes
  gets the union of their gold sets; it is dropped if any of those codes is not kept or the
  union exceeds ``max_gold``.
* ``kind`` is ``"exact"`` when the title equals (case-insensitively) any English ESCO label
  (preferred, alternative or hidden) of any occupation, else ``"not_exact"``.
* A deterministic seeded sample (default 2,000 titles) keeps evaluation fast.

Dutch sets: read from the committed ``evaluation/devsets/nl_titles.tsv`` and
``evaluation/devsets/nl_everyday.tsv`` (header ``query<TAB>uris<TAB>gold_label_nl<TAB>kind``,
URIs separated by ``|``).

Default data locations are relative to the repo root: ``../shared/data/onet-29.1-richting``
(override with ``KOERS_ONET_DIR``), ``../shared/data/crosswalks/ESCO_to_ONET-SOC_2019.csv``
(``KOERS_ONET_CROSSWALK``) and the ESCO v1.1.1 English CSV zip (``KOERS_ESCO_EN_ZIP``).

Run from the repo root to print statistics about the English set::

    python evaluation/devsets_en.py [--sample 2000] [--seed 13]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import sys
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# KOERS_ESCO_DIR as `make` sets it, else the shared data next to the checkout.
SHARED_DATA = Path(os.environ.get("KOERS_ESCO_DIR") or REPO_ROOT.parent / "shared" / "data")
DEFAULT_ONET_DIR = SHARED_DATA / "onet-29.1-richting"
DEFAULT_CROSSWALK = SHARED_DATA / "crosswalks" / "ESCO_to_ONET-SOC_2019.csv"
DEFAULT_ESCO_ZIP = (
    SHARED_DATA / "esco-v1.1.1-en-tabiya" / "ESCO dataset - v1.1.1 - classification - en - csv.zip"
)
DEFAULT_NL_DEVSET = REPO_ROOT / "evaluation" / "devsets" / "nl_titles.tsv"
DEFAULT_NL_EVERYDAY = REPO_ROOT / "evaluation" / "devsets" / "nl_everyday.tsv"

ALTERNATE_TITLES_FILE = "Alternate Titles.txt"
REPORTED_TITLES_FILE = "Sample of Reported Titles.txt"
OCCUPATIONS_MEMBER = "occupations_en.csv"

KIND_EXACT = "exact"
KIND_NOT_EXACT = "not_exact"


@dataclass(frozen=True)
class DevItem:
    """One evaluation query with its set of acceptable ESCO occupation URIs."""

    query: str
    uris: frozenset[str]
    kind: str
    # Human-readable gold label(s), only used for error analysis output.
    gold_label: str = field(default="", compare=False)


@dataclass(frozen=True)
class EnDevsetStats:
    """Figures about how the English set was derived (before and after sampling)."""

    titles_read: int  # title rows read from both O*NET files
    titles_distinct: int  # distinct titles after case-insensitive deduplication
    soc_codes_mapped: int  # O*NET-SOC codes with >= 1 ESCO occupation in the crosswalk
    soc_codes_kept: int  # ... of which map to at most max_gold occupations
    esco_codes_unresolved: int  # crosswalk ESCO codes not found in v1.1.1 (by code or label)
    esco_codes_by_label: int  # crosswalk ESCO codes resolved by preferred label instead of code
    available: int  # titles with a usable gold set (before sampling)
    available_exact: int  # ... of which equal an English ESCO label
    sampled: int
    sampled_exact: int


def normalize(text: str) -> str:
    """Case-fold and collapse all (Unicode) whitespace, for label comparison."""
    return " ".join(text.split()).casefold()


def _env_path(env_var: str, default: Path) -> Path:
    value = os.environ.get(env_var)
    return Path(value) if value else default


def _read_tsv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


def read_onet_titles(onet_dir: Path) -> list[tuple[str, str]]:
    """Return (O*NET-SOC code, title) pairs from the alternate and reported titles files."""
    pairs: list[tuple[str, str]] = []
    sources = (
        (ALTERNATE_TITLES_FILE, "Alternate Title"),
        (REPORTED_TITLES_FILE, "Reported Job Title"),
    )
    for filename, column in sources:
        for row in _read_tsv(onet_dir / filename):
            title = " ".join((row.get(column) or "").split())
            code = (row.get("O*NET-SOC Code") or "").strip()
            if title and code:
                pairs.append((code, title))
    return pairs


@dataclass(frozen=True)
class EscoOccupations:
    """The parts of ESCO occupations_en.csv needed here."""

    uri_by_code: dict[str, str]
    uri_by_label: dict[str, str]  # normalised preferred label -> URI
    preferred_label: dict[str, str]  # URI -> preferred label
    all_labels: frozenset[str]  # normalised preferred, alternative and hidden labels


def _split_labels(value: str | None) -> Iterable[str]:
    return (part for part in (value or "").split("\n") if part.strip())


def read_esco_occupations(esco_zip: Path) -> EscoOccupations:
    """Read occupations_en.csv from the official ESCO CSV zip."""
    with zipfile.ZipFile(esco_zip) as zf:
        member = next(
            (n for n in zf.namelist() if n.rsplit("/", 1)[-1] == OCCUPATIONS_MEMBER), None
        )
        if member is None:
            raise FileNotFoundError(f"{OCCUPATIONS_MEMBER} not found in {esco_zip}")
        text = zf.read(member).decode("utf-8-sig")
    uri_by_code: dict[str, str] = {}
    uri_by_label: dict[str, str] = {}
    preferred: dict[str, str] = {}
    labels: set[str] = set()
    for row in csv.DictReader(io.StringIO(text, newline="")):
        uri = (row.get("conceptUri") or "").strip()
        if not uri:
            continue
        pref = " ".join((row.get("preferredLabel") or "").split())
        preferred[uri] = pref
        code = (row.get("code") or "").strip()
        if code:
            uri_by_code[code] = uri
        if pref:
            uri_by_label.setdefault(normalize(pref), uri)
            labels.add(normalize(pref))
        for column in ("altLabels", "hiddenLabels"):
            labels.update(normalize(label) for label in _split_labels(row.get(column)))
    return EscoOccupations(uri_by_code, uri_by_label, preferred, frozenset(labels))


def isco_groups(esco_zip: str | Path | None = None) -> dict[str, str]:
    """The ISCO-08 unit group (the 4 digits before the first dot of the ESCO code) per URI."""
    zip_path = Path(esco_zip) if esco_zip else _env_path("KOERS_ESCO_EN_ZIP", DEFAULT_ESCO_ZIP)
    if not zip_path.is_file():
        raise FileNotFoundError(zip_path)
    esco = read_esco_occupations(zip_path)
    return {uri: code.split(".")[0] for code, uri in esco.uri_by_code.items()}


def read_crosswalk(crosswalk: Path, esco: EscoOccupations) -> tuple[dict[str, set[str]], int, int]:
    """Map O*NET-SOC code -> ESCO URIs.

    Returns the mapping, the number of ESCO codes resolved by label and the number of
    ESCO codes that could not be resolved at all.
    """
    soc_to_uris: dict[str, set[str]] = defaultdict(set)
    by_label: set[str] = set()
    unresolved: set[str] = set()
    with crosswalk.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            esco_code = (row.get("ESCO/ISCO Code") or "").strip()
            soc_code = (row.get("O*NET-SOC 2019 Code") or "").strip()
            if "." not in esco_code or not soc_code:
                continue  # plain ISCO group, not an occupation
            uri = esco.uri_by_code.get(esco_code)
            if uri is None:
                uri = esco.uri_by_label.get(normalize(row.get("ESCO/ISCO Title") or ""))
                if uri is None:
                    unresolved.add(esco_code)
                    continue
                by_label.add(esco_code)
            soc_to_uris[soc_code].add(uri)
    return dict(soc_to_uris), len(by_label), len(unresolved)


def build_en_devset(
    onet_dir: str | Path | None = None,
    esco_zip: str | Path | None = None,
    *,
    crosswalk: str | Path | None = None,
    sample: int | None = 2000,
    seed: int = 13,
    max_gold: int = 5,
) -> tuple[list[DevItem], EnDevsetStats]:
    """Build the English devset and return it with statistics (see module docstring)."""
    onet_path = Path(onet_dir) if onet_dir else _env_path("KOERS_ONET_DIR", DEFAULT_ONET_DIR)
    zip_path = Path(esco_zip) if esco_zip else _env_path("KOERS_ESCO_EN_ZIP", DEFAULT_ESCO_ZIP)
    cw_path = Path(crosswalk) if crosswalk else _env_path("KOERS_ONET_CROSSWALK", DEFAULT_CROSSWALK)

    esco = read_esco_occupations(zip_path)
    soc_to_uris, n_by_label, n_unresolved = read_crosswalk(cw_path, esco)
    kept_socs = {soc for soc, uris in soc_to_uris.items() if 0 < len(uris) <= max_gold}

    pairs = read_onet_titles(onet_path)
    display: dict[str, str] = {}  # normalised title -> first spelling seen
    socs_of: dict[str, set[str]] = defaultdict(set)
    for soc, title in pairs:
        key = normalize(title)
        display.setdefault(key, title)
        socs_of[key].add(soc)

    items: list[DevItem] = []
    for key, socs in socs_of.items():
        if not socs <= kept_socs:
            continue  # at least one reading of the title has no usable gold
        gold = frozenset(uri for soc in socs for uri in soc_to_uris[soc])
        if len(gold) > max_gold:
            continue
        kind = KIND_EXACT if key in esco.all_labels else KIND_NOT_EXACT
        label = " | ".join(sorted(esco.preferred_label.get(uri, uri) for uri in gold))
        items.append(DevItem(display[key], gold, kind, label))
    items.sort(key=lambda item: normalize(item.query))

    chosen = items
    if sample is not None and 0 < sample < len(items):
        chosen = random.Random(seed).sample(items, sample)
        chosen.sort(key=lambda item: normalize(item.query))

    stats = EnDevsetStats(
        titles_read=len(pairs),
        titles_distinct=len(socs_of),
        soc_codes_mapped=len(soc_to_uris),
        soc_codes_kept=len(kept_socs),
        esco_codes_unresolved=n_unresolved,
        esco_codes_by_label=n_by_label,
        available=len(items),
        available_exact=sum(item.kind == KIND_EXACT for item in items),
        sampled=len(chosen),
        sampled_exact=sum(item.kind == KIND_EXACT for item in chosen),
    )
    return chosen, stats


def load_en_devset(
    onet_dir: str | Path | None = None,
    esco_zip: str | Path | None = None,
    *,
    sample: int | None = 2000,
    seed: int = 13,
) -> list[DevItem]:
    """Build the English devset from O*NET, the crosswalk and ESCO (sampled, deterministic)."""
    items, _ = build_en_devset(onet_dir, esco_zip, sample=sample, seed=seed)
    return items


def load_nl_devset(path: str | Path | None = None) -> list[DevItem]:
    """Read the committed Dutch devset TSV (query, uris, gold_label_nl, kind)."""
    tsv = Path(path) if path else DEFAULT_NL_DEVSET
    items: list[DevItem] = []
    with tsv.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        missing = {"query", "uris"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{tsv}: missing column(s) {sorted(missing)}")
        for line_no, row in enumerate(reader, start=2):
            query = " ".join((row.get("query") or "").split())
            uris = frozenset(u.strip() for u in (row.get("uris") or "").split("|") if u.strip())
            if not query:
                continue
            if not uris:
                raise ValueError(f"{tsv}:{line_no}: no gold URIs for query {query!r}")
            kind = (row.get("kind") or "").strip() or "unknown"
            gold_label = (row.get("gold_label_nl") or "").strip()
            items.append(DevItem(query, uris, kind, gold_label))
    return items


def main(argv: list[str] | None = None) -> int:
    """Print statistics about the English devset."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--onet-dir", default=None)
    parser.add_argument("--esco-zip", default=None)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    _, stats = build_en_devset(args.onet_dir, args.esco_zip, sample=args.sample, seed=args.seed)
    for name, value in asdict(stats).items():
        print(f"{name:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
