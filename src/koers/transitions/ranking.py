"""Rank every occupation as a next step from an origin: a weighted blend of documented signals."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

import numpy as np
import numpy.typing as npt
from scipy import sparse

from koers.taxonomy.closures import ClosedWork
from koers.taxonomy.knowledge_base import Taxonomy
from koers.taxonomy.vitality import Vitality, VitalityMap
from koers.transitions.features import ESSENTIAL_WEIGHT, OccupationFeatures, load_features
from koers.transitions.known import credit_matrix, known_skills
from koers.transitions.query import TransitionFilters, TransitionQuery
from koers.transitions.scoring import Signals
from koers.transitions.steps import (
    STEPS,
    Step,
    core_skills,
    skill_levels,
    step_of,
    step_ranks,
    steps_down,
)

# Tuned on half of the origins of the evaluation (even positions), reported on all;
# see docs/transitions-method.md.
DEFAULT_WEIGHTS = {
    "skill_overlap": 0.3,
    "broader_skill_overlap": 0.4,
    "skill_meaning": 0.7,
    "target_coverage": 0.1,
    "isco_proximity": 0.3,
    "description_meaning": 0.5,
    "title_meaning": 0.1,
    # O*NET (when imported) counts about as much as ESCO: the evaluation reference is
    # itself O*NET data, so weighting O*NET higher would flatter the figures, not help people.
    "onet_skills": 1.0,
    "onet_activities": 1.0,
    "job_zone_guard": 0.3,
}
# Signals that need O*NET data: left out when the knowledge base has none, or on request.
ONET_SIGNALS = frozenset({"onet_skills", "onet_activities", "job_zone_guard"})
VITAL_CLASSES = frozenset({"crucial", "secondary"})
Floats = npt.NDArray[np.float32]


class UnknownConceptError(KeyError):
    """An origin, target or skill that is not in the knowledge base."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class Transition:
    """One target occupation for an origin, with why it fits and what it still asks."""

    uri: str
    score: float
    essential_coverage: float
    shared_skills: tuple[str, ...]
    missing_essential: tuple[str, ...]
    missing_optional: tuple[str, ...]
    essential_total: int
    vitality: Vitality
    signals: dict[str, float] = field(default_factory=dict)
    step: Step = "far"
    """How big a step it is: ``small``, ``big`` or ``far`` (see :mod:`koers.transitions.steps`)."""
    continues: bool = False
    """Whether the target is work that went on in March 2020 (not closed, or vital)."""

    @property
    def essential_known(self) -> int:
        """How many of the target's essential skills the person has ("7 of the 10")."""
        return self.essential_total - len(self.missing_essential)


