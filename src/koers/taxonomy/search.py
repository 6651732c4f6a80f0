"""Job-title search over every ESCO occupation label, in the language asked and then the others.

A label is scored by a blend of two similarities: the cosine of character n-gram TF-IDF
vectors (typos, word order, Dutch compounds and word parts) and the cosine of multilingual
sentence embeddings (synonyms: "juf" and "leraar"), lifted for an exact match and for a label
that starts with what was typed so far. An occupation scores as the blend of its best label by
letters and its best label by meaning (soft maxima: more labels that fit count a little), or
as its best label when that is raised as an exact match or prefix.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Self

import numpy as np
import numpy.typing as npt

from koers.taxonomy import npz_file
from koers.taxonomy.labels import is_only_stopwords, normalise
from koers.taxonomy.model import FALLBACK_LANGUAGE
from koers.taxonomy.semantic import SemanticSpace

if TYPE_CHECKING:
    from scipy import sparse

    from koers.taxonomy.knowledge_base import Taxonomy

# How much a label counts, by kind; labels in another language than the query's count less.
KIND_WEIGHTS = {"preferred": 1.0, "alt": 0.97, "hidden": 0.94}
OTHER_LANGUAGE_WEIGHT = 0.9
PREFIX_FLOOR = 0.6
# A label that ends in the query's last word: its n-gram similarity times 1 + this.
HEAD_LIFT = 0.1
# An occupation's fit by letters or by meaning: a soft maximum over its labels (the larger the
# softness, the more several fitting labels count), at most this much over the best label.
EVIDENCE_SOFTNESS = 0.1
EVIDENCE_LIFT = 0.05
# Everyday words (synonyms) this long are also found with one typo.
TYPO_LENGTH = 8
NGRAM_SIZES = (3, 4)
INDEX_FORMAT = "koers-title-index/5"
TITLE_INDEX_NAME = "title-index.npz"
# Everyday Dutch words per occupation that ship with Koers (see TitleIndex.with_synonyms).
SHIPPED_SYNONYMS = Path(__file__).parent / "data" / "synonyms_nl.toml"


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """One occupation found for a query."""

    uri: str
    label: str
    matched_label: str
    score: float

    def as_dict(self) -> dict[str, str | float]:
        return {
            "uri": self.uri,
            "label": self.label,
            "matched_label": self.matched_label,
            "score": self.score,
        }


@dataclass(frozen=True, slots=True)
class _Fit:
    """How well each label fits a query, in [0, 1], before label weights."""

    # Letters and meaning blended; the prefix score for a label that starts with the query,
    # 1 for a label that equals it.
    blend: npt.NDArray[np.float32]
    # The character n-gram similarity alone, and the meaning similarity alone (if any).
    letters: npt.NDArray[np.float32]
    meaning: npt.NDArray[np.float32] | None
    # The rows raised above their blend: a prefix of the query, or the query itself.
    raised: list[int]


@dataclass(frozen=True, slots=True)
class _Lookups:
    """Made once with the index and kept with it, so that loading it builds nothing."""

    head_words: list[str]
    # Per label, the number of its last word in ``head_words``.
    heads: npt.NDArray[np.int32]
    # The label rows in the alphabetical order of their normalised texts.
    sorted_rows: npt.NDArray[np.int32]

    @classmethod
    def of(cls, texts: list[str]) -> _Lookups:
        numbers: dict[str, int] = {}
        heads = [numbers.setdefault(text.rsplit(" ", 1)[-1], len(numbers)) for text in texts]
        order = sorted(range(len(texts)), key=texts.__getitem__)
        return cls(list(numbers), np.asarray(heads, np.int32), np.asarray(order, dtype=np.int32))


def ngrams(text: str) -> list[str]:
    """Character n-grams of each word, padded with spaces so word starts and ends count."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        for size in NGRAM_SIZES:
            grams.extend(padded[i : i + size] for i in range(max(1, len(padded) - size + 1)))
    return grams


