"""Routes, not a list: small, big and far steps, the two guards, and work that goes on first."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from koers.taxonomy import Taxonomy
from koers.taxonomy.closures import ClosedWork
from koers.taxonomy.vitality import VitalityMap
from koers.transitions import TransitionFilters, TransitionQuery, TransitionRanker
from koers.transitions.steps import (
    BIG_STEP_COVERAGE,
    SMALL_STEP_COVERAGE,
    STEPS,
    core_skills,
    skill_levels,
    step_of,
    step_ranks,
    steps_down,
)
from tests.taxonomy.test_closures import SMALL
from tests.transitions.test_ranker import COOK, HAIRDRESSER


@pytest.fixture(scope="module")
def ranker(mini_taxonomy: Taxonomy) -> TransitionRanker:
    return TransitionRanker().fit(
        mini_taxonomy, vitality=VitalityMap.load(), closed_work=ClosedWork.load(SMALL)
    )


def everyone(taxonomy: Taxonomy) -> list[str]:
    return [o.uri for o in taxonomy.occupations]


def test_a_step_is_small_big_or_far_by_the_share_of_essential_skills_known() -> None:
    assert step_of(1.0) == step_of(SMALL_STEP_COVERAGE) == "small"
    assert step_of(SMALL_STEP_COVERAGE - 0.01) == step_of(BIG_STEP_COVERAGE) == "big"
    assert step_of(BIG_STEP_COVERAGE - 0.01) == step_of(0.0) == "far"
    shares = np.array([0.0, BIG_STEP_COVERAGE, 0.5, SMALL_STEP_COVERAGE, 1.0], dtype=np.float32)
    assert [STEPS[r] for r in step_ranks(shares)] == [step_of(float(s)) for s in shares]


def test_every_transition_says_its_step_and_whether_its_work_went_on(
    ranker: TransitionRanker, mini_taxonomy: Taxonomy
) -> None:
    closed = ClosedWork.load(SMALL)
    for transition in ranker.rank(TransitionQuery(COOK), k=100):
        assert transition.step == step_of(transition.essential_coverage)
        occupation = mini_taxonomy.occupation(transition.uri)
        assert transition.continues == closed.continues(occupation, transition.vitality)
        explained = ranker.explain(TransitionQuery(COOK), transition.uri)
        assert (explained.step, explained.continues) == (transition.step, transition.continues)


def test_far_steps_are_left_out_of_routes_unless_asked_for(
    ranker: TransitionRanker, mini_taxonomy: Taxonomy
) -> None:
    for origin in everyone(mini_taxonomy):
        routes = ranker.rank(TransitionQuery(origin), k=100, filters=TransitionFilters.routes())
        assert {t.step for t in routes} <= {"small", "big"}
    with_far = TransitionFilters.routes(("small", "big", "far"))
    every_step = {
        t.step
        for origin in everyone(mini_taxonomy)
        for t in ranker.rank(TransitionQuery(origin), k=100, filters=with_far)
    }
    assert "far" in every_step
    only_far = TransitionFilters(steps=frozenset({"far"}))
    assert all(t.step == "far" for t in ranker.rank(TransitionQuery(COOK), k=100, filters=only_far))


def test_an_unknown_step_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown step.*huge"):
        TransitionFilters(steps=frozenset({"small", "huge"}))


def test_routes_go_small_before_big_and_to_work_that_goes_on_first(
    ranker: TransitionRanker, mini_taxonomy: Taxonomy
) -> None:
    filters = TransitionFilters.routes(("small", "big", "far"), step_down=True)
    for origin in everyone(mini_taxonomy):
        routes = ranker.rank(TransitionQuery(origin), k=100, filters=filters)
        keys = [(STEPS.index(t.step), not t.continues, -t.score, t.uri) for t in routes]
        assert keys == sorted(keys)


def test_without_route_filters_the_list_is_as_before(ranker: TransitionRanker) -> None:
    plain = ranker.rank(TransitionQuery(COOK), k=100)
    for first, second in itertools.pairwise(plain):
        assert (-first.score, first.uri) <= (-second.score, second.uri)


def test_no_route_asks_to_learn_the_own_trades_core_outside_the_trade(
    ranker: TransitionRanker, mini_taxonomy: Taxonomy
) -> None:
    features = ranker.features_
    uses = features.weights > 0
    for origin in everyone(mini_taxonomy):
        index = mini_taxonomy.occupation_index[origin]
        core = {
            mini_taxonomy.skills[s].uri
            for s in np.flatnonzero(core_skills(uses, features.isco, index))
        }
        routes = ranker.rank(TransitionQuery(origin), k=100, filters=TransitionFilters.routes())
        for transition in routes:
            target = mini_taxonomy.occupation_index[transition.uri]
            if features.isco[target, 3] != features.isco[index, 3]:
                assert not core & set(transition.missing_essential)


def test_a_trade_skill_is_core_when_half_its_users_are_in_the_trade() -> None:
    isco = np.array(
        [[5, 51, 514, 5141], [5, 51, 514, 5141], [2, 23, 232, 2320], [5, 52, 522, 5223]],
        np.int32,
    )
    # Skills: hair, customers, payments, teaching.
    uses = np.array(
        [
            [1, 1, 1, 0],  # hairdresser
            [1, 1, 0, 0],  # barber
            [1, 0, 1, 1],  # vocational teacher of hairdressing
            [0, 1, 1, 0],  # shop assistant
        ]
    )
    # Hair: 2 of 3 users are hairdressers; customers 2 of 3; payments 1 of 3.
    assert core_skills(uses, isco, 0).tolist() == [True, True, False, False]
    assert core_skills(uses, isco, 2).tolist() == [False, False, False, True]
    unknown = isco.copy()
    unknown[0, 3] = -1
    assert not core_skills(uses, unknown, 0).any()


def test_a_lesser_job_in_the_same_trade_is_a_step_down() -> None:
    isco = np.array(
        [[5, 51, 514, 5141], [5, 51, 514, 5141], [9, 94, 941, 9412], [2, 22, 222, 2221]],
        np.int32,
    )
    levels = skill_levels(isco)
    assert levels.tolist() == [2, 2, 1, 4]
    missing = np.array([0, 1, 0, 0], np.float32)
    totals = np.array([17, 12, 8, 30], np.float32)
    # The hairdresser's helper asks one new skill and less in all: a step down; the kitchen
    # helper is at a lower skill level; the nurse asks more than the hairdresser has.
    assert steps_down(isco, levels, missing, totals, 0).tolist() == [False, True, True, False]
    missing[1] = 2
    assert not steps_down(isco, levels, missing, totals, 0)[1]


def test_a_step_down_is_shown_only_when_asked_for(
    ranker: TransitionRanker, mini_taxonomy: Taxonomy
) -> None:
    features = ranker.features_
    for origin in everyone(mini_taxonomy):
        index = mini_taxonomy.occupation_index[origin]
        row = ranker.scores(TransitionQuery(origin))
        assert row["score"].shape[0] == len(mini_taxonomy.occupations)
        guarded = ranker.rank(TransitionQuery(origin), k=100, filters=TransitionFilters.routes())
        asked = ranker.rank(
            TransitionQuery(origin), k=100, filters=TransitionFilters.routes(step_down=True)
        )
        assert {t.uri for t in guarded} <= {t.uri for t in asked}
        for transition in guarded:
            target = mini_taxonomy.occupation_index[transition.uri]
            same_minor = features.isco[target, 2] == features.isco[index, 2]
            fewer = transition.essential_total < ranker.essential_totals_[index]
            assert not (same_minor and len(transition.missing_essential) <= 1 and fewer)


def test_a_hairdresser_gets_routes_from_closed_work(ranker: TransitionRanker) -> None:
    routes = ranker.rank(TransitionQuery(HAIRDRESSER), k=20, filters=TransitionFilters.routes())
    assert routes
    assert all(t.step in {"small", "big"} for t in routes)
