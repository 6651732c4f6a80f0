"""The transition ranker: what a person leaving a job is shown, and that it is always sound."""

from __future__ import annotations

import itertools

import pytest

from koers.taxonomy import Taxonomy
from koers.taxonomy.vitality import VitalityMap
from koers.transitions import (
    TransitionFilters,
    TransitionQuery,
    TransitionRanker,
    UnknownConceptError,
)
from koers.transitions.learning_path import learning_plan

ESCO = "http://data.europa.eu/esco/occupation/"
COOK = ESCO + "90f75f67-495d-49fa-ab57-2f320e251d7e"
HAIRDRESSER = ESCO + "099c6bb0-22d3-4c5d-8bf5-70910af381ef"
BARBER = ESCO + "4e0c14d6-b170-40f1-bcdc-703c0b92109b"
NURSE = ESCO + "8d3e8aaa-791b-4c75-a465-f3f827028f50"
SHOP_ASSISTANT = ESCO + "0b15375e-dfdd-4047-9efb-096e0aaee7d2"


@pytest.fixture(scope="module")
def ranker(mini_taxonomy: Taxonomy) -> TransitionRanker:
    return TransitionRanker().fit(mini_taxonomy, vitality=VitalityMap.load())


def test_the_origin_is_never_listed(ranker: TransitionRanker, mini_taxonomy: Taxonomy) -> None:
    for occupation in mini_taxonomy.occupations:
        uris = [t.uri for t in ranker.rank(TransitionQuery(occupation.uri), k=100)]
        assert occupation.uri not in uris
        assert len(uris) == len(set(uris)) == len(mini_taxonomy.occupations) - 1


def test_scores_are_sorted_in_zero_one_with_ties_by_uri(ranker: TransitionRanker) -> None:
    transitions = ranker.rank(TransitionQuery(COOK), k=100)
    for first, second in itertools.pairwise(transitions):
        assert (-first.score, first.uri) <= (-second.score, second.uri)
    assert all(0 <= t.score <= 1 for t in transitions)


def test_ranking_is_deterministic(ranker: TransitionRanker) -> None:
    assert ranker.rank(TransitionQuery(COOK)) == ranker.rank(TransitionQuery(COOK))


def test_a_hairdresser_sees_the_barber_first(ranker: TransitionRanker) -> None:
    assert ranker.rank(TransitionQuery(HAIRDRESSER), k=1)[0].uri == BARBER


def test_the_score_is_asymmetric(ranker: TransitionRanker, mini_taxonomy: Taxonomy) -> None:
    uris = [o.uri for o in mini_taxonomy.occupations]
    scores = {(a, t.uri): t.score for a in uris for t in ranker.rank(TransitionQuery(a), k=100)}
    assert any(abs(scores[a, b] - scores[b, a]) > 1e-3 for a, b in scores)


def test_k_limits_the_list(ranker: TransitionRanker) -> None:
    assert len(ranker.rank(TransitionQuery(COOK), k=3)) == 3


def test_vital_only_keeps_crucial_and_secondary_work(ranker: TransitionRanker) -> None:
    transitions = ranker.rank(
        TransitionQuery(COOK), k=100, filters=TransitionFilters(vital_only=True)
    )
    assert transitions
    assert {t.vitality.vital_class for t in transitions} <= {"crucial", "secondary"}


def test_crucial_only_keeps_the_work_on_the_list(ranker: TransitionRanker) -> None:
    crucial = ranker.rank(
        TransitionQuery(COOK), k=100, filters=TransitionFilters(crucial_only=True)
    )
    vital = ranker.rank(TransitionQuery(COOK), k=100, filters=TransitionFilters(vital_only=True))
    assert crucial
    assert {t.vitality.vital_class for t in crucial} == {"crucial"}
    assert {t.uri for t in crucial} <= {t.uri for t in vital}


def test_excluding_the_own_isco_group_leaves_it_out(
    ranker: TransitionRanker, mini_taxonomy: Taxonomy
) -> None:
    filters = TransitionFilters(exclude_own_isco=True)
    transitions = ranker.rank(TransitionQuery(HAIRDRESSER), k=100, filters=filters)
    assert BARBER not in {t.uri for t in transitions}
    groups = {mini_taxonomy.occupation(t.uri).isco_group for t in transitions}
    assert "5141" not in groups


