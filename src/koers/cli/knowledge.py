"""The shared knowledge of this process, with errors turned into clear messages and exit 1."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from koers import knowledge
from koers.cli.output import fail, note
from koers.taxonomy import SnapshotError, Taxonomy
from koers.taxonomy.closures import ClosedWorkError
from koers.taxonomy.lookup import LabelLookupError, find_occupation
from koers.taxonomy.model import Occupation
from koers.taxonomy.plain_language import ENV_VARIABLE as PLAIN_LANGUAGE_VARIABLE
from koers.taxonomy.search import TitleIndex
from koers.taxonomy.vitality import VitalityError, VitalityMap

if TYPE_CHECKING:
    from koers.transitions import TransitionRanker

T = TypeVar("T")


def _or_exit(load: Callable[[], T]) -> T:
    try:
        return load()
    except SnapshotError as exc:
        fail(str(exc))
    except (OSError, VitalityError) as exc:
        fail(f"cannot read the vitality mapping: {exc}")
    except ClosedWorkError as exc:
        fail(f"cannot read the closed-work list: {exc}")


def taxonomy() -> Taxonomy:
    return _or_exit(knowledge.taxonomy)


def title_index() -> TitleIndex:
    # The search knows the installation's synonyms: a broken file is named, not a traceback.
    try:
        knowledge.plain_language()
    except (OSError, ValueError) as exc:
        fail(f"cannot read the plain-language file ({PLAIN_LANGUAGE_VARIABLE}): {exc}")
    return _or_exit(knowledge.title_index)


def vitality_map() -> VitalityMap:
    return _or_exit(knowledge.vitality_map)


def ranker() -> TransitionRanker:
    return _or_exit(knowledge.ranker)


def occupation(text: str, language: str) -> Occupation:
    """The occupation meant by a URI or title; exit 1 naming the problem if there is none."""
    try:
        found, exact = find_occupation(taxonomy(), title_index(), text, language=language)
    except LabelLookupError as exc:
        fail(str(exc))
    if not exact:
        note(f"'{text}' is no exact label; using the best match: {found.label(language)}")
    return found
