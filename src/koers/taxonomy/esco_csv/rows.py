"""The rows of each ESCO file, validated, into the concepts and relations of one import."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from koers.taxonomy.messages import ImportReport
from koers.taxonomy.model import ConceptText
from koers.taxonomy.sources import EscoFile, Row, read_rows

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
class Concept:
    """A concept while it is being read: base fields, then texts per language."""

    fields: dict[str, str]
    texts: dict[str, ConceptText] = field(default_factory=dict)
    broader: list[str] = field(default_factory=list)


@dataclass
class Build:
    """What one import has read so far, and what it reported."""

    report: ImportReport
    occupations: dict[str, Concept] = field(default_factory=dict)
    skills: dict[str, Concept] = field(default_factory=dict)
    isco_groups: dict[str, Concept] = field(default_factory=dict)
    skill_groups: dict[str, Concept] = field(default_factory=dict)
    occupation_skill: dict[tuple[str, str], bool] = field(default_factory=dict)
    skill_skill: dict[tuple[str, str], bool] = field(default_factory=dict)
    rows_read: int = 0
    rows_skipped: int = 0
    from_label_files: set[tuple[str, str]] = field(default_factory=set)
    """(skill URI, language) of the labels that came from a labels-only file."""

    def concepts(self, kind: str) -> dict[str, Concept]:
        if kind in ("occupations", "occupation_collection"):
            return self.occupations
        if kind in ("skills", "skill_collection"):
            return self.skills
        if kind == "isco_groups":
            return self.isco_groups
        return self.skill_groups


def read_file(build: Build, esco_file: EscoFile, *, is_base: bool) -> None:
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


def _valid_uri(build: Build, esco_file: EscoFile, row: Row, column: str) -> str | None:
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


def _newest_rows(build: Build, esco_file: EscoFile, rows: Iterable[Row]) -> dict[str, Row]:
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
    build: Build, esco_file: EscoFile, rows: Iterable[Row], *, is_base: bool
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
            concept = concepts[uri] = Concept(
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


def _read_skill_labels(build: Build, esco_file: EscoFile, rows: Iterable[Row]) -> None:
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
    build: Build, esco_file: EscoFile, rows: Iterable[Row], *, is_base: bool
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
                group = build.skill_groups[uri] = Concept({"code": code})
            if group is not None:
                if parent and parent not in group.broader:
                    group.broader.append(parent)
                term = row.values.get(f"Level {level} preferred term", "").strip()
                if lang and term and lang not in group.texts:
                    group.texts[lang] = ConceptText(preferred=term)
            parent = uri


def _is_essential(build: Build, esco_file: EscoFile, row: Row) -> bool | None:
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


def _read_occupation_skills(build: Build, esco_file: EscoFile, rows: Iterable[Row]) -> None:
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
    build: Build, *ends: tuple[str, dict[str, Concept], str]
) -> tuple[str, str] | None:
    for uri, concepts, column in ends:
        if uri not in concepts:
            return column, f"relation points at a concept that does not exist: {uri}; skipped"
    return None


def _read_broader(build: Build, esco_file: EscoFile, rows: Iterable[Row]) -> None:
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


def _read_skill_skills(build: Build, esco_file: EscoFile, rows: Iterable[Row]) -> None:
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
