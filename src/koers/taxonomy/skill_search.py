"""Finding ESCO skills and skill groups by name, for choosing what a course teaches.

The labels sit in a character n-gram TF-IDF index, the same kind as the job-title search's:
a query touches only the labels that share n-grams with it, and only the best of those are
scored with rapidfuzz (a scan of every label took a median 40 to 120 ms per query in Dutch,
19,000 labels, and 200 to 440 ms in English, 112,000). The n-grams are numbered with numpy over all
labels at once, so that the index is built on the first search of a process in under a second
in Dutch and a few seconds in English.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Self

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from scipy import sparse

from koers.taxonomy.knowledge_base import Taxonomy
from koers.taxonomy.labels import fold
from koers.taxonomy.model import FALLBACK_LANGUAGE
from koers.taxonomy.search import NGRAM_SIZES

# A skill group is a broader choice than one skill: it wins a tie.
GROUP_BONUS = 2.0
PREFIX_BONUS = 8.0
# Labels the n-gram index hands on to rapidfuzz, per result asked for.
CANDIDATES_PER_RESULT = 20


@dataclass(frozen=True, slots=True)
class SkillMatch:
    uri: str
    label: str
    is_group: bool
    score: float
    lang: str = FALLBACK_LANGUAGE
    """The language of ``label``: the index's, or English where ESCO has no label in it."""


def _codepoints(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


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
        self.concepts_: list[tuple[str, str, bool, str]] = []
        concepts = [(s.uri, s.texts, False) for s in taxonomy.skills] + [
            (g.uri, g.texts, True) for g in taxonomy.skill_groups
        ]
        for uri, texts, is_group in concepts:
            lang = self.language
            text = texts.get(lang)
            if text is None or not text.preferred:
                lang, text = FALLBACK_LANGUAGE, texts.get(FALLBACK_LANGUAGE)
            if text is None or not text.preferred:
                continue
            owner = len(self.concepts_)
            self.concepts_.append((uri, text.preferred, is_group, lang))
            for label in dict.fromkeys(fold(x) for x in (text.preferred, *text.alt)):
                if label:
                    labels.append(label)
                    owners.append(owner)
        self.labels_ = labels
        self.owners_ = np.asarray(owners, dtype=np.int32)
        self.alphabet_ = _codepoints("".join(sorted(set(" ".join(labels)))))
        self.vocabulary_, self.idf_, self.matrix_ = self._tfidf(labels)
        order = sorted(range(len(labels)), key=labels.__getitem__)
        self.sorted_labels_ = [labels[i] for i in order]
        self.sorted_rows_ = order
        self.label_by_uri_ = {uri: label for uri, label, _group, _lang in self.concepts_}
        return self

    def search(self, query: str, *, limit: int = 10, min_score: float = 60.0) -> list[SkillMatch]:
        """The best concepts for ``query``, each once, best first."""
        normal = fold(query)
        if not normal:
            return []
        candidates = self._candidates(normal, limit * CANDIDATES_PER_RESULT)
        choices = {row: self.labels_[row] for row in candidates}
        best: dict[int, float] = {}
        for label, score, row in process.extract(
            normal, choices, scorer=fuzz.WRatio, limit=limit * 5, score_cutoff=min_score
        ):
            owner = int(self.owners_[row])
            score += PREFIX_BONUS if label.startswith(normal) else 0.0
            score += GROUP_BONUS if self.concepts_[owner][2] else 0.0
            best[owner] = max(best.get(owner, 0.0), score)
        ranked = sorted(best.items(), key=lambda item: (-item[1], self.concepts_[item[0]][1]))
        return [
            SkillMatch(uri, label, is_group, round(score, 1), lang)
            for owner, score in ranked[:limit]
            for uri, label, is_group, lang in [self.concepts_[owner]]
        ]

    def _candidates(self, normal: str, count: int) -> list[int]:
        """Rows of the labels that start with the query, then those closest in n-grams."""
        start = bisect.bisect_left(self.sorted_labels_, normal)
        prefixed = []
        for position in range(start, min(start + count, len(self.sorted_labels_))):
            if not self.sorted_labels_[position].startswith(normal):
                break
            prefixed.append(self.sorted_rows_[position])
        grams = np.unique(self._grams([normal])[1])
        columns = np.searchsorted(self.vocabulary_, grams)
        columns = columns[columns < len(self.vocabulary_)]
        columns = columns[np.isin(self.vocabulary_[columns], grams)]
        if not len(columns):
            return prefixed
        weights = self.idf_[columns]
        scores = np.asarray(self.matrix_[columns].T @ weights).ravel()
        found = np.flatnonzero(scores)
        if len(found) > count:
            found = found[np.argpartition(-scores[found], count)[:count]]
        return list(dict.fromkeys([*prefixed, *found.tolist()]))

    def _grams(self, texts: list[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(text number, n-gram code) of the character n-grams of the words of folded texts,
        each word padded with a space, as the title search counts them.

        An n-gram with a character the labels lack is left out.
        """
        padded = [f" {text} " for text in texts]
        codes = _codepoints("".join(padded))
        owner = np.repeat(np.arange(len(padded)), [len(p) for p in padded])
        size = len(self.alphabet_) + 1
        slots = np.searchsorted(self.alphabet_, codes)
        slots = np.where(
            (slots < len(self.alphabet_)) & (self.alphabet_[np.minimum(slots, size - 2)] == codes),
            slots + 1,
            0,
        )
        owners: list[npt.NDArray[np.int64]] = [np.zeros(0, dtype=np.int64)]
        grams: list[npt.NDArray[np.int64]] = [np.zeros(0, dtype=np.int64)]
        for n in NGRAM_SIZES:
            if len(codes) < n:
                continue
            end = len(codes) - n + 1
            gram = np.zeros(end, dtype=np.int64)
            valid = owner[:end] == owner[n - 1 :]
            for i in range(n):
                part = slots[i : i + end]
                gram = gram * size + part
                valid &= part > 0
            # Inside one padded word: no space between the first and the last character.
            for i in range(1, n - 1):
                valid &= codes[i : i + end] != ord(" ")
            owners.append(owner[:end][valid])
            # Codes of longer n-grams come after all codes of shorter ones.
            grams.append(gram[valid] + sum(size**k for k in NGRAM_SIZES if k < n))
        return np.concatenate(owners), np.concatenate(grams)

    def _tfidf(
        self, labels: list[str]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32], sparse.csr_matrix]:
        """Sorted n-gram codes, their idf, and the L2-normalised sublinear TF-IDF matrix with
        one row per n-gram (a query touches only its own n-grams' rows)."""
        rows, grams = self._grams(labels)
        # The codes are dense enough to number through a table rather than by sorting.
        present = np.zeros(int(grams.max(initial=0)) + 1, dtype=bool)
        present[grams] = True
        vocabulary = np.flatnonzero(present)
        columns = (np.cumsum(present, dtype=np.int32) - 1)[grams]
        counts = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, columns)),
            shape=(len(labels), len(vocabulary)),
        )
        counts.sum_duplicates()
        counts.data = 1 + np.log(counts.data)
        df = np.diff(counts.tocsc().indptr)
        idf = (np.log((len(labels) + 1) / (df + 1)) + 1).astype(np.float32)
        weighted = counts.multiply(idf).tocsr()
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        weighted = sparse.diags(1 / np.maximum(norms, 1e-9)) @ weighted
        return vocabulary, idf, sparse.csr_matrix(weighted.T)

    def label_of(self, uri: str) -> str | None:
        """The label of a skill or skill group in the index's language, None if unknown."""
        return self.label_by_uri_.get(uri)
