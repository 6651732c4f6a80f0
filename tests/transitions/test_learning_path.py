"""Courses against a learning plan: a skill group teaches what lies under it (issue 8)."""

from __future__ import annotations

import pytest

from koers.taxonomy import Taxonomy
from koers.taxonomy.vitality import VitalityMap
from koers.transitions import TransitionQuery, TransitionRanker
from koers.transitions.learning_path import LearningPlan, SkillTree, fit_courses, learning_plan

from .test_ranker import COOK, NURSE


@pytest.fixture(scope="module")
def plan(mini_taxonomy: Taxonomy) -> LearningPlan:
    ranker = TransitionRanker().fit(mini_taxonomy, vitality=VitalityMap.load())
    return learning_plan(ranker, ranker.explain(TransitionQuery(COOK), NURSE), COOK)


@pytest.fixture(scope="module")
def tree(mini_taxonomy: Taxonomy) -> SkillTree:
    return SkillTree().fit(mini_taxonomy)


def test_a_skill_group_covers_every_skill_below_it(
    mini_taxonomy: Taxonomy, tree: SkillTree
) -> None:
    skill = next(s for s in mini_taxonomy.skills if s.broader)
    assert skill.uri in tree.below(skill.broader[:1])
    assert tree.below([skill.uri]) >= {skill.uri}


def test_courses_are_ranked_by_the_essential_skills_they_cover(
    plan: LearningPlan, tree: SkillTree
) -> None:
    gap = [skill for step in plan.steps for skill in step.skills]
    essential = [skill.uri for skill in gap if skill.essential]
    optional = [skill.uri for skill in gap if not skill.essential]
    assert len(essential) >= 2
    courses = {1: optional[:1], 2: essential[:2], 3: essential[:1], 4: ["not-a-skill"]}
    fits = fit_courses(plan, courses, tree)
    assert [fit.key for fit in fits] == [2, 3] + ([1] if optional else [])
    best = fits[0]
    assert best.essential_covered == 2
    assert best.essential_share == pytest.approx(2 / len(essential))
    assert best.share == pytest.approx(2 / len(gap))


def test_a_course_that_teaches_nothing_of_the_gap_is_left_out(
    plan: LearningPlan, tree: SkillTree
) -> None:
    known = plan.already[0].uri if plan.already else "none"
    assert fit_courses(plan, {1: [known]}, tree) == []
