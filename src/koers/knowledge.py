"""The knowledge base, search index, vitality mapping and ranker of this process, loaded once.

Shared by the command line and the web app; both read the same KOERS_* settings. An import
writes them here too (:func:`save`), as one whole version of the data folder.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from koers import config
from koers.taxonomy import semantic, store
from koers.taxonomy.plain_language import PlainLanguage
from koers.taxonomy.search import (
    SHIPPED_SYNONYMS,
    TITLE_INDEX_NAME,
    TitleIndex,
    TitleMatch,
    load_title_index,
)
from koers.taxonomy.snapshot import SNAPSHOT_NAME, load_snapshot, save_snapshot

# The transition engine, skill search and lists load with their first use, so that a process
# that only searches job titles (koers search) starts without them and their dependencies.
if TYPE_CHECKING:
    from koers.taxonomy import Taxonomy
    from koers.taxonomy.requirements import RequirementList
    from koers.taxonomy.skill_search import SkillIndex
    from koers.taxonomy.vitality import VitalityMap
    from koers.transitions import Transition, TransitionFilters, TransitionQuery, TransitionRanker
    from koers.transitions.learning_path import SkillTree


def save(taxonomy: Taxonomy, data_dir: Path | None = None) -> Path:
    """Make ``taxonomy``, its search index and transition features the current import, at once.

    Returns the folder of the new import in ``data_dir`` (KOERS_DATA_DIR unless given). Raises
    :class:`koers.taxonomy.npz_file.WriteError` naming the file that could not be written; then
    the previous import stays current.
    """

    from koers.transitions.features import FEATURES_NAME, OccupationFeatures

    def write(target: Path) -> None:
        save_snapshot(taxonomy, target / SNAPSHOT_NAME)
        TitleIndex().fit(taxonomy).save(target / TITLE_INDEX_NAME)
        OccupationFeatures.build(taxonomy).save(target / FEATURES_NAME)

    published = store.publish(data_dir or config.data_dir(), write)
    forget()
    return published


@cache
def folder() -> Path:
    """The import this process reads, chosen once: every file from one import, never a mix.

    Its first use is the start of a process, so it also removes what killed imports left.
    """
    data_dir = config.data_dir()
    store.clean(data_dir)
    return store.current_dir(data_dir)


@cache
def taxonomy() -> Taxonomy:
    """The knowledge base in KOERS_DATA_DIR (:class:`SnapshotError` if there is none)."""
    return load_snapshot(folder() / SNAPSHOT_NAME)


@cache
def title_index() -> TitleIndex:
    """The title search, with the everyday synonyms of Koers and of the installation.

    The installation's synonyms (KOERS_PLAIN_LANGUAGE_FILE) win word by word.
    """
    shipped = PlainLanguage()
    shipped.read(SHIPPED_SYNONYMS)
    synonyms = {**shipped.synonyms, **plain_language().synonyms}
    semantic.keep_encoder_in(config.cache_dir() / semantic.ENCODER_NAME)
    # An import's own folder holds the index of its own knowledge base: the search starts
    # without loading that. A folder from before versions checks it against the knowledge base.
    index = TitleIndex.load(folder() / TITLE_INDEX_NAME) if folder() != config.data_dir() else None
    if index is None:
        index = load_title_index(taxonomy(), cache_dir=folder())
    return index.with_synonyms(synonyms)


@cache
def vitality_map() -> VitalityMap:
    """KOERS_VITALITY_FILE, else the mapping that ships with Koers."""
    from koers.taxonomy.vitality import VitalityMap, default_path

    return VitalityMap.load(default_path())


@cache
def requirements() -> RequirementList:
    """KOERS_REQUIREMENTS_FILE, else the Dutch list that ships with Koers."""
    from koers.taxonomy.requirements import RequirementList

    return RequirementList.load()


@cache
def plain_language() -> PlainLanguage:
    """Koers's B1 texts, under the installation's own (KOERS_PLAIN_LANGUAGE_FILE), if any."""
    return PlainLanguage.load()


@lru_cache(maxsize=1024)
def found(query: str, language: str, limit: int) -> tuple[TitleMatch, ...]:
    """``title_index().search``, kept per question: people search the same job titles again
    and again, and comparing one with every label's meaning is most of a search's time."""
    return tuple(title_index().search(query, language=language, limit=limit))


@cache
def ranker() -> TransitionRanker:
    from koers.transitions import TransitionRanker

    return TransitionRanker().fit(taxonomy(), vitality=vitality_map(), cache_dir=folder())


@lru_cache(maxsize=512)
def ranked(
    query: TransitionQuery, k: int, filters: TransitionFilters | None = None
) -> tuple[Transition, ...]:
    """``ranker().rank``, kept per question: the knowledge base does not change while the
    process runs, and a client page or a plan asks the same question each time it opens."""
    return tuple(ranker().rank(query, k=k, filters=filters))


@lru_cache(maxsize=512)
def explained(query: TransitionQuery, target: str) -> Transition:
    """``ranker().explain``, kept per question as ``ranked`` is: the plan editor and the
    client's copy explain every direction of the plan each time they open."""
    return ranker().explain(query, target)


@cache
def skill_index(language: str) -> SkillIndex:
    """Skill and skill-group search in ``language`` (built on first use, about a second)."""
    from koers.taxonomy.skill_search import SkillIndex

    return SkillIndex(language=language).fit(taxonomy())


@cache
def skill_tree() -> SkillTree:
    from koers.transitions.learning_path import SkillTree

    return SkillTree().fit(taxonomy())


def forget() -> None:
    """Drop what was loaded, so that the next call reads KOERS_DATA_DIR again (tests)."""
    for loaded in (
        folder,
        taxonomy,
        title_index,
        found,
        vitality_map,
        requirements,
        plain_language,
        ranker,
        ranked,
        explained,
        skill_index,
        skill_tree,
    ):
        loaded.cache_clear()
