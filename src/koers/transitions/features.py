"""Occupation and skill features for the transition engine, built once per knowledge base.

Everything is an array indexed like ``taxonomy.occupations`` (rows) and ``taxonomy.skills``
(columns), so that scoring one origin against all occupations is a few matrix products.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from koers.taxonomy import npz_file
from koers.taxonomy.knowledge_base import Taxonomy
from koers.taxonomy.semantic import SemanticSpace

ESSENTIAL_WEIGHT = 1.0
OPTIONAL_WEIGHT = 0.5
FEATURES_FORMAT = "koers-transition-features/2"
FEATURES_NAME = "transition-features.npz"

Floats = npt.NDArray[np.float32]


@dataclass(eq=False)
class OccupationFeatures:
    """The arrays the scores are computed from.

    Attributes
    ----------
    weights : csr (occupations x skills)
        1 for an essential skill, 0.5 for an optional one.
    essential : csr (occupations x skills)
        1 for an essential skill.
    idf : (skills,)
        ``log((n + 1) / (df + 1)) + 1``: rare skills say more about a job than common ones.
    parents : csr (skills x parent skills)
        The broader concepts of each skill in the ESCO skills pillar.
    parent_idf : (parent skills,)
    skill_vectors : (skills, d)
        Unit vectors of the skill labels' meaning (sentence embeddings, PCA-reduced).
    description_vectors, title_vectors : (occupations, d)
        Unit vectors of the English description and preferred label.
    isco : (occupations, 4) of int
        The ISCO-08 code at levels 1..4 (as integers, -1 when unknown).
    skill_group : (skills,) of int
        Index into ``group_uris`` of the nearest skill group above each skill, -1 for none.
    """

    weights: sparse.csr_matrix
    essential: sparse.csr_matrix
    idf: Floats
    parents: sparse.csr_matrix
    parent_idf: Floats
    skill_vectors: Floats
    description_vectors: Floats
    title_vectors: Floats
    isco: npt.NDArray[np.int32]
    skill_group: npt.NDArray[np.int32]
    group_uris: list[str]
    build_id: str = ""

    @classmethod
    def build(cls, taxonomy: Taxonomy, *, dims: int = 128) -> OccupationFeatures:
        n, m = len(taxonomy.occupations), len(taxonomy.skills)
        rows = taxonomy.occupation_skill_occupation
        cols = taxonomy.occupation_skill_skill
        is_essential = taxonomy.occupation_skill_essential
        values = np.where(is_essential, ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT).astype(np.float32)
        weights = sparse.csr_matrix((values, (rows, cols)), shape=(n, m))
        ones = np.ones(int(is_essential.sum()), np.float32)
        essential = sparse.csr_matrix(
            (ones, (rows[is_essential], cols[is_essential])), shape=(n, m)
        )
        parents, parent_idf = _parents(taxonomy, weights)
        skill_group, group_uris = _skill_groups(taxonomy)
        return cls(
            weights=weights,
            essential=essential,
            idf=_idf(weights),
            parents=parents,
            parent_idf=parent_idf,
            skill_vectors=_meaning([s.label("en") for s in taxonomy.skills], dims),
            description_vectors=_meaning(
                [_english(o.texts, "description") for o in taxonomy.occupations], dims
            ),
            title_vectors=_meaning([o.label("en") for o in taxonomy.occupations], dims),
            isco=np.array([_isco_levels(o.isco_group) for o in taxonomy.occupations], np.int32),
            skill_group=skill_group,
            group_uris=group_uris,
            build_id=taxonomy.build_id,
        )

    def save(self, path: Path) -> None:
        arrays: dict[str, Any] = {
            "idf": self.idf,
            "parent_idf": self.parent_idf,
            "skill_vectors": self.skill_vectors,
            "description_vectors": self.description_vectors,
            "title_vectors": self.title_vectors,
            "isco": self.isco,
            "skill_group": self.skill_group,
        }
        for name in ("weights", "essential", "parents"):
            arrays |= npz_file.sparse_arrays(name, getattr(self, name))
        document = {
            "format": FEATURES_FORMAT,
            "build_id": self.build_id,
            "group_uris": self.group_uris,
        }
        npz_file.write_atomically(path, document, arrays)

    @classmethod
    def load(cls, path: Path, taxonomy: Taxonomy) -> OccupationFeatures | None:
        """Features saved for this very knowledge base, else ``None``."""
        cached = npz_file.read_cache(path, format_tag=FEATURES_FORMAT, build_id=taxonomy.build_id)
        if cached is None:
            return None
        document, arrays = cached
        return cls(
            weights=npz_file.sparse_matrix("weights", arrays),
            essential=npz_file.sparse_matrix("essential", arrays),
            idf=arrays["idf"],
            parents=npz_file.sparse_matrix("parents", arrays),
            parent_idf=arrays["parent_idf"],
            skill_vectors=arrays["skill_vectors"],
            description_vectors=arrays["description_vectors"],
            title_vectors=arrays["title_vectors"],
            isco=arrays["isco"],
            skill_group=arrays["skill_group"],
            group_uris=document["group_uris"],
            build_id=document["build_id"],
        )


def load_features(taxonomy: Taxonomy, *, cache_dir: Path | None = None) -> OccupationFeatures:
    """The features of a knowledge base: from the cache when it fits, else built and cached."""
    return npz_file.load_or_build(
        cache_dir / FEATURES_NAME if cache_dir is not None and taxonomy.build_id else None,
        lambda path: OccupationFeatures.load(path, taxonomy),
        lambda: OccupationFeatures.build(taxonomy),
        OccupationFeatures.save,
    )


def _idf(weights: sparse.csr_matrix) -> Floats:
    df = np.asarray((weights > 0).sum(axis=0)).ravel()
    n = weights.shape[0]
    idf: Floats = (np.log((n + 1) / (df + 1)) + 1).astype(np.float32)
    return idf


def _parents(taxonomy: Taxonomy, weights: sparse.csr_matrix) -> tuple[sparse.csr_matrix, Floats]:
    columns: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for index, skill in enumerate(taxonomy.skills):
        for broader in skill.broader:
            rows.append(index)
            cols.append(columns.setdefault(broader, len(columns)))
    parents = sparse.csr_matrix(
        (np.ones(len(rows), np.float32), (rows, cols)),
        shape=(len(taxonomy.skills), max(1, len(columns))),
    )
    return parents, _idf(weights @ parents)


def _skill_groups(taxonomy: Taxonomy) -> tuple[npt.NDArray[np.int32], list[str]]:
    """The nearest skill group above each skill, walking up broader skills."""
    groups = taxonomy.skill_group_by_uri
    skills = {s.uri: s for s in taxonomy.skills}
    uris: list[str] = sorted(groups)
    position = {uri: i for i, uri in enumerate(uris)}

    def nearest(uri: str, seen: frozenset[str]) -> int:
        skill = skills.get(uri)
        if skill is None:
            return -1
        for broader in skill.broader:
            if broader in position:
                return position[broader]
        for broader in skill.broader:
            if broader not in seen:
                found = nearest(broader, seen | {broader})
                if found >= 0:
                    return found
        return -1

    found = [nearest(s.uri, frozenset({s.uri})) for s in taxonomy.skills]
    return np.asarray(found, dtype=np.int32), uris


def _english(texts: Any, field: str) -> str:
    text = texts.get("en") or next(iter(texts.values()), None)
    return str(getattr(text, field, "")) if text is not None else ""


def _meaning(texts: list[str], dims: int) -> Floats:
    if len(texts) < 2:
        return np.zeros((len(texts), 1), dtype=np.float32)
    space = SemanticSpace(dims=min(dims, len(texts) - 1)).fit(texts)
    return space.vectors_


def _isco_levels(code: str) -> list[int]:
    digits = code if code.isdigit() else ""
    return [int(digits[:level]) if len(digits) >= level else -1 for level in range(1, 5)]
