"""What one import read, as a :class:`Taxonomy`; the check that page languages have labels."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

import numpy as np

from koers.taxonomy.esco_csv.rows import Build
from koers.taxonomy.knowledge_base import RelationStats, Taxonomy
from koers.taxonomy.messages import ImportReport
from koers.taxonomy.model import (
    FALLBACK_LANGUAGE,
    ConceptText,
    IscoGroup,
    Occupation,
    Skill,
    SkillGroup,
    SourcePackage,
)
from koers.taxonomy.sources import Package

# The languages of the explorer's pages; ESCO labels missing in one of them show in English.
EXPLORER_LANGUAGES = ("nl", "en")
LABEL_COVERAGE_MIN = 0.9


def check_label_coverage(
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


def finish(build: Build, sources: tuple[SourcePackage, ...]) -> Taxonomy:
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