def test_max_missing_and_min_coverage_filter_on_the_gap(ranker: TransitionRanker) -> None:
    small = ranker.rank(TransitionQuery(COOK), k=100, filters=TransitionFilters(max_missing=2))
    assert all(len(t.missing_essential) <= 2 for t in small)
    covered = ranker.rank(TransitionQuery(COOK), k=100, filters=TransitionFilters(min_coverage=0.3))
    assert all(t.essential_coverage >= 0.3 for t in covered)


def test_skills_a_person_has_count_and_skills_they_lack_do_not(ranker: TransitionRanker) -> None:
    plain = ranker.explain(TransitionQuery(COOK), NURSE)
    assert plain.missing_essential
    learned = plain.missing_essential[0]
    better = ranker.explain(TransitionQuery(COOK, have=(learned,)), NURSE)
    assert learned in better.shared_skills
    assert better.essential_coverage > plain.essential_coverage
    if plain.shared_skills:
        lost = plain.shared_skills[0]
        worse = ranker.explain(TransitionQuery(COOK, lack=(lost,)), NURSE)
        assert lost not in worse.shared_skills


def test_shared_and_missing_skills_split_the_targets_skills(ranker: TransitionRanker) -> None:
    transition = ranker.explain(TransitionQuery(SHOP_ASSISTANT), COOK)
    parts = transition.shared_skills + transition.missing_essential + transition.missing_optional
    assert len(parts) == len(set(parts))
    assert not set(transition.shared_skills) & set(transition.missing_essential)


def test_unknown_origins_and_skills_are_clear_errors(ranker: TransitionRanker) -> None:
    with pytest.raises(UnknownConceptError, match="unknown occupation"):
        ranker.rank(TransitionQuery(ESCO + "nope"))
    with pytest.raises(UnknownConceptError, match="unknown skill"):
        ranker.rank(TransitionQuery(COOK, have=("http://data.europa.eu/esco/skill/nope",)))


def test_unknown_signal_weights_are_refused(mini_taxonomy: Taxonomy) -> None:
    odd = TransitionRanker(weights={"astrology": 1.0}).fit(mini_taxonomy)
    with pytest.raises(ValueError, match="astrology"):
        odd.rank(TransitionQuery(COOK))


def test_the_learning_plan_puts_essential_skills_first(ranker: TransitionRanker) -> None:
    transition = ranker.explain(TransitionQuery(COOK), NURSE)
    plan = learning_plan(ranker, transition, COOK, language="nl")
    skills = [s for step in plan.steps for s in step.skills]
    assert {s.uri for s in skills} == set(
        transition.missing_essential + transition.missing_optional
    )
    for step in plan.steps:
        flags = [s.essential for s in step.skills]
        assert flags == sorted(flags, reverse=True)
    counts = [step.essential_count for step in plan.steps]
    assert counts == sorted(counts, reverse=True)
    assert all(s.label for s in skills)


def test_a_person_who_also_held_another_job_brings_its_skills(ranker: TransitionRanker) -> None:
    as_cook = ranker.explain(TransitionQuery(COOK), NURSE)
    as_shop_assistant = ranker.explain(TransitionQuery(SHOP_ASSISTANT), NURSE)
    as_both = ranker.explain(TransitionQuery(COOK, also_held=(SHOP_ASSISTANT,)), NURSE)
    assert set(as_both.shared_skills) == set(as_cook.shared_skills) | set(
        as_shop_assistant.shared_skills
    )
    assert as_both.score >= as_cook.score
    listed = [t.uri for t in ranker.rank(TransitionQuery(COOK, also_held=(SHOP_ASSISTANT,)), k=100)]
    assert SHOP_ASSISTANT not in listed and COOK not in listed


def test_a_skill_added_to_a_persons_plan_changes_the_ranking_and_the_gap(
    ranker: TransitionRanker,
) -> None:
    before = ranker.rank(TransitionQuery(COOK), k=100)
    target = next(t for t in before if t.missing_essential)
    learned = target.missing_essential[0]
    after = ranker.rank(TransitionQuery(COOK, have=(learned,)), k=100)
    moved = next(t for t in after if t.uri == target.uri)
    assert learned in moved.shared_skills and learned not in moved.missing_essential
    assert moved.score > target.score
    assert [t.uri for t in after].index(target.uri) <= [t.uri for t in before].index(target.uri)


def test_an_unknown_occupation_held_before_is_a_clear_error(ranker: TransitionRanker) -> None:
    with pytest.raises(UnknownConceptError, match="unknown occupation: nope"):
        ranker.rank(TransitionQuery(COOK, also_held=("nope",)))