class TransitionRanker:
    """Rank target occupations for a person leaving an origin occupation.

    Parameters
    ----------
    weights : dict of str to float, optional
        Weight of each signal in :mod:`koers.transitions.scoring`; the score is the weighted
        mean, in [0, 1]. Asymmetric through ``target_coverage``.

    Examples
    --------
    >>> ranker = TransitionRanker().fit(taxonomy, vitality=VitalityMap.load())  # doctest: +SKIP
    >>> ranker.rank(TransitionQuery(origin=cook_uri), k=5)[0].uri  # doctest: +SKIP
    """

    def __init__(self, *, weights: dict[str, float] | None = None) -> None:
        self.weights = dict(DEFAULT_WEIGHTS if weights is None else weights)

    def fit(
        self,
        taxonomy: Taxonomy,
        *,
        vitality: VitalityMap | None = None,
        features: OccupationFeatures | None = None,
        cache_dir: Path | None = None,
        closed_work: ClosedWork | None = None,
    ) -> Self:
        """Build (or load from ``cache_dir``) the features; look up every occupation's vitality
        and whether its work went on (``closed_work``: the list shipped with Koers if not given)."""
        self.taxonomy_ = taxonomy
        self.features_ = features or load_features(taxonomy, cache_dir=cache_dir)
        self.signals_ = Signals(self.features_, taxonomy.onet)
        vitality = vitality or VitalityMap.load()
        self.vitality_ = [vitality.of(o) for o in taxonomy.occupations]
        self.vital_mask_ = np.array([v.vital_class in VITAL_CLASSES for v in self.vitality_])
        self.crucial_mask_ = np.array([v.vital_class == "crucial" for v in self.vitality_])
        closed_work = closed_work or ClosedWork.load()
        self.continues_ = np.array(
            [
                closed_work.continues(o, v)
                for o, v in zip(taxonomy.occupations, self.vitality_, strict=True)
            ],
            dtype=bool,
        )
        self.uses_ = sparse.csr_matrix(self.features_.weights > 0, dtype=np.float32)
        self.skill_levels_ = skill_levels(self.features_.isco)
        self.essential_totals_ = np.asarray(self.features_.essential.sum(axis=1)).ravel()
        self.skill_uris_ = [skill.uri for skill in taxonomy.skills]
        self.credit_ = credit_matrix(taxonomy.skills, self.features_.skill_vectors)
        self.ordered_skills_: dict[int, list[tuple[int, bool]]] = {}
        return self

    def active_weights(self) -> dict[str, float]:
        """The weights in use: O*NET signals only when the knowledge base has O*NET data."""
        if self.taxonomy_.onet is not None:
            return self.weights
        return {k: v for k, v in self.weights.items() if k not in ONET_SIGNALS}

    def esco_only(self) -> TransitionRanker:
        """The same ranker without O*NET signals (for ablations and ESCO-only organisations)."""
        if self.taxonomy_.onet is None or not ONET_SIGNALS & set(self.weights):
            return self
        other = TransitionRanker(
            weights={k: v for k, v in self.weights.items() if k not in ONET_SIGNALS}
        )
        other.__dict__.update({k: v for k, v in self.__dict__.items() if k.endswith("_")})
        return other

    def explain(self, query: TransitionQuery, target: str) -> Transition:
        """The transition to one given target, scored and explained as in :meth:`rank`."""
        origin, row = self._origin_row(query)
        known = self._known(query, row)
        return self._transition(self._occupation(target), known, self._scores(origin, row, known))

    def _occupation(self, uri: str) -> int:
        try:
            return self.taxonomy_.occupation_index[uri]
        except KeyError:
            raise UnknownConceptError(f"unknown occupation: {uri}") from None

    def _origin_row(self, query: TransitionQuery) -> tuple[int, Floats]:
        """The origin's index and the person's skill weights: those of the origin and of the
        occupations held before (the strongest of each skill), then what they have or lack."""
        origin = self._occupation(query.origin)
        held = [origin, *(self._occupation(uri) for uri in query.also_held)]
        row: Floats = self.features_.weights[held].max(axis=0).toarray().ravel().astype(np.float32)
        adjustments = [(u, ESSENTIAL_WEIGHT) for u in query.have] + [(u, 0.0) for u in query.lack]
        for uri, value in adjustments:
            try:
                row[self.taxonomy_.skill_index[uri]] = value
            except KeyError:
                raise UnknownConceptError(f"unknown skill: {uri}") from None
        return origin, row

    def _known(self, query: TransitionQuery, row: Floats) -> Floats:
        """What counts as known (1) for the person: see :mod:`koers.transitions.known`."""
        index = self.taxonomy_.skill_index
        lack = [index[uri] for uri in query.lack]
        return known_skills(row, self.credit_, lack).astype(np.float32)

    def scores(self, query: TransitionQuery) -> dict[str, Floats]:
        """Every signal and the blended ``score`` for all occupations (the origin included)."""
        origin, row = self._origin_row(query)
        return self._scores(origin, row, self._known(query, row))

    def _scores(self, origin: int, row: Floats, known: Floats) -> dict[str, Floats]:
        s = self.signals_
        computed = {
            "skill_overlap": lambda: s.skill_overlap(row),
            "broader_skill_overlap": lambda: s.broader_skill_overlap(row),
            "skill_meaning": lambda: s.skill_meaning(row),
            "target_coverage": lambda: s.target_coverage(row),
            "isco_proximity": lambda: s.isco_proximity(origin),
            "description_meaning": lambda: s.description_meaning(origin),
            "title_meaning": lambda: s.title_meaning(origin),
            "onet_skills": lambda: s.onet_skills(origin),
            "onet_activities": lambda: s.onet_activities(origin),
            "job_zone_guard": lambda: s.job_zone_guard(origin),
        }
        unknown = set(self.weights) - set(computed)
        if unknown:
            raise ValueError(f"unknown signal(s) in weights: {', '.join(sorted(unknown))}")
        weights = self.active_weights()
        result = {name: computed[name]() for name, weight in weights.items() if weight}
        total = sum(weights.values()) or 1.0
        blended = sum(weights[name] * values for name, values in result.items())
        result["score"] = (np.asarray(blended) / total).astype(np.float32)
        result["essential_coverage"] = s.essential_coverage(known)
        return result

    def rank(
        self,
        query: TransitionQuery,
        *,
        k: int = 20,
        filters: TransitionFilters | None = None,
    ) -> list[Transition]:
        """The ``k`` best targets, best first; ties broken by URI. The occupations the person
        held (the origin and ``also_held``) are never listed."""
        filters = filters or TransitionFilters()
        origin, row = self._origin_row(query)
        known = self._known(query, row)
        values = self._scores(origin, row, known)
        allowed = np.ones(len(self.taxonomy_.occupations), dtype=bool)
        allowed[origin] = False
        for uri in query.also_held:
            allowed[self._occupation(uri)] = False
        if filters.vital_only:
            allowed &= self.vital_mask_
        if filters.crucial_only:
            allowed &= self.crucial_mask_
        if filters.exclude_own_isco:
            codes = self.features_.isco[:, 3]
            allowed &= codes != codes[origin]
        if filters.min_coverage is not None:
            allowed &= values["essential_coverage"] >= filters.min_coverage
        if filters.max_missing is not None:
            allowed &= self.signals_.missing_essential(known) <= filters.max_missing
        ranks = step_ranks(values["essential_coverage"])
        if filters.steps is not None:
            allowed &= np.isin(ranks, [STEPS.index(step) for step in filters.steps])
        allowed &= ~self._guarded(origin, known, filters)
        candidates = np.flatnonzero(allowed)
        rounded = np.round(values["score"][candidates], 4)
        if filters.route_order:
            # lexsort sorts by its last key first; the candidates' order (by URI) breaks ties.
            keys = (candidates, -rounded, ~self.continues_[candidates], ranks[candidates])
            best = candidates[np.lexsort(keys)[:k]]
        else:
            # Occupations are ordered by URI: a stable sort on the score breaks ties by URI.
            best = candidates[np.argsort(-rounded, kind="stable")[:k]]
        return [self._transition(int(t), known, values) for t in best]

    def guarded(self, query: TransitionQuery, filters: TransitionFilters) -> set[str]:
        """The targets that the guards of ``filters`` leave out for this person (URIs)."""
        origin, row = self._origin_row(query)
        known = self._known(query, row)
        occupations = self.taxonomy_.occupations
        return {occupations[t].uri for t in np.flatnonzero(self._guarded(origin, known, filters))}

    def _guarded(
        self, origin: int, known: Floats, filters: TransitionFilters
    ) -> npt.NDArray[np.bool_]:
        """The targets the guards of ``filters`` leave out (see :mod:`koers.transitions.steps`);
        ``known`` is what counts as known for the person (1)."""
        isco = self.features_.isco
        left_out = np.zeros(len(isco), dtype=bool)
        if filters.guard_core:
            missing_core = core_skills(self.uses_, isco, origin) & (known <= 0)
            asks = (self.features_.essential @ missing_core.astype(np.float32)) > 0
            left_out |= asks & (isco[:, 3] != isco[origin, 3])
        if filters.guard_step_down:
            missing = self.signals_.missing_essential(known)
            left_out |= steps_down(
                isco, self.skill_levels_, missing, self.essential_totals_, origin
            )
        return left_out

    def _transition(self, target: int, known: Floats, values: dict[str, Floats]) -> Transition:
        has = known > 0
        uris = self.skill_uris_
        shared: list[str] = []
        missing_essential: list[str] = []
        missing_optional: list[str] = []
        for skill, essential in self._ordered_skills(target):
            if has[skill]:
                shared.append(uris[skill])
            elif essential:
                missing_essential.append(uris[skill])
            else:
                missing_optional.append(uris[skill])
        coverage = float(values["essential_coverage"][target])
        return Transition(
            uri=self.taxonomy_.occupations[target].uri,
            score=round(float(values["score"][target]), 4),
            essential_coverage=round(coverage, 4),
            shared_skills=tuple(shared),
            missing_essential=tuple(missing_essential),
            missing_optional=tuple(missing_optional),
            essential_total=sum(1 for _, essential in self._ordered_skills(target) if essential),
            vitality=self.vitality_[target],
            signals={
                name: round(float(v[target]), 4)
                for name, v in values.items()
                if name not in ("score", "essential_coverage")
            },
            step=step_of(coverage),
            continues=bool(self.continues_[target]),
        )

    def _ordered_skills(self, target: int) -> list[tuple[int, bool]]:
        """The target's skills, most important first: essential, then rarer (more telling)."""
        ordered = self.ordered_skills_.get(target)
        if ordered is None:
            essential = set(_row_indices(self.features_.essential, target))
            idf = self.features_.idf
            skills = sorted(
                _row_indices(self.features_.weights, target),
                key=lambda s: (s not in essential, -idf[s], s),
            )
            ordered = self.ordered_skills_[target] = [(s, s in essential) for s in skills]
        return ordered


def _row_indices(matrix: sparse.csr_matrix, row: int) -> list[int]:
    """The column indices of one CSR row, without slicing a new matrix."""
    indices: list[int] = matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]].tolist()
    return indices
