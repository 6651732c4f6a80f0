"""O*NET data mapped onto ESCO occupations through the ESCO → O*NET-SOC crosswalk (optional).

Read: skill and knowledge importance ratings (``Skills``, ``Knowledge``), job zones
(``Job Zones``), detailed work activities (``Tasks to DWAs``) and the crosswalk CSV. Never
read: O*NET's related-occupation data (``Related Occupations``, the Career Changers and
Career Starters matrices), which Koers uses only to *evaluate* its transitions.
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from koers.taxonomy import npz_file
from koers.taxonomy.knowledge_base import Taxonomy
from koers.taxonomy.messages import EscoImportError, ImportReport

if TYPE_CHECKING:
    from scipy import sparse

Floats = npt.NDArray[np.float32]

EVALUATION_ONLY = ("related occupations", "career changers matrix", "career starters matrix")
_KINDS = {
    "skills": "ratings",
    "knowledge": "ratings",
    "job zones": "job_zones",
    "tasks to dwas": "dwas",
}


@dataclass(eq=False)
class OnetProfile:
    """O*NET data per ESCO occupation; rows are ordered like ``taxonomy.occupations``.

    An occupation with several O*NET-SOC codes gets the mean of their ratings and job zones
    and the union of their work activities; one with none has ``mapped`` False.
    """

    elements: list[str]
    ratings: Floats
    job_zone: Floats
    activities: sparse.csr_matrix
    activity_ids: list[str]
    mapped: npt.NDArray[np.bool_]
    sources: list[str]

    def info(self) -> dict[str, Any]:
        return {
            "occupations_mapped": int(self.mapped.sum()),
            "rating_elements": len(self.elements),
            "with_job_zone": int((self.job_zone > 0).sum()),
            "work_activities": len(self.activity_ids),
            "sources": self.sources,
        }

    def arrays(self) -> dict[str, Any]:
        """Arrays and texts for the snapshot file."""
        return {
            "onet_ratings": self.ratings,
            "onet_job_zone": self.job_zone,
            "onet_mapped": self.mapped,
            **npz_file.sparse_arrays("onet_activities", self.activities),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, Any], document: dict[str, Any]) -> OnetProfile:
        return cls(
            elements=document["elements"],
            ratings=arrays["onet_ratings"],
            job_zone=arrays["onet_job_zone"],
            activities=npz_file.sparse_matrix("onet_activities", arrays),
            activity_ids=document["activity_ids"],
            mapped=arrays["onet_mapped"],
            sources=document["sources"],
        )


def attach_onet(taxonomy: Taxonomy, paths: Sequence[Path]) -> tuple[Taxonomy, ImportReport]:
    """The taxonomy with O*NET data added; :class:`EscoImportError` when it cannot be read."""
    report = ImportReport()
    profile = read_onet(paths, [o.code for o in taxonomy.occupations], report)
    if profile is None:
        raise EscoImportError(report)
    return dataclasses.replace(taxonomy, onet=profile), report


def read_onet(
    paths: Sequence[Path], occupation_codes: Sequence[str], report: ImportReport
) -> OnetProfile | None:
    """Read O*NET files and the crosswalk from folders or files; ``None`` if errors."""
    files = [p for path in paths for p in (sorted(path.iterdir()) if path.is_dir() else [path])]
    missing = [str(p) for p in paths if not p.exists()]
    for name in missing:
        report.error(name, 0, "", "no such O*NET file or folder", "missing_input")
    ratings: dict[str, dict[str, float]] = defaultdict(dict)
    zones: dict[str, float] = {}
    dwas: dict[str, set[str]] = defaultdict(set)
    crosswalk: dict[str, set[str]] = defaultdict(set)
    sources: list[str] = []
    for path in files:
        stem = path.name.split(".")[0].strip().lower()
        if stem in EVALUATION_ONLY:
            report.notice(path.name, "evaluation data (related occupations): never read")
            continue
        kind = _KINDS.get(stem)
        if kind is None and path.suffix.lower() == ".csv":
            if not _is_crosswalk(path):
                report.notice(path.name, "not the ESCO → O*NET-SOC crosswalk; ignored")
                continue
            kind = "crosswalk"
        if kind is None:
            continue
        rows = _rows(path, _REQUIRED[kind], report)
        if kind == "ratings":
            _read_ratings(path, rows, ratings, report)
        elif kind == "job_zones":
            for number, row in rows:
                value = _number(path, number, row, "Job Zone", report)
                if value is not None:
                    zones[row["O*NET-SOC Code"]] = value
        elif kind == "dwas":
            for _, row in rows:
                dwas[row["O*NET-SOC Code"]].add(row["DWA ID"])
        else:
            for _, row in rows:
                code = row.get("ESCO/ISCO Code", "").strip()
                if "." in code:
                    crosswalk[code].add(row["O*NET-SOC 2019 Code"].strip())
        sources.append(path.name)
    if report.errors:
        return None
    if not crosswalk:
        report.error(
            ", ".join(str(p) for p in paths),
            0,
            "",
            "no ESCO → O*NET-SOC crosswalk found (a CSV with columns 'ESCO/ISCO Code' and "
            "'O*NET-SOC 2019 Code')",
            "bad_header",
        )
        return None
    return _profile(occupation_codes, crosswalk, ratings, zones, dwas, sources)


_REQUIRED = {
    "ratings": ("O*NET-SOC Code", "Element Name", "Scale ID", "Data Value"),
    "job_zones": ("O*NET-SOC Code", "Job Zone"),
    "dwas": ("O*NET-SOC Code", "DWA ID"),
    "crosswalk": ("ESCO/ISCO Code", "O*NET-SOC 2019 Code"),
}


def _is_crosswalk(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return False
    return all(column in header for column in _REQUIRED["crosswalk"])


def _rows(
    path: Path, required: tuple[str, ...], report: ImportReport
) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows by header name; a missing column or an unreadable file is an error."""
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            delimiter = "," if path.suffix.lower() == ".csv" else "\t"
            reader = csv.DictReader(text, delimiter=delimiter)
            header = reader.fieldnames or []
            absent = [c for c in required if c not in header]
            if absent:
                report.error(
                    path.name, 1, absent[0], f"missing column(s) {', '.join(absent)}", "bad_header"
                )
                return
            yield from enumerate(reader, start=2)
    except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
        report.error(path.name, 0, "", f"cannot read the file ({exc})", "bad_file")


