"""The vectorised signals agree with a slow, plain reference implementation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from koers.taxonomy import Taxonomy
from koers.transitions import OccupationFeatures
from koers.transitions.scoring import Signals


@pytest.fixture(scope="module")
def features(mini_taxonomy: Taxonomy) -> OccupationFeatures:
    return OccupationFeatures.build(mini_taxonomy)


def skill_weights(taxonomy: Taxonomy) -> list[dict[int, float]]:
    """Per occupation: skill index -> 1 (essential) or 0.5 (optional), the plain way."""
    weights: list[dict[int, float]] = [{} for _ in taxonomy.occupations]
    for occupation, skill, essential in zip(
        taxonomy.occupation_skill_occupation.tolist(),
        taxonomy.occupation_skill_skill.tolist(),
        taxonomy.occupation_skill_essential.tolist(),
        strict=True,
    ):
        weights[occupation][skill] = 1.0 if essential else 0.5
    return weights


def plain_idf(taxonomy: Taxonomy, weights: list[dict[int, float]]) -> list[float]:
    n = len(taxonomy.occupations)
    df = [sum(1 for w in weights if s in w) for s in range(len(taxonomy.skills))]
    return [math.log((n + 1) / (d + 1)) + 1 for d in df]


def plain_cosine(a: dict[int, float], b: dict[int, float]) -> float:
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def test_skill_overlap_is_the_idf_weighted_cosine(
    mini_taxonomy: Taxonomy, features: OccupationFeatures
) -> None:
    weights = skill_weights(mini_taxonomy)
    idf = plain_idf(mini_taxonomy, weights)
    signals = Signals(features)
    for origin in range(len(weights)):
        row = features.weights[origin].toarray().ravel().astype(np.float32)
        fast = signals.skill_overlap(row)
        a = {s: w * idf[s] for s, w in weights[origin].items()}
        for target in range(len(weights)):
            b = {s: w * idf[s] for s, w in weights[target].items()}
            assert fast[target] == pytest.approx(plain_cosine(a, b), abs=1e-5)


def test_target_coverage_is_the_weighted_share_of_the_targets_skills(
    mini_taxonomy: Taxonomy, features: OccupationFeatures
) -> None:
    weights = skill_weights(mini_taxonomy)
    idf = plain_idf(mini_taxonomy, weights)
    signals = Signals(features)
    for origin in range(len(weights)):
        row = features.weights[origin].toarray().ravel().astype(np.float32)
        fast = signals.target_coverage(row)
        essential_fast = signals.essential_coverage(row)
        for target, needs in enumerate(weights):
            total = sum(w * idf[s] for s, w in needs.items())
            covered = sum(w * idf[s] for s, w in needs.items() if s in weights[origin])
            assert fast[target] == pytest.approx(covered / total if total else 0, abs=1e-5)
            essential = [s for s, w in needs.items() if w == 1.0]
            known = [s for s in essential if s in weights[origin]]
            share = len(known) / len(essential) if essential else 0
            assert essential_fast[target] == pytest.approx(share, abs=1e-6)


def test_isco_proximity_counts_shared_levels(
    mini_taxonomy: Taxonomy, features: OccupationFeatures
) -> None:
    signals = Signals(features)
    codes = [o.isco_group for o in mini_taxonomy.occupations]
    for origin, code in enumerate(codes):
        fast = signals.isco_proximity(origin)
        for target, other in enumerate(codes):
            shared = next((i for i in range(4) if code[: i + 1] != other[: i + 1]), 4)
            assert fast[target] == pytest.approx(shared / 4)


def test_every_signal_stays_within_zero_and_one(features: OccupationFeatures) -> None:
    signals = Signals(features)
    row = features.weights[0].toarray().ravel().astype(np.float32)
    for values in (
        signals.skill_overlap(row),
        signals.broader_skill_overlap(row),
        signals.skill_meaning(row),
        signals.target_coverage(row),
        signals.essential_coverage(row),
        signals.isco_proximity(0),
        signals.description_meaning(0),
        signals.title_meaning(0),
    ):
        assert values.min() >= 0
        assert values.max() <= 1 + 1e-6
