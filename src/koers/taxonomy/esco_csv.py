"""Read and validate official ESCO CSV downloads into a :class:`Taxonomy`.

The *base* is the set of packages of the same ESCO version as the one that holds
``occupationSkillRelations``: concepts, codes, ISCO groups and every relation come from it.
Other packages only add labels, texts and NACE codes for base concepts. A labels-only file
(``skill_labels_xx.csv``: ``conceptUri``, ``preferredLabel``) fills in the preferred labels of
skills that no official package of that language names.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from koers.taxonomy.knowledge_base import RelationStats, Taxonomy
from koers.taxonomy.messages import EscoImportError, ImportReport
from koers.taxonomy.model import (
    FALLBACK_LANGUAGE,
    ConceptText,
    IscoGroup,
    Occupation,
    Skill,
    SkillGroup,
    SourcePackage,
)
from koers.taxonomy.sources import RELATION_KINDS, EscoFile, Package, Row, open_package, read_rows

ProgressCallback = Callable[[str, int, int], None]
"""Called with (file label, bytes done, bytes in all) after each file."""

_URI = re.compile(r"http://data\.europa\.eu/esco/\S+")
_RELATION_TYPES = frozenset({"essential", "optional"})

_REQUIRED: dict[str, tuple[str, ...]] = {
    "occupations": ("conceptUri", "preferredLabel", "altLabels", "description"),
    "skills": ("conceptUri", "preferredLabel", "altLabels", "description"),
    "isco_groups": ("conceptUri", "code", "preferredLabel"),
    "skill_groups": ("conceptUri", "preferredLabel"),
    "skills_hierarchy": ("Level 0 URI", "Level 0 preferred term"),
    "occupation_collection": ("conceptUri", "preferredLabel", "altLabels"),
    "skill_collection": ("conceptUri", "preferredLabel", "altLabels"),
    "skill_labels": ("conceptUri", "preferredLabel"),
    "occupation_skill_relations": ("occupationUri", "relationType", "skillUri"),
    "broader_occupations": ("conceptUri", "broaderUri"),
    "broader_skills": ("conceptUri", "broaderUri"),
    "skill_skill_relations": ("originalSkillUri", "relationType", "relatedSkillUri"),
    "unused": (),
}
# Fields whose value is the same in every language; texts differ per language.
_BASE_FIELDS: dict[str, tuple[str, ...]] = {
    "occupations": (
        "iscoGroup",
        "code",
        "status",
        "modifiedDate",
        "regulatedProfessionNote",
        "naceCode",
    ),
    "skills": ("skillType", "reuseLevel", "status", "modifiedDate"),
    "isco_groups": ("code",),
    "skill_groups": ("code",),
}
_ENUM_FIELDS: dict[str, tuple[str, ...]] = {
    "occupations": ("status",),
    "skills": ("skillType", "reuseLevel", "status"),
}


@dataclass
class _Concept:
    """A concept while it is being read: base fields, then texts per language."""

    fields: dict[str, str]
    texts: dict[str, ConceptText] = field(default_factory=dict)
    broader: list[str] = field(default_factory=list)


@dataclass
class _Build:
    report: ImportReport
    occupations: dict[str, _Concept] = field(default_factory=dict)
    skills: dict[str, _Concept] = field(default_factory=dict)
    isco_groups: dict[str, _Concept] = field(default_factory=dict)
    skill_groups: dict[str, _Concept] = field(default_factory=dict)
    occupation_skill: dict[tuple[str, str], bool] = field(default_factory=dict)
    skill_skill: dict[tuple[str, str], bool] = field(default_factory=dict)
    rows_read: int = 0
    rows_skipped: int = 0
    from_label_files: set[tuple[str, str]] = field(default_factory=set)
    """(skill URI, language) of the labels that came from a labels-only file."""

    def concepts(self, kind: str) -> dict[str, _Concept]:
        if kind in ("occupations", "occupation_collection"):
            return self.occupations
        if kind in ("skills", "skill_collection"):
            return self.skills
        if kind == "isco_groups":
            return self.isco_groups
        return self.skill_groups


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

    build = _Build(report)
    total = sum(f.size for p in packages for f in p.files)
    done = 0
    for esco_file, is_base in _reading_order(packages, base, report):
        _read_file(build, esco_file, is_base=is_base)
        done += esco_file.size
        if on_progress is not None:
            on_progress(esco_file.label, done, total)
    _stop_on_errors(report)
    sources = tuple(SourcePackage(p.name, p.version, p.languages, p in base) for p in packages)
    taxonomy = _finish(build, sources)
    _check_label_coverage(taxonomy, packages, report)
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


def _read_file(build: _Build, esco_file: EscoFile, *, is_base: bool) -> None:
    kind = esco_file.kind
    rows = read_rows(esco_file, _REQUIRED[kind], build.report, exact=kind == "skill_labels")
    if kind == "skill_labels":
        _read_skill_labels(build, esco_file, rows)
    elif kind == "skills_hierarchy":
        _read_hierarchy(build, esco_file, rows, is_base=is_base)
    elif kind == "occupation_skill_relations":
        _read_occupation_skills(build, esco_file, rows)
    elif kind in ("broader_occupations", "broader_skills"):
        _read_broader(build, esco_file, rows)
    elif kind == "skill_skill_relations":
        _read_skill_skills(build, esco_file, rows)
    else:
        _read_concepts(build, esco_file, rows, is_base=is_base)


def _valid_uri(build: _Build, esco_file: EscoFile, row: Row, column: str) -> str | None:
    uri = row.values.get(column, "").strip()
    if _URI.fullmatch(uri):
        return uri
    shown = repr(uri[:80]) if uri else "an empty value"
    build.report.error(
        esco_file.label,
        row.number,
        column,
        f"malformed URI: {shown} is not an http://data.europa.eu/esco/... URI",
        "bad_uri",
    )
    return None


def _split_labels(value: str, collection: bool) -> tuple[str, ...]:
    parts = value.split(" | ") if collection else value.splitlines()
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def _text_of(values: dict[str, str], collection: bool) -> ConceptText:
    return ConceptText(
        preferred=values.get("preferredLabel", "").strip(),
        alt=_split_labels(values.get("altLabels", ""), collection),
        hidden=_split_labels(values.get("hiddenLabels", ""), collection),
        description=values.get("description", "").strip(),
        definition=values.get("definition", "").strip(),
        scope_note=values.get("scopeNote", "").strip(),
    )


def _newest_rows(build: _Build, esco_file: EscoFile, rows: Iterable[Row]) -> dict[str, Row]:
    """One row per URI; duplicates that differ only in modifiedDate keep the newest."""
    kept: dict[str, Row] = {}
    for row in rows:
        uri = _valid_uri(build, esco_file, row, "conceptUri")
        if uri is None:
            continue
        earlier = kept.get(uri)
        if earlier is None:
            kept[uri] = row
            continue
        if _without_date(earlier.values) != _without_date(row.values):
            build.report.error(
                esco_file.label,
                row.number,
                "conceptUri",
                f"conflicting duplicate of row {earlier.number}: {uri} appears twice "
                "with different content",
                "duplicate_conflict",
            )
            continue
        newer = row.values.get("modifiedDate", "") > earlier.values.get("modifiedDate", "")
        build.report.warn(
            esco_file.label,
            row.number,
            "modifiedDate",
            f"duplicate of row {earlier.number} ({uri}) differing only in modifiedDate; "
            f"kept row {row.number if newer else earlier.number}, the newest",
            "duplicate",
        )
        if newer:
            kept[uri] = row
    return kept


def _without_date(values: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in values.items() if k != "modifiedDate"}


def _read_concepts(
    build: _Build, esco_file: EscoFile, rows: Iterable[Row], *, is_base: bool
) -> None:
    kind = esco_file.kind
    concepts = build.concepts(kind)
    collection = kind.endswith("_collection")
    lang = esco_file.language
    for uri, row in _newest_rows(build, esco_file, rows).items():
        concept = concepts.get(uri)
        if concept is None:
            if not is_base or collection:
                build.report.warn(
                    esco_file.label,
                    row.number,
                    "conceptUri",
                    f"labels for a concept the base lacks: {uri}",
                    "unknown_concept",
                )
                continue
            concept = concepts[uri] = _Concept(
                {f: row.values.get(f, "").strip() for f in _BASE_FIELDS.get(kind, ())}
            )
            for column in _ENUM_FIELDS.get(kind, ()):
                if column in row.values and not row.values[column].strip():
                    build.report.warn(
                        esco_file.label, row.number, column, "empty value", "empty_enum"
                    )
        elif kind == "occupations" and not concept.fields.get("naceCode"):
            concept.fields["naceCode"] = row.values.get("naceCode", "").strip()
        if lang and lang not in concept.texts:
            concept.texts[lang] = _text_of(row.values, collection)


def _read_skill_labels(build: _Build, esco_file: EscoFile, rows: Iterable[Row]) -> None:
    """Preferred labels for base skills that the official packages leave without one.

    Read after every official file, so an official label is always there to win a conflict.
    """
    lang = esco_file.language
    added = differ_official = differ_earlier = 0
    for uri, row in _newest_rows(build, esco_file, rows).items():
        skill = build.skills.get(uri)
        if skill is None:
            build.report.warn(
                esco_file.label,
                row.number,
                "conceptUri",
                f"a label for a skill the base lacks: {uri}; skipped",
                "unknown_concept",
            )
            continue
        label = row.values["preferredLabel"].strip()
        if not label:
            build.report.warn(
                esco_file.label, row.number, "preferredLabel", "empty label; skipped", "empty_label"
            )
            continue
        known = skill.texts.get(lang)
        if known is not None and known.preferred:
            if known.preferred != label:
                if (uri, lang) in build.from_label_files:
                    differ_earlier += 1
                else:
                    differ_official += 1
            continue
        skill.texts[lang] = replace(known, preferred=label) if known else ConceptText(label)
        build.from_label_files.add((uri, lang))
        added += 1
    build.report.notice(esco_file.label, f"added the {lang} label of {added:,} skills")
    if differ_official:
        build.report.notice(
            esco_file.label,
            f"{differ_official:,} label(s) differ from the {lang} label of an official ESCO "
            "package; the official label is kept",
        )
    if differ_earlier:
        build.report.notice(
            esco_file.label,
            f"{differ_earlier:,} label(s) differ from an earlier labels file's; the first is kept",
        )


def _read_hierarchy(
    build: _Build, esco_file: EscoFile, rows: Iterable[Row], *, is_base: bool
) -> None:
    """Skill-group parents and labels from skillsHierarchy_xx.csv (levels 0 to 3)."""
    lang = esco_file.language
    for row in rows:
        parent = ""
        for level in range(4):
            column = f"Level {level} URI"
            if not row.values.get(column, "").strip():
                break
            uri = _valid_uri(build, esco_file, row, column)
            if uri is None:
                break
            group = build.skill_groups.get(uri)
            if group is None and is_base:
                code = row.values.get(f"Level {level} code", "").strip()
                group = build.skill_groups[uri] = _Concept({"code": code})
            if group is not None:
                if parent and parent not in group.broader:
                    group.broader.append(parent)
                term = row.values.get(f"Level {level} preferred term", "").strip()
                if lang and term and lang not in group.texts:
                    group.texts[lang] = ConceptText(preferred=term)
            parent = uri


def _is_essential(build: _Build, esco_file: EscoFile, row: Row) -> bool | None:
    """The relation type as a flag; ``None`` (and an error) when it is neither kind."""
    relation = row.values["relationType"].strip()
    if relation not in _RELATION_TYPES:
        build.report.error(
            esco_file.label,
            row.number,
            "relationType",
            f"unknown relation type {relation!r}: expected essential or optional",
            "bad_enum",
        )
        return None
    return relation == "essential"


def _read_occupation_skills(build: _Build, esco_file: EscoFile, rows: Iterable[Row]) -> None:
    for row in rows:
        build.rows_read += 1
        occupation = _valid_uri(build, esco_file, row, "occupationUri")
        skill = _valid_uri(build, esco_file, row, "skillUri")
        essential = _is_essential(build, esco_file, row)
        if essential is None:
            continue
        if "skillType" in row.values and not row.values["skillType"].strip():
            build.report.warn(esco_file.label, row.number, "skillType", "empty value", "empty_enum")
        if occupation is None or skill is None:
            continue
        missing = _missing_endpoint(
            build,
            (occupation, build.occupations, "occupationUri"),
            (skill, build.skills, "skillUri"),
        )
        if missing:
            build.rows_skipped += 1
            build.report.warn(
                esco_file.label, row.number, missing[0], missing[1], "missing_endpoint"
            )
            continue
        pair = (occupation, skill)
        if pair in build.occupation_skill:
            build.rows_skipped += 1
            build.report.warn(
                esco_file.label, row.number, "skillUri", "duplicate relation; skipped", "duplicate"
            )
            continue
        build.occupation_skill[pair] = essential


def _missing_endpoint(
    build: _Build, *ends: tuple[str, dict[str, _Concept], str]
) -> tuple[str, str] | None:
    for uri, concepts, column in ends:
        if uri not in concepts:
            return column, f"relation points at a concept that does not exist: {uri}; skipped"
    return None


def _read_broader(build: _Build, esco_file: EscoFile, rows: Iterable[Row]) -> None:
    for row in rows:
        narrower = _valid_uri(build, esco_file, row, "conceptUri")
        broader = _valid_uri(build, esco_file, row, "broaderUri")
        if narrower is None or broader is None:
            continue
        concept = (
            build.occupations.get(narrower)
            or build.skills.get(narrower)
            or build.skill_groups.get(narrower)
        )
        if "/isco/" in narrower and narrower in build.isco_groups:
            continue  # ISCO parents follow from the codes.
        if concept is None:
            build.report.warn(
                esco_file.label,
                row.number,
                "conceptUri",
                f"broader relation of a concept that does not exist: {narrower}; skipped",
                "missing_endpoint",
            )
            continue
        if broader not in concept.broader:
            concept.broader.append(broader)


def _read_skill_skills(build: _Build, esco_file: EscoFile, rows: Iterable[Row]) -> None:
    for row in rows:
        origin = _valid_uri(build, esco_file, row, "originalSkillUri")
        related = _valid_uri(build, esco_file, row, "relatedSkillUri")
        essential = _is_essential(build, esco_file, row)
        if essential is None:
            continue
        if origin is None or related is None:
            continue
        missing = _missing_endpoint(
            build,
            (origin, build.skills, "originalSkillUri"),
            (related, build.skills, "relatedSkillUri"),
        )
        if missing:
            build.report.warn(
                esco_file.label, row.number, missing[0], missing[1], "missing_endpoint"
            )
            continue
        build.skill_skill[(origin, related)] = essential


# The languages of the explorer's pages; ESCO labels missing in one of them show in English.
EXPLORER_LANGUAGES = ("nl", "en")
LABEL_COVERAGE_MIN = 0.9


def _check_label_coverage(
    taxonomy: Taxonomy, packages: Sequence[Package], report: ImportReport
) -> None:
    """Warn when too few of the skills that occupations use have a label in a page language.

    An incomplete download (one without skills_xx.csv) otherwise shows unnoticed as English
    skill names on Dutch pages.
    """
    in_use = np.unique(taxonomy.occupation_skill_skill)
    if not len(in_use):
        return
    for lang in EXPLORER_LANGUAGES:
        labelled = sum(
            1 for i in in_use.tolist() if _has_preferred(taxonomy.skills[i].texts.get(lang))
        )
        share = labelled / len(in_use)
        if share >= LABEL_COVERAGE_MIN:
            continue
        sources = ", ".join(p.name for p in packages if lang in p.languages) or "no input"
        instead = "English" if lang != FALLBACK_LANGUAGE else "another language"
        report.warn(
            sources,
            0,
            "",
            f"only {int(share * 100)}% of the skills linked to an occupation "
            f"({labelled:,} of {len(in_use):,}) have a label in language {lang!r} "
            f"(fewer than {LABEL_COVERAGE_MIN:.0%}): pages in {lang!r} show the others in "
            f"{instead}; add that language's skills file or a labels-only file "
            f"(skill_labels_{lang}.csv)",
            "label_coverage",
        )


def _has_preferred(text: ConceptText | None) -> bool:
    return text is not None and bool(text.preferred)


def _codes(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.strip() for c in re.split(r"[\n|,]", value) if c.strip()))


def _finish(build: _Build, sources: tuple[SourcePackage, ...]) -> Taxonomy:
    occupations = tuple(
        Occupation(
            uri=uri,
            code=c.fields.get("code", ""),
            isco_group=c.fields.get("iscoGroup", ""),
            status=c.fields.get("status", ""),
            modified=c.fields.get("modifiedDate", ""),
            regulated_note=c.fields.get("regulatedProfessionNote", ""),
            nace_codes=_codes(c.fields.get("naceCode", "")),
            broader=tuple(c.broader),
            texts=c.texts,
        )
        for uri, c in sorted(build.occupations.items())
    )
    skills = tuple(
        Skill(
            uri=uri,
            skill_type=c.fields.get("skillType", ""),
            reuse_level=c.fields.get("reuseLevel", ""),
            status=c.fields.get("status", ""),
            modified=c.fields.get("modifiedDate", ""),
            broader=tuple(c.broader),
            texts=c.texts,
        )
        for uri, c in sorted(build.skills.items())
    )
    skill_groups = tuple(
        SkillGroup(uri=uri, code=c.fields.get("code", ""), broader=tuple(c.broader), texts=c.texts)
        for uri, c in sorted(build.skill_groups.items())
    )
    isco_groups = tuple(
        IscoGroup(uri=uri, code=c.fields.get("code", ""), texts=c.texts)
        for uri, c in sorted(build.isco_groups.items(), key=lambda item: item[1].fields["code"])
    )
    occ_index = {o.uri: i for i, o in enumerate(occupations)}
    skill_index = {s.uri: i for i, s in enumerate(skills)}
    pairs = sorted(
        (occ_index[o], skill_index[s], essential)
        for (o, s), essential in build.occupation_skill.items()
    )
    links = sorted(
        (skill_index[a], skill_index[b], essential)
        for (a, b), essential in build.skill_skill.items()
    )
    return Taxonomy(
        occupations=occupations,
        skills=skills,
        skill_groups=skill_groups,
        isco_groups=isco_groups,
        occupation_skill_occupation=np.array([p[0] for p in pairs], dtype=np.int32),
        occupation_skill_skill=np.array([p[1] for p in pairs], dtype=np.int32),
        occupation_skill_essential=np.array([p[2] for p in pairs], dtype=np.bool_),
        skill_skill_from=np.array([p[0] for p in links], dtype=np.int32),
        skill_skill_to=np.array([p[1] for p in links], dtype=np.int32),
        skill_skill_essential=np.array([p[2] for p in links], dtype=np.bool_),
        sources=sources,
        relation_stats=RelationStats(build.rows_read, build.rows_skipped),
        build_id=uuid.uuid4().hex,
    )
