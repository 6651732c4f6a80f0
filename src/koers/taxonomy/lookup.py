"""Find one occupation or skill from what a person typed: a URI, an exact label or a title."""

from __future__ import annotations

from collections import defaultdict

from koers.taxonomy.knowledge_base import Taxonomy
from koers.taxonomy.labels import normalise
from koers.taxonomy.model import Occupation, Skill
from koers.taxonomy.search import TitleIndex

ESCO_PREFIX = "http://data.europa.eu/esco/"


class LabelLookupError(KeyError):
    """Nothing, or more than one thing, answers to what was typed."""

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = candidates

    def __str__(self) -> str:
        return self.message


def find_occupation(
    taxonomy: Taxonomy, index: TitleIndex, text: str, *, language: str = "nl"
) -> tuple[Occupation, bool]:
    """The occupation meant by a URI or a title, and whether it was an exact match.

    A title that is exactly a label of several occupations is ambiguous: the error lists
    them. A title that is no label at all takes the best search result.
    """
    text = text.strip()
    if text.startswith(ESCO_PREFIX):
        try:
            return taxonomy.occupation(text), True
        except KeyError:
            raise LabelLookupError(f"unknown occupation URI: {text}") from None
    exact = index.exact_occupations(text, language=language)
    if len(exact) == 1:
        return taxonomy.occupations[exact[0]], True
    if len(exact) > 1:
        options = tuple(
            f"{taxonomy.occupations[i].label(language)} ({taxonomy.occupations[i].uri})"
            for i in exact
        )
        raise LabelLookupError(
            f"'{text}' is a label of {len(exact)} occupations; give one of their URIs:\n  "
            + "\n  ".join(options),
            options,
        )
    matches = index.search(text, language=language, limit=1)
    if not matches:
        raise LabelLookupError(f"no occupation found for '{text}'")
    return taxonomy.occupation(matches[0].uri), False


def find_skill(taxonomy: Taxonomy, text: str) -> Skill:
    """The skill meant by a URI or an exact label (any language); ambiguity is an error."""
    text = text.strip()
    if text.startswith(ESCO_PREFIX):
        try:
            return taxonomy.skill(text)
        except KeyError:
            raise LabelLookupError(f"unknown skill URI: {text}") from None
    found = _skill_labels(taxonomy).get(normalise(text), [])
    if not found:
        raise LabelLookupError(f"no skill has the label '{text}': give its ESCO URI")
    if len(found) > 1:
        options = tuple(f"{taxonomy.skills[i].label()} ({taxonomy.skills[i].uri})" for i in found)
        raise LabelLookupError(
            f"'{text}' is a label of {len(found)} skills; give one of their URIs:\n  "
            + "\n  ".join(options),
            options,
        )
    return taxonomy.skills[found[0]]


_SKILL_LABELS: dict[str, dict[str, list[int]]] = {}


def _skill_labels(taxonomy: Taxonomy) -> dict[str, list[int]]:
    key = taxonomy.build_id or str(id(taxonomy))
    if key not in _SKILL_LABELS:
        labels: dict[str, list[int]] = defaultdict(list)
        for i, skill in enumerate(taxonomy.skills):
            for text in skill.texts.values():
                for label in (text.preferred, *text.alt):
                    normal = normalise(label)
                    if normal and i not in labels[normal]:
                        labels[normal].append(i)
        _SKILL_LABELS.clear()
        _SKILL_LABELS[key] = labels
    return _SKILL_LABELS[key]
