"""The loaded ESCO knowledge base: concepts, relations and look-ups by URI."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from koers.taxonomy.model import IscoGroup, Occupation, Skill, SkillGroup, SourcePackage

if TYPE_CHECKING:
    from koers.taxonomy.onet import OnetProfile

IntArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class RelationStats:
    """How many rows of the base relation files were read and how many were skipped."""

    occupation_skill_rows_read: int = 0
    occupation_skill_rows_skipped: int = 0


@dataclass(eq=False)
class Taxonomy:
    """ESCO occupations, skills, groups and their relations, ordered by URI.

    Relations are index arrays into ``occupations`` and ``skills``.
    """

    occupations: tuple[Occupation, ...]
    skills: tuple[Skill, ...]
    skill_groups: tuple[SkillGroup, ...]
    isco_groups: tuple[IscoGroup, ...]
    occupation_skill_occupation: IntArray
    occupation_skill_skill: IntArray
    occupation_skill_essential: BoolArray
    skill_skill_from: IntArray
    skill_skill_to: IntArray
    skill_skill_essential: BoolArray
    sources: tuple[SourcePackage, ...] = ()
    relation_stats: RelationStats = field(default_factory=RelationStats)
    build_id: str = ""
    """Unique per import: caches built from this knowledge base are keyed on it."""
    onet: OnetProfile | None = None
    """O*NET data per occupation, when the import was given it."""

    @cached_property
    def occupation_index(self) -> dict[str, int]:
        return {o.uri: i for i, o in enumerate(self.occupations)}

    @cached_property
    def skill_index(self) -> dict[str, int]:
        return {s.uri: i for i, s in enumerate(self.skills)}

    @cached_property
    def isco_by_code(self) -> dict[str, IscoGroup]:
        return {g.code: g for g in self.isco_groups}

    @cached_property
    def skill_group_by_uri(self) -> dict[str, SkillGroup]:
        return {g.uri: g for g in self.skill_groups}

    @property
    def languages(self) -> tuple[str, ...]:
        langs = {lang for o in self.occupations for lang in o.texts}
        return tuple(sorted(langs))

    @property
    def versions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.version for s in self.sources))

    def occupation(self, uri: str) -> Occupation:
        """The occupation with this URI; ``KeyError`` naming the URI if there is none."""
        try:
            return self.occupations[self.occupation_index[uri]]
        except KeyError:
            raise KeyError(f"unknown occupation URI: {uri}") from None

    def skill(self, uri: str) -> Skill:
        try:
            return self.skills[self.skill_index[uri]]
        except KeyError:
            raise KeyError(f"unknown skill URI: {uri}") from None

    def skill_indexes(self, occupation_uri: str) -> tuple[list[int], list[int]]:
        """Indexes into ``skills`` of an occupation's essential and of its optional skills."""
        rows = self.occupation_skill_occupation == self.occupation_index[occupation_uri]
        skills = self.occupation_skill_skill[rows]
        essential = self.occupation_skill_essential[rows]
        return skills[essential].tolist(), skills[~essential].tolist()

    def info(self) -> dict[str, Any]:
        """Counts, versions and languages, as ``koers taxonomy info --json`` prints them."""
        labels = {
            lang: {
                "occupations": sum(1 for o in self.occupations if _has_label(o.texts, lang)),
                "skills": sum(1 for s in self.skills if _has_label(s.texts, lang)),
            }
            for lang in self.languages
        }
        essential = int(self.occupation_skill_essential.sum())
        return {
            "versions": list(self.versions) or ["unknown"],
            "base_version": next((s.version for s in self.sources if s.is_base), "unknown"),
            "languages": list(self.languages),
            "sources": [
                {
                    "name": s.name,
                    "version": s.version,
                    "languages": list(s.languages),
                    "base": s.is_base,
                }
                for s in self.sources
            ],
            "occupations": len(self.occupations),
            "skills": len(self.skills),
            "occupation_skill_relations": len(self.occupation_skill_occupation),
            "essential_relations": essential,
            "optional_relations": len(self.occupation_skill_occupation) - essential,
            "occupation_skill_rows_read": self.relation_stats.occupation_skill_rows_read,
            "occupation_skill_rows_skipped": self.relation_stats.occupation_skill_rows_skipped,
            "skill_skill_relations": len(self.skill_skill_from),
            "isco_groups": len(self.isco_groups),
            "skill_groups": len(self.skill_groups),
            "labels": labels,
            "onet": self.onet is not None,
            **({"onet_profile": self.onet.info()} if self.onet is not None else {}),
        }


def _has_label(texts: Any, lang: str) -> bool:
    text = texts.get(lang)
    return bool(text is not None and text.preferred)
