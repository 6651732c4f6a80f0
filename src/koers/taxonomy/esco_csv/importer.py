"""One import: open the packages, choose the base, read its files in order, finish."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from koers.taxonomy.esco_csv.finish import check_label_coverage, finish
from koers.taxonomy.esco_csv.rows import Build, read_file
from koers.taxonomy.knowledge_base import Taxonomy
from koers.taxonomy.messages import EscoImportError, ImportReport
from koers.taxonomy.model import SourcePackage
from koers.taxonomy.sources import RELATION_KINDS, EscoFile, Package, open_package

ProgressCallback = Callable[[str, int, int], None]
"""Called with (file label, bytes done, bytes in all) after each file."""


def import_esco(
    paths: Sequence[Path], *, on_progress: ProgressCallback | None = None
) -> tuple[Taxonomy, ImportReport]:
    """Read ESCO CSV packages (zip files or folders) into a taxonomy.

    Raises :class:`EscoImportError` carrying the report when anything is wrong enough to stop.
    """
    report = ImportReport()
    packages = [p for p in (open_package(Path(path), report) for path in paths) if p]
    _stop_on_errors(report)
    base = _base_packages(packages, report)
    _stop_on_errors(report)

    build = Build(report)
    total = sum(f.size for p in packages for f in p.files)
    done = 0
    for esco_file, is_base in _reading_order(packages, base, report):
        read_file(build, esco_file, is_base=is_base)
        done += esco_file.size
        if on_progress is not None:
            on_progress(esco_file.label, done, total)
    _stop_on_errors(report)
    sources = tuple(SourcePackage(p.name, p.version, p.languages, p in base) for p in packages)
    taxonomy = finish(build, sources)
    check_label_coverage(taxonomy, packages, report)
    return taxonomy, report


def _stop_on_errors(report: ImportReport) -> None:
    if report.errors:
        raise EscoImportError(report)


def _base_packages(packages: list[Package], report: ImportReport) -> list[Package]:
    holders = [p for p in packages if p.has("occupation_skill_relations")]
    if not holders:
        names = ", ".join(p.name for p in packages) or "no inputs"
        report.error(
            names,
            0,
            "",
            "no base: none of the inputs holds occupationSkillRelations.csv "
            "(add the language-independent ESCO package)",
            "no_base",
        )
        return []
    versions = {p.version for p in holders}
    if len(versions) > 1:
        report.error(
            ", ".join(p.name for p in holders),
            0,
            "",
            f"several base packages of different ESCO versions ({', '.join(sorted(versions))}): "
            "give one version's language-independent package",
            "no_base",
        )
        return []
    version = versions.pop()
    return [p for p in packages if p.version == version]


# Concept files first (base, then the others), relations last: relations need the concepts.
_ORDER = (
    "isco_groups",
    "skill_groups",
    "skills_hierarchy",
    "occupations",
    "skills",
    "occupation_collection",
    "skill_collection",
    "skill_labels",
    "broader_occupations",
    "broader_skills",
    "occupation_skill_relations",
    "skill_skill_relations",
)


def _reading_order(
    packages: list[Package], base: list[Package], report: ImportReport
) -> Iterable[tuple[EscoFile, bool]]:
    # Skill labels come from skills_xx.csv when any package has it, else from collections.
    skill_files = {(p.version, f.language) for p in packages for f in p.files if f.kind == "skills"}
    chosen: list[tuple[EscoFile, bool]] = []
    seen_relations: dict[str, str] = {}
    ordered = base + sorted(
        (p for p in packages if p not in base), key=lambda p: p.version, reverse=True
    )
    for package in ordered:
        is_base = package in base
        for esco_file in package.files:
            if esco_file.kind == "unknown":
                report.warn(esco_file.label, 0, "", "unknown file: not an ESCO CSV", "unknown_file")
            elif esco_file.kind == "unused":
                report.notice(esco_file.label, "not used by Koers; ignored")
            elif esco_file.kind in RELATION_KINDS and not is_base:
                report.notice(
                    esco_file.label,
                    f"relations come only from the base (ESCO {base[0].version}); ignored",
                )
            elif esco_file.kind in RELATION_KINDS and esco_file.kind in seen_relations:
                report.notice(
                    esco_file.label,
                    f"the same relations were read from {seen_relations[esco_file.kind]}; ignored",
                )
            elif esco_file.kind == "skill_collection" and (
                (package.version, esco_file.language) in skill_files
            ):
                report.notice(esco_file.label, "skill labels come from the skills file; ignored")
            else:
                if esco_file.kind in RELATION_KINDS:
                    seen_relations[esco_file.kind] = esco_file.label
                chosen.append((esco_file, is_base))
    chosen.sort(key=lambda item: _ORDER.index(item[0].kind) * 2 + (0 if item[1] else 1))
    return chosen