class TitleIndex:
    """Find ESCO occupations by job title.

    Parameters
    ----------
    min_score : float
        Occupations whose best label scores below this are left out: nonsense finds nothing.
    preferred_weight : float
        How much the fit of the query to an occupation's preferred label adds to its score.
    semantic_weight : float
        Weight of the meaning-based similarity (multilingual sentence embeddings) beside the
        character n-gram similarity, which has weight 1 (1.25: chosen on the dev sets, where
        it lifted English MRR@10 by 0.002 and kept Dutch). Zero switches embeddings off.
    semantic_dims : int
        Dimensions kept of the sentence embeddings.
    min_letters : float
        A query finds nothing unless some label reaches this n-gram similarity (or starts
        with the query).
    relative_cutoff : float
        Under a good best match (see ``confident_score``), occupations scoring below this
        fraction of the best are left out, unless they share the best match's ISCO-08 unit
        group. A worker who types "kapster" then reads kapper, herenkapper and haarstylist,
        not "zanger" (via "rapster") or "steenkapper": rhyme and substring matches that only
        share letters. Chosen on the Dutch dev sets (evaluation/devsets): 0.65 left out
        more than half of the suggestions that are neither the gold occupation nor of its
        ISCO group, for a loss of at most 0.004 MRR@10; 0.7 since an occupation's fit by
        letters and by meaning may come from two labels (which lifts weak matches more than
        the best), for the same noise as before. Zero switches it off.
    confident_score : float
        The best match's score from which the relative cut-off applies. Under it, what
        was typed is vague ("pakketbezorger" finds only partial matches) and every match
        stays a useful suggestion.

    Examples
    --------
    >>> index = TitleIndex().fit(taxonomy)  # doctest: +SKIP
    >>> index.search("kapster", language="nl", limit=1)[0].label  # doctest: +SKIP
    'kapper'
    """

    def __init__(
        self,
        *,
        min_score: float = 0.3,
        preferred_weight: float = 0.1,
        semantic_weight: float = 1.25,
        semantic_dims: int = 128,
        min_letters: float = 0.3,
        relative_cutoff: float = 0.7,
        confident_score: float = 0.7,
    ) -> None:
        self.min_score = min_score
        self.relative_cutoff = relative_cutoff
        self.confident_score = confident_score
        self.min_letters = min_letters
        self.preferred_weight = preferred_weight
        self.semantic_weight = semantic_weight
        self.semantic_dims = semantic_dims

    def fit(self, taxonomy: Taxonomy) -> Self:
        """Index every label of every occupation in every language."""
        texts: list[str] = []
        owners: list[int] = []
        weights: list[float] = []
        languages: list[str] = []
        originals: list[str] = []
        for index, occupation in enumerate(taxonomy.occupations):
            for lang, text in occupation.texts.items():
                for kind, labels in (
                    ("preferred", (text.preferred,)),
                    ("alt", text.alt),
                    ("hidden", text.hidden),
                ):
                    for label in labels:
                        normal = normalise(label)
                        if normal:
                            texts.append(normal)
                            owners.append(index)
                            weights.append(KIND_WEIGHTS[kind])
                            languages.append(lang)
                            originals.append(label)
        vocabulary, idf, matrix = _tfidf(texts)
        language_codes = sorted(set(languages))
        semantic = (
            SemanticSpace(dims=self.semantic_dims).fit(originals) if self.semantic_weight else None
        )
        # What a search says about an occupation, kept here so that it needs no knowledge base.
        named = [taxonomy.occupations[i] for i in sorted(set(owners))]
        self._set_state(
            build_id=taxonomy.build_id,
            uris=[occupation.uri for occupation in named],
            isco_groups=[occupation.isco_group for occupation in named],
            names={
                lang: [o.label(lang) for o in named]
                for lang in {*language_codes, FALLBACK_LANGUAGE}
            },
            labels=originals,
            texts=texts,
            owners=np.asarray(owners, dtype=np.int32),
            weights=np.asarray(weights, dtype=np.float32),
            label_languages=np.asarray([language_codes.index(x) for x in languages], np.int8),
            language_codes=language_codes,
            vocabulary=vocabulary,
            idf=idf,
            matrix=(matrix.indptr, matrix.indices, matrix.data),
            semantic=semantic,
            lookups=_Lookups.of(texts),
        )
        return self

    def _set_state(
        self,
        *,
        build_id: str,
        uris: list[str],
        isco_groups: list[str],
        names: dict[str, list[str]],
        labels: list[str],
        texts: list[str],
        owners: npt.NDArray[np.int32],
        weights: npt.NDArray[np.float32],
        label_languages: npt.NDArray[np.int8],
        language_codes: list[str],
        vocabulary: dict[str, int],
        idf: npt.NDArray[np.float32],
        matrix: tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.float32]],
        semantic: SemanticSpace | None,
        lookups: _Lookups,
    ) -> None:
        self.build_id_ = build_id
        self.uris_ = uris
        self.names_ = names
        self.labels_ = labels
        self.texts_ = texts
        self.owners_ = owners
        self.weights_ = weights
        self.label_languages_ = label_languages
        self.language_codes_ = language_codes
        self.vocabulary_ = vocabulary
        self.idf_ = idf
        # The n-gram x label matrix in CSR parts: the labels and weights of each n-gram.
        self.postings_start_, self.postings_label_, self.postings_weight_ = matrix
        self.semantic_ = semantic
        # Each label's last word, as a number; the labels in alphabetical order (prefixes).
        self.head_ids_ = {word: number for number, word in enumerate(lookups.head_words)}
        self.heads_ = lookups.heads
        # Labels come grouped per occupation: the first row of each group, each row's group.
        self.starts_ = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        self.slot_of_row_ = np.repeat(
            np.arange(len(self.starts_)), np.diff(np.r_[self.starts_, len(owners)])
        )
        self.isco_groups_ = np.asarray(isco_groups)
        self.preferred_rows_: dict[str, npt.NDArray[np.int64]] = {}
        self.language_weights_: dict[str, npt.NDArray[np.float32]] = {}
        self.synonyms_: dict[tuple[str, str], list[int]] = {}
        self.synonyms_by_length_: dict[tuple[int, str], list[tuple[str, list[int]]]] = {}
        self.sorted_rows_ = lookups.sorted_rows
        self.sorted_texts_ = [texts[i] for i in lookups.sorted_rows.tolist()]

    def _vector(self, text: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        counts: dict[int, int] = defaultdict(int)
        grams = ngrams(text)
        for gram in grams:
            column = self.vocabulary_.get(gram)
            if column is not None:
                counts[column] += 1
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter((1 + math.log(c) for c in counts.values()), np.float32, len(counts))
        values = tf * self.idf_[columns]
        # Unknown n-grams of the query still count in its length: they lower every fit alike.
        unknown = len(set(grams)) - len(counts)
        norm = math.sqrt(float(values @ values) + unknown * float(self.idf_.max()) ** 2)
        return columns, values / norm

    def _fit(self, query: str, meaning: npt.NDArray[np.float32] | None = None) -> _Fit | None:
        """How well each label fits the query, or None when nothing does.

        ``meaning``: the query's meaning similarities, when the caller has them already. None
        when no label shares enough letters with the query: meaning alone does not make a
        nonsense word (or a typo of nothing) into a job title.
        """
        text = normalise(query)
        if is_only_stopwords(text):
            return None
        letters = np.zeros(len(self.labels_), dtype=np.float32)
        columns, values = self._vector(text)
        if len(columns):
            letters = self._ngram_scores(columns, values)
        prefixed = self._prefixed(text)
        if letters.max() < self.min_letters and not prefixed:
            return None
        # The last word names the work in most titles ("volleyball referee" is a referee):
        # a label that ends in it fits a little better.
        head = self.head_ids_.get(text.split()[-1])
        if head is not None:
            lifted = letters[self.heads_ == head] * (1 + HEAD_LIFT)
            letters[self.heads_ == head] = np.minimum(lifted, 1)
        if self.semantic_ is None:
            blend, meaning = letters.copy(), None
        else:
            if meaning is None:
                meaning = self.semantic_.similarities(query.strip())
            weight = self.semantic_weight
            blend = ((letters + weight * meaning) / (1 + weight)).astype(np.float32)
        for row in prefixed:
            completed = len(text) / len(self.texts_[row])
            blend[row] = max(blend[row], PREFIX_FLOOR + (1 - PREFIX_FLOOR) * completed)
        exact = self._exact(text)
        for row in exact:
            blend[row] = 1.0
        return _Fit(blend, letters, meaning, [*prefixed, *exact])

    def _ngram_scores(
        self, columns: npt.NDArray[np.int64], values: npt.NDArray[np.float32]
    ) -> npt.NDArray[np.float32]:
        """The n-gram cosine of every label: the query's n-grams' postings, summed per label."""
        spans = list(
            zip(
                self.postings_start_[columns].tolist(),
                self.postings_start_[columns + 1].tolist(),
                values.tolist(),
                strict=True,
            )
        )
        labels = np.concatenate([self.postings_label_[a:b] for a, b, _ in spans])
        weights = np.concatenate([self.postings_weight_[a:b] * v for a, b, v in spans])
        summed = np.bincount(labels, weights=weights, minlength=len(self.labels_))
        return summed.astype(np.float32)

    def _weights_for(self, language: str) -> npt.NDArray[np.float32]:
        if language not in self.language_weights_:
            weights = self.weights_.copy()
            if language in self.language_codes_:
                code = self.language_codes_.index(language)
                weights[self.label_languages_ != code] *= OTHER_LANGUAGE_WEIGHT
            self.language_weights_[language] = weights
        return self.language_weights_[language]

    def _preferred_rows(self, language: str) -> npt.NDArray[np.int64]:
        """Per occupation (with labels), the row of its preferred label in ``language``."""
        if language not in self.preferred_rows_:
            rows = []
            names = self._names(language)
            for slot, start in enumerate(self.starts_.tolist()):
                stop = self.starts_[slot + 1] if slot + 1 < len(self.starts_) else len(self.texts_)
                wanted = normalise(names[slot])
                rows.append(
                    next((r for r in range(start, stop) if self.texts_[r] == wanted), start)
                )
            self.preferred_rows_[language] = np.asarray(rows, dtype=np.int64)
        return self.preferred_rows_[language]

    def _names(self, language: str) -> list[str]:
        """Per occupation (with labels), its name in ``language``, else in English."""
        return self.names_.get(language) or self.names_[FALLBACK_LANGUAGE]

    def _exact(self, text: str) -> list[int]:
        """The rows of the labels whose normalised text is ``text``."""
        start = bisect.bisect_left(self.sorted_texts_, text)
        stop = bisect.bisect_right(self.sorted_texts_, text, lo=start)
        rows: list[int] = self.sorted_rows_[start:stop].tolist()
        return rows

    def _prefixed(self, text: str, cap: int = 200) -> list[int]:
        if len(text) < 3:
            return []
        start = bisect.bisect_left(self.sorted_texts_, text)
        stop = bisect.bisect_left(self.sorted_texts_, text + "\uffff", lo=start)
        rows: list[int] = self.sorted_rows_[start : min(stop, start + cap)].tolist()
        return rows

    def with_synonyms(self, synonyms: Mapping[tuple[str, str], Sequence[str]]) -> Self:
        """Let everyday words name occupations: (normalised word, language) -> URIs.

        A synonym typed exactly scores its occupations 1, as their own exact label would,
        so "vakkenvuller" finds the shelf filler first and not the shop assistant that
        has it as an ESCO label. URIs this knowledge base does not hold are ignored.
        """
        slot_of = {uri: slot for slot, uri in enumerate(self.uris_)}
        self.synonyms_ = {
            key: [slot_of[uri] for uri in uris if uri in slot_of] for key, uris in synonyms.items()
        }
        self.synonyms_by_length_ = {}
        for (word, language), slots in self.synonyms_.items():
            self.synonyms_by_length_.setdefault((len(word), language), []).append((word, slots))
        return self

    def _named(self, text: str, language: str) -> list[int]:
        """The occupations an everyday word names: typed as it is, or, in a word of at least
        ``TYPO_LENGTH`` letters that is no ESCO label, with one letter wrong, missing or extra
        ("bejaardeverzorgster")."""
        named = self.synonyms_.get((text, language))
        if named is not None or len(text) < TYPO_LENGTH or self._exact(text):
            return named or []
        for size in (len(text) - 1, len(text), len(text) + 1):
            for word, slots in self.synonyms_by_length_.get((size, language), []):
                if _one_edit_apart(word, text):
                    return slots
        return []

    def exact_occupations(self, title: str, *, language: str) -> list[int]:
        """Indexes of the occupations with a label in ``language`` that equals the title."""
        if language not in self.language_codes_:
            return []
        code = self.language_codes_.index(language)
        rows = self._exact(normalise(title))
        owners = {int(self.owners_[r]) for r in rows if self.label_languages_[r] == code}
        return sorted(owners)

    def search(self, query: str, *, language: str = "nl", limit: int = 10) -> list[TitleMatch]:
        """Occupations for a job title, best first; ties broken by URI.

        An occupation scores as its labels fit (see the module), lifted a little by how well
        the query fits its preferred label: of several occupations that share a matching
        label, the one that is named like the query comes first. Under a good best match,
        weak matches of other kinds of work are left out (``relative_cutoff``).
        """
        return self._ranked(query, self._fit(query), language=language, limit=limit)

    def search_many(
        self, queries: Sequence[str], *, language: str = "nl", limit: int = 10
    ) -> list[list[TitleMatch]]:
        """:meth:`search` for each query, several times faster per query than one by one."""
        if self.semantic_ is None:
            return [self.search(query, language=language, limit=limit) for query in queries]
        meanings = self.semantic_.similarities_many([query.strip() for query in queries])
        return [
            self._ranked(query, self._fit(query, meaning), language=language, limit=limit)
            for query, meaning in zip(queries, meanings, strict=True)
        ]

    def _ranked(
        self, query: str, fit: _Fit | None, *, language: str, limit: int
    ) -> list[TitleMatch]:
        named = self._named(normalise(query), language)
        if fit is None:
            if not named:
                return []
            nothing = np.zeros(len(self.labels_), dtype=np.float32)
            fit = _Fit(nothing, nothing, None, [])
        weights = self._weights_for(language)
        weighted = fit.blend * weights
        if fit.meaning is None:
            best = np.maximum.reduceat(weighted, self.starts_)
        else:
            # An occupation fits by letters through one label and by meaning through another
            # ("football referee": "referee" by letters, "sports official" by meaning). That
            # is never less than its best label's blend, except for a label raised as a prefix
            # or as the query itself.
            by_letters = self._evidence(fit.letters * weights)
            by_meaning = self._evidence(fit.meaning * weights)
            weight = self.semantic_weight
            best = (by_letters + weight * by_meaning) / (1 + weight)
            for row in fit.raised:
                slot = self.slot_of_row_[row]
                best[slot] = max(best[slot], weighted[row])
        preferred = fit.blend[self._preferred_rows(language)]
        scores = (best + self.preferred_weight * preferred) / (1 + self.preferred_weight)
        scores[best < self.min_score] = 0
        scores[named] = 1.0
        self._cut_off(scores)
        # Occupations are ordered by URI, so a stable sort breaks ties by URI.
        order = np.argsort(-np.round(scores, 4), kind="stable")[:limit]
        names = self._names(language)
        matches = []
        for slot in order.tolist():
            if scores[slot] <= 0:
                break
            stop = self.starts_[slot + 1] if slot + 1 < len(self.starts_) else len(weighted)
            row = int(self.starts_[slot] + np.argmax(weighted[self.starts_[slot] : stop]))
            matches.append(
                TitleMatch(
                    self.uris_[slot],
                    names[slot],
                    query.strip() if slot in named else self.labels_[row],
                    round(float(scores[slot]), 4),
                )
            )
        return matches

    def _evidence(self, fits: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Per occupation, the best fit of its labels, lifted (by at most ``EVIDENCE_LIFT``)
        when more of its labels fit nearly as well: a soft maximum."""
        best = np.maximum.reduceat(fits, self.starts_)
        terms = fits - 1
        terms *= 1 / EVIDENCE_SOFTNESS
        summed = np.add.reduceat(np.exp(terms, out=terms), self.starts_)
        soft = EVIDENCE_SOFTNESS * np.log(summed) + 1
        lifted: npt.NDArray[np.float32] = np.minimum(soft, best + EVIDENCE_LIFT).astype(np.float32)
        return lifted

    def _cut_off(self, scores: npt.NDArray[np.float32]) -> None:
        """Zero the scores far under a good best match, except in the best match's ISCO group."""
        top = int(np.argmax(scores))
        if scores[top] < self.confident_score:
            return
        weak = scores < self.relative_cutoff * scores[top]
        scores[weak & (self.isco_groups_ != self.isco_groups_[top])] = 0

    def save(self, path: Path) -> None:
        """Write the fitted index next to the knowledge base, atomically."""
        document = {
            "format": INDEX_FORMAT,
            "build_id": self.build_id_,
            "uris": self.uris_,
            "isco_groups": self.isco_groups_.tolist(),
            "names": self.names_,
            "head_words": list(self.head_ids_),
            "min_score": self.min_score,
            "preferred_weight": self.preferred_weight,
            "semantic_weight": self.semantic_weight,
            "min_letters": self.min_letters,
            "labels": self.labels_,
            "texts": self.texts_,
            "languages": self.language_codes_,
            "vocabulary": sorted(self.vocabulary_, key=self.vocabulary_.__getitem__),
        }
        arrays = {
            "owners": self.owners_,
            "weights": self.weights_,
            "label_languages": self.label_languages_,
            "idf": self.idf_,
            "matrix_indptr": self.postings_start_,
            "matrix_indices": self.postings_label_,
            "matrix_data": self.postings_weight_,
            "heads": self.heads_,
            "sorted_rows": self.sorted_rows_,
        }
        if self.semantic_ is not None:
            arrays["semantic_mean"] = self.semantic_.mean_
            arrays["semantic_components"] = self.semantic_.components_
            arrays["semantic_vectors"] = self.semantic_.vectors_
        npz_file.write_atomically(path, document, arrays)

    @classmethod
    def load(cls, path: Path, build_id: str | None = None) -> TitleIndex | None:
        """A saved index, if it was built from the knowledge base ``build_id``, else ``None``.

        Without ``build_id`` any saved index of this format will do: for the folder of one
        import, whose files are always of that import.
        """
        cached = npz_file.read_cache(path, format_tag=INDEX_FORMAT, build_id=build_id)
        if cached is None:
            return None
        document, arrays = cached
        index = cls(
            min_score=document["min_score"],
            preferred_weight=document["preferred_weight"],
            semantic_weight=document["semantic_weight"],
            min_letters=document["min_letters"],
        )
        semantic = None
        if "semantic_vectors" in arrays:
            semantic = SemanticSpace.from_arrays(
                arrays["semantic_mean"], arrays["semantic_components"], arrays["semantic_vectors"]
            )
        index._set_state(
            build_id=document["build_id"],
            uris=document["uris"],
            isco_groups=document["isco_groups"],
            names=document["names"],
            labels=document["labels"],
            texts=document["texts"],
            owners=arrays["owners"],
            weights=arrays["weights"],
            label_languages=arrays["label_languages"],
            language_codes=document["languages"],
            vocabulary={gram: i for i, gram in enumerate(document["vocabulary"])},
            idf=arrays["idf"],
            matrix=(arrays["matrix_indptr"], arrays["matrix_indices"], arrays["matrix_data"]),
            semantic=semantic,
            lookups=_Lookups(document["head_words"], arrays["heads"], arrays["sorted_rows"]),
        )
        return index


def load_title_index(taxonomy: Taxonomy, *, cache_dir: Path | None = None) -> TitleIndex:
    """The title index of a knowledge base: from the cache when it fits, else built (and cached)."""
    return npz_file.load_or_build(
        cache_dir / TITLE_INDEX_NAME if cache_dir is not None and taxonomy.build_id else None,
        lambda path: TitleIndex.load(path, taxonomy.build_id),
        lambda: TitleIndex().fit(taxonomy),
        TitleIndex.save,
    )


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one letter changed, left out or added turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    start = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    if len(a) == len(b):
        return a[start + 1 :] == b[start + 1 :]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1 :] == shorter[start:]


def _tfidf(
    texts: list[str],
) -> tuple[dict[str, int], npt.NDArray[np.float32], sparse.csr_matrix]:
    """Vocabulary, idf and the L2-normalised sublinear TF-IDF matrix, one row per feature."""
    # Only building an index needs scipy: a process that searches starts without it.
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    data: list[float] = []
    for row, text in enumerate(texts):
        counts: dict[int, int] = defaultdict(int)
        for gram in ngrams(text):
            counts[vocabulary.setdefault(gram, len(vocabulary))] += 1
        for column, count in counts.items():
            rows.append(row)
            columns.append(column)
            data.append(1 + math.log(count))
    matrix = sparse.csr_matrix(
        (np.asarray(data, dtype=np.float32), (rows, columns)),
        shape=(len(texts), len(vocabulary)),
    )
    df = np.bincount(np.asarray(columns), minlength=len(vocabulary))
    idf = (np.log((len(texts) + 1) / (df + 1)) + 1).astype(np.float32)
    matrix = matrix.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    matrix = sparse.diags(1 / np.maximum(norms, 1e-9)) @ matrix
    # Stored feature-major so a query only touches the rows of its own n-grams.
    return vocabulary, idf, sparse.csr_matrix(matrix.T)
