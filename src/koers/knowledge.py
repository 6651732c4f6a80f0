"""The knowledge base, search index, vitality mapping and ranker of this process, loaded once.

Shared by the command line and the web app; both read the same KOERS_* settings.
"""

from __future__ import annotations

from functools import cache

from koers import config
from koers.taxonomy import Taxonomy, load_snapshot
from koers.taxonomy.plain_language import PlainLanguage
from koers.taxonomy.requirements import RequirementList
from koers.taxonomy.search import TitleIndex, load_title_index
from koers.taxonomy.skill_search import SkillIndex
from koers.taxonomy.vitality import VitalityMap, default_path
from koers.transitions import TransitionRanker
from koers.transitions.learning_path import SkillTree


@cache
def taxonomy() -> Taxonomy:
    """The knowledge base in KOERS_DATA_DIR (:class:`SnapshotError` if there is none)."""
    return load_snapshot(config.snapshot_path())


@cache
def title_index() -> TitleIndex:
    return load_title_index(taxonomy(), cache_dir=config.data_dir())


@cache
def vitality_map() -> VitalityMap:
    """KOERS_VITALITY_FILE, else the mapping that ships with Koers."""
    return VitalityMap.load(default_path())


@cache
def requirements() -> RequirementList:
    """KOERS_REQUIREMENTS_FILE, else the Dutch list that ships with Koers."""
    return RequirementList.load()


@cache
def plain_language() -> PlainLanguage:
    """The installation's own texts and synonyms (KOERS_PLAIN_LANGUAGE_FILE), if any."""
    return PlainLanguage.load()


@cache
def ranker() -> TransitionRanker:
    return TransitionRanker().fit(taxonomy(), vitality=vitality_map(), cache_dir=config.data_dir())


@cache
def skill_index(language: str) -> SkillIndex:
    """Skill and skill-group search in ``language`` (built on first use, about a second)."""
    return SkillIndex(language=language).fit(taxonomy())


@cache
def skill_tree() -> SkillTree:
    return SkillTree().fit(taxonomy())


def forget() -> None:
    """Drop what was loaded, so that the next call reads KOERS_DATA_DIR again (tests)."""
    for loaded in (
        taxonomy,
        title_index,
        vitality_map,
        requirements,
        plain_language,
        ranker,
        skill_index,
        skill_tree,
    ):
        loaded.cache_clear()
