"""Finding ESCO skills and skill groups by name, for choosing what a course teaches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from rapidfuzz import fuzz, process

from koers.taxonomy.knowledge_base import Taxonomy
from koers.taxonomy.labels import fold

# A skill group is a broader choice than one skill: it wins a tie.
GROUP_BONUS = 2.0
PREFIX_BONUS = 8.0


@dataclass(frozen=True, slots=True)
class SkillMatch:
    uri: str
    label: str
    is_group: bool
    score: float


class SkillIndex:
    """Fuzzy search over the preferred and alternative labels of skills and skill groups.

    Parameters
    ----------
    language : str
        Labels in this language are searched; concepts without one are searched in English.

    Examples
    --------
    >>> index = SkillIndex(language="nl").fit(taxonomy)  # doctest: +SKIP
    >>> index.search("haar knippen", limit=3)[0].label  # doctest: +SKIP
    'haar knippen'
    """

    def __init__(self, *, language: str = "nl") -> None:
        self.language = language

    def fit(self, taxonomy: Taxonomy) -> Self:
        labels: list[str] = []
        owners: list[int] = []
        self.concepts_: list[tuple[str, str, bool]] = []
        concepts = [(s.uri, s.texts, False) for s in taxonomy.skills] + [
            (g.uri, g.texts, True) for g in taxonomy.skill_groups
        ]
        for uri, texts, is_group in concepts:
            text = texts.get(self.language) or texts.get("en")
            if text is None or not text.preferred:
                continue
            owner = len(self.concepts_)
            self.concepts_.append((uri, text.preferred, is_group))
            for label in (text.preferred, *text.alt):
                labels.append(fold(label))
                owners.append(owner)
        self.labels_ = labels
        self.owners_ = owners
        self.label_by_uri_ = {uri: label for uri, label, _group in self.concepts_}
        return self

    def search(self, query: str, *, limit: int = 10, min_score: float = 60.0) -> list[SkillMatch]:
        """The best concepts for ``query``, each once, best first."""
        folded = fold(query).strip()
        if not folded:
            return []
        best: dict[int, float] = {}
        for _label, score, position in process.extract(
            folded, self.labels_, scorer=fuzz.WRatio, limit=limit * 5, score_cutoff=min_score
        ):
            owner = self.owners_[position]
            label = self.labels_[position]
            score += PREFIX_BONUS if label.startswith(folded) else 0.0
            score += GROUP_BONUS if self.concepts_[owner][2] else 0.0
            best[owner] = max(best.get(owner, 0.0), score)
        ranked = sorted(best.items(), key=lambda item: (-item[1], self.concepts_[item[0]][1]))
        return [
            SkillMatch(uri, label, is_group, round(score, 1))
            for owner, score in ranked[:limit]
            for uri, label, is_group in [self.concepts_[owner]]
        ]

    def label_of(self, uri: str) -> str | None:
        """The label of a skill or skill group in the index's language, None if unknown."""
        return self.label_by_uri_.get(uri)
