"""Open ESCO CSV downloads (zip files or folders) and tell their files apart by name."""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from koers.taxonomy.messages import ImportReport

# Some ESCO fields are very long (627,354 characters in conceptSchemes_en.csv).
csv.field_size_limit(sys.maxsize)

_VERSION = re.compile(r"v(\d+\.\d+(?:\.\d+)?)", re.IGNORECASE)

# kind, pattern on the file name (without folders); group "lang" is the language code.
_FILE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern + r"\.csv$", re.IGNORECASE))
    for kind, pattern in (
        ("occupations", r"occupations_(?P<lang>[a-z]{2,3})"),
        ("skills", r"skills_(?P<lang>[a-z]{2,3})"),
        ("isco_groups", r"ISCOGroups_(?P<lang>[a-z]{2,3})"),
        ("skill_groups", r"skillGroups_(?P<lang>[a-z]{2,3})"),
        ("skills_hierarchy", r"skillsHierarchy_(?P<lang>[a-z]{2,3})"),
        ("occupation_collection", r"\w*OccupationsCollection_(?P<lang>[a-z]{2,3})"),
        ("skill_collection", r"\w*SkillsCollection_(?P<lang>[a-z]{2,3})"),
        ("occupation_skill_relations", r"occupationSkillRelations(?:_(?P<lang>[a-z]{2,3}))?"),
        ("broader_occupations", r"broaderRelationsOccPillar(?:_(?P<lang>[a-z]{2,3}))?"),
        ("broader_skills", r"broaderRelationsSkillPillar(?:_(?P<lang>[a-z]{2,3}))?"),
        ("skill_skill_relations", r"skillSkillRelations(?:_(?P<lang>[a-z]{2,3}))?"),
        # Not an official ESCO file: the preferred labels of skills in one language
        # (conceptUri, preferredLabel), for a language whose download lacks skills_xx.csv.
        ("skill_labels", r"skill_labels_(?P<lang>[a-z]{2,3})"),
        # Official files that Koers does not use (yet).
        ("unused", r"(?:conceptSchemes|greenShareOcc|dictionary)(?:_(?P<lang>[a-z]{2,3}))?"),
    )
)

RELATION_KINDS = frozenset(
    {
        "occupation_skill_relations",
        "broader_occupations",
        "broader_skills",
        "skill_skill_relations",
    }
)


@dataclass(frozen=True, slots=True)
class EscoFile:
    """One CSV file inside a package."""

    package: str
    name: str
    kind: str
    language: str
    opener: Callable[[], io.TextIOBase]
    size: int

    @property
    def label(self) -> str:
        """How messages name the file: package and file name."""
        return f"{self.package}/{self.name}"


@dataclass(frozen=True, slots=True)
class Package:
    name: str
    version: str
    files: tuple[EscoFile, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({f.language for f in self.files if f.language}))

    def has(self, kind: str) -> bool:
        return any(f.kind == kind for f in self.files)


def parse_version(*names: str) -> str:
    """The ESCO version in the first name that carries one, like ``1.2.1``; else ``unknown``."""
    for name in names:
        match = _VERSION.search(name)
        if match:
            return match.group(1)
    return "unknown"


def classify(file_name: str) -> tuple[str, str]:
    """The kind and language of an ESCO file by its name; kind ``unknown`` if it is not one."""
    base = file_name.rsplit("/", 1)[-1]
    for kind, pattern in _FILE_KINDS:
        match = pattern.fullmatch(base)
        if match:
            return kind, (match.group("lang") or "").lower()
    return "unknown", ""


def open_package(path: Path, report: ImportReport) -> Package | None:
    """Read the file list of a zip or a folder; ``None`` (and an error) if it cannot be read."""
    if path.is_dir():
        return _folder_package(path, report)
    if path.is_file():
        return _zip_package(path, report)
    report.error(str(path), 0, "", "no such file or folder", "missing_input")
    return None


def _folder_package(path: Path, report: ImportReport) -> Package:
    files = []
    for file_path in sorted(p for p in path.rglob("*") if p.is_file()):
        relative = file_path.relative_to(path).as_posix()
        if not file_path.name.lower().endswith(".csv"):
            report.notice(f"{path.name}/{relative}", "not a CSV file; ignored")
            continue
        kind, lang = classify(relative)

        def opener(p: Path = file_path) -> io.TextIOBase:
            return open(p, encoding="utf-8-sig", newline="")

        files.append(EscoFile(path.name, relative, kind, lang, opener, file_path.stat().st_size))
    return Package(path.name, parse_version(path.name), tuple(files))


def _zip_package(path: Path, report: ImportReport) -> Package | None:
    try:
        archive = zipfile.ZipFile(path)
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        report.error(path.name, 0, "", f"not a readable zip file ({exc})", "bad_zip")
        return None
    files = []
    for info in infos:
        if not info.filename.lower().endswith(".csv"):
            report.notice(f"{path.name}/{info.filename}", "not a CSV file; ignored")
            continue
        kind, lang = classify(info.filename)

        def opener(name: str = info.filename) -> io.TextIOBase:
            return io.TextIOWrapper(archive.open(name), encoding="utf-8-sig", newline="")

        files.append(EscoFile(path.name, info.filename, kind, lang, opener, info.file_size))
    folders = [i.filename for i in infos]
    return Package(path.name, parse_version(path.name, *folders), tuple(files))


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    values: dict[str, str]


def read_rows(
    esco_file: EscoFile,
    required: tuple[str, ...],
    report: ImportReport,
    *,
    exact: bool = False,
) -> Iterator[Row]:
    """Rows of a CSV file as dicts by header name; broken rows and bad headers become errors.

    A missing required column stops the file (one error), and so does any other column when
    ``exact``; a row with the wrong number of fields is an error and is skipped so that all
    such rows are reported at once.
    """
    label = esco_file.label
    try:
        with esco_file.opener() as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                report.error(label, 1, "", "the file is empty: no header row", "bad_header")
                return
            header = [h.strip() for h in header]
            missing = [c for c in required if c not in header]
            if missing:
                report.error(
                    label,
                    1,
                    missing[0],
                    f"missing column(s) {', '.join(missing)}; found: {', '.join(header)}",
                    "bad_header",
                )
                return
            extra = [c for c in header if c not in required]
            if exact and extra:
                report.error(
                    label,
                    1,
                    extra[0],
                    f"unexpected column(s) {', '.join(extra)}: this file has only the columns "
                    f"{', '.join(required)}",
                    "bad_header",
                )
                return
            width = len(header)
            # ESCO leaves out empty trailing fields (skillsHierarchy does): a short row is
            # fine while it still reaches every required column.
            needed = max((header.index(c) + 1 for c in required), default=0)
            for number, values in enumerate(reader, start=2):
                if not values:
                    continue
                if len(values) > width or len(values) < needed:
                    report.error(
                        label,
                        number,
                        header[min(len(values), width) - 1] if len(values) < needed else "",
                        f"broken row: {len(values)} fields where the header has {width}",
                        "broken_row",
                    )
                    continue
                yield Row(number, dict(zip(header, values, strict=False)))
    except (zipfile.BadZipFile, OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
        report.error(label, 0, "", f"cannot read the file ({type(exc).__name__}: {exc})", "bad_zip")
