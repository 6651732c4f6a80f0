"""The signals of a transition score: each a vector over all target occupations, in [0, 1].

Every skill signal takes the origin as a dense skill-weight vector (1 essential, 0.5
optional, adjusted for what the person has or lacks) and returns one value per occupation.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import sparse

from koers.taxonomy.onet import OnetProfile
from koers.transitions.features import OccupationFeatures

Floats = npt.NDArray[np.float32]


def _floats(values: object) -> Floats:
    """Values as a float32 array (scipy is untyped: this gives mypy the type back)."""
    return np.asarray(values, dtype=np.float32)


def _row_normalised(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    normalised: sparse.csr_matrix = sparse.diags(1 / np.maximum(norms, 1e-9)) @ matrix
    return sparse.csr_matrix(normalised, dtype=np.float32)


def _cosines(origin: Floats, targets_normalised: sparse.csr_matrix) -> Floats:
    norm = float(np.linalg.norm(origin))
    if norm == 0:
        return np.zeros(targets_normalised.shape[0], dtype=np.float32)
    return _floats(np.clip(targets_normalised @ (origin / norm), 0, 1))


class Signals:
    """The signals for one feature set; normalised target matrices are computed once.

    The origin is a dense skill-weight vector (one value per skill).
    """

    def __init__(self, features: OccupationFeatures, onet: OnetProfile | None = None) -> None:
        self.features = features
        self.onet = onet
        if onet is not None:
            # Importance runs from 1 (not important) to 5: 0 means "not needed at all".
            self._onet_ratings = _unit(np.maximum(onet.ratings - 1, 0).astype(np.float32))
            activities = onet.activities @ sparse.diags(_idf(onet.activities))
            self._onet_activities = _row_normalised(activities)
        idf = sparse.diags(features.idf)
        self._skills = _row_normalised(features.weights @ idf)
        self._parents_t = sparse.csr_matrix(features.parents.transpose(), dtype=np.float32)
        self._parents = _row_normalised(
            (features.weights @ features.parents) @ sparse.diags(features.parent_idf)
        )
        self._needs = sparse.csr_matrix(features.weights @ idf, dtype=np.float32)
        self._needs_total = np.asarray(self._needs.sum(axis=1)).ravel()
        self._essential_total = np.asarray(features.essential.sum(axis=1)).ravel()
        centroids = (features.weights @ idf) @ features.skill_vectors
        self._skill_meaning = _unit(_floats(centroids))

    def skill_overlap(self, origin: Floats) -> Floats:
        """Cosine of idf-weighted skill profiles: ``cos(o * idf, t * idf)``."""
        return _cosines(origin * self.features.idf, self._skills)

    def broader_skill_overlap(self, origin: Floats) -> Floats:
        """Cosine of the profiles one level up the skills pillar (partial credit for kin skills)."""
        profile = (self._parents_t @ origin) * self.features.parent_idf
        return _cosines(profile, self._parents)

    def skill_meaning(self, origin: Floats) -> Floats:
        """Cosine of the idf-weighted mean meaning (sentence embedding) of the skill labels."""
        held = np.flatnonzero(origin)
        weights = origin[held] * self.features.idf[held]
        vector = _unit(_floats(weights @ self.features.skill_vectors[held]).reshape(1, -1))[0]
        return _floats(np.clip(self._skill_meaning @ vector, 0, 1))

    def target_coverage(self, origin: Floats) -> Floats:
        """Asymmetric: the idf-weighted share of each target's skills the origin has.

        ``sum_s w_t(s) idf(s) [o has s] / sum_s w_t(s) idf(s)``.
        """
        covered = self._needs @ (origin > 0).astype(np.float32)
        return _floats(covered / np.maximum(self._needs_total, 1e-9))

    def essential_coverage(self, origin: Floats) -> Floats:
        """The share of each target's essential skills the origin has (what people are told)."""
        covered = self._essential_total - self.missing_essential(origin)
        return _floats(covered / np.maximum(self._essential_total, 1))

    def missing_essential(self, origin: Floats) -> Floats:
        """How many of each target's essential skills the origin lacks."""
        covered = self.features.essential @ (origin > 0).astype(np.float32)
        return _floats(self._essential_total - covered)

    def isco_proximity(self, origin: int) -> Floats:
        """0.25 per shared ISCO-08 level: 1 for the same unit group, 0.25 for the same major."""
        codes = self.features.isco
        same = (codes == codes[origin]) & (codes[origin] >= 0)
        return _floats(same.sum(axis=1) / 4)

    def description_meaning(self, origin: int) -> Floats:
        """Cosine of the meaning (sentence embedding) of the English descriptions."""
        vectors = self.features.description_vectors
        return _floats(np.clip(vectors @ vectors[origin], 0, 1))

    def title_meaning(self, origin: int) -> Floats:
        """Cosine of the meaning (sentence embedding) of the English preferred labels."""
        vectors = self.features.title_vectors
        return _floats(np.clip(vectors @ vectors[origin], 0, 1))

    def onet_skills(self, origin: int) -> Floats:
        """Cosine of the O*NET skill and knowledge importance profiles (0 when unmapped)."""
        vectors = self._onet_ratings
        return _floats(np.clip(vectors @ vectors[origin], 0, 1))

    def onet_activities(self, origin: int) -> Floats:
        """Cosine of the idf-weighted sets of O*NET detailed work activities."""
        vectors = self._onet_activities
        return _floats(np.clip((vectors @ vectors[origin].T).toarray().ravel(), 0, 1))

    def job_zone_guard(self, origin: int) -> Floats:
        """Asymmetric level guard: 1, less 0.5 per O*NET job zone the target lies above
        the origin's next one; 1 when either zone is unknown.

        ``1 - clip((zone_t - zone_o - 1) / 2, 0, 1)``
        """
        zones = self.onet.job_zone if self.onet is not None else np.zeros(1, np.float32)
        known = (zones > 0) & (zones[origin] > 0)
        step_up = np.clip((zones - zones[origin] - 1) / 2, 0, 1)
        return _floats(np.where(known, 1 - step_up, 1))


def _idf(matrix: sparse.csr_matrix) -> Floats:
    df = np.asarray((matrix > 0).sum(axis=0)).ravel()
    return _floats(np.log((matrix.shape[0] + 1) / (df + 1)) + 1)


def _unit(vectors: Floats) -> Floats:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    units: Floats = (vectors / np.maximum(norms, 1e-9)).astype(np.float32)
    return units