def _number(
    path: Path, number: int, row: dict[str, str], column: str, report: ImportReport
) -> float | None:
    try:
        return float(row[column])
    except (TypeError, ValueError):
        report.error(path.name, number, column, f"not a number: {row.get(column)!r}", "bad_value")
        return None


def _read_ratings(
    path: Path,
    rows: Iterator[tuple[int, dict[str, str]]],
    ratings: dict[str, dict[str, float]],
    report: ImportReport,
) -> None:
    domain = path.name.split(".")[0].strip()
    for number, row in rows:
        if row["Scale ID"] != "IM":
            continue
        value = _number(path, number, row, "Data Value", report)
        if value is not None:
            ratings[row["O*NET-SOC Code"]][f"{domain}: {row['Element Name']}"] = value


def _profile(
    occupation_codes: Sequence[str],
    crosswalk: dict[str, set[str]],
    ratings: dict[str, dict[str, float]],
    zones: dict[str, float],
    dwas: dict[str, set[str]],
    sources: list[str],
) -> OnetProfile:
    # Imported here, not at the top: loading a knowledge base needs no scipy for this module.
    from scipy import sparse

    elements = sorted({e for values in ratings.values() for e in values})
    element_index = {e: i for i, e in enumerate(elements)}
    activity_ids = sorted({a for values in dwas.values() for a in values})
    activity_index = {a: i for i, a in enumerate(activity_ids)}
    n = len(occupation_codes)
    matrix = np.zeros((n, len(elements)), dtype=np.float32)
    job_zone = np.zeros(n, dtype=np.float32)
    mapped = np.zeros(n, dtype=np.bool_)
    rows: list[int] = []
    cols: list[int] = []
    for row, code in enumerate(occupation_codes):
        socs = [s for s in sorted(crosswalk.get(code, ())) if s in ratings or s in dwas]
        if not socs:
            continue
        mapped[row] = True
        rated = [s for s in socs if s in ratings]
        for soc in rated:
            for element, value in ratings[soc].items():
                matrix[row, element_index[element]] += value / len(rated)
        zoned = [zones[s] for s in socs if s in zones]
        job_zone[row] = sum(zoned) / len(zoned) if zoned else 0.0
        for activity in sorted({a for s in socs for a in dwas.get(s, ())}):
            rows.append(row)
            cols.append(activity_index[activity])
    activities = sparse.csr_matrix(
        (np.ones(len(rows), np.float32), (rows, cols)), shape=(n, max(1, len(activity_ids)))
    )
    return OnetProfile(elements, matrix, job_zone, activities, activity_ids, mapped, sources)
