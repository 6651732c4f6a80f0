"""From a gap to a learning plan: the skills still to learn, grouped and ordered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from koers.taxonomy.knowledge_base import Taxonomy
from koers.transitions.ranking import Transition, TransitionRanker


@dataclass(frozen=True, slots=True)
class SkillStep:
    uri: str
    label: str
    label_language: str
    essential: bool


@dataclass(frozen=True, slots=True)
class LearningStep:
    """One skill group to work on, with its skills, essential ones first."""

    group_uri: str
    group_label: str
    skills: tuple[SkillStep, ...]

    @property
    def essential_count(self) -> int:
        return sum(1 for s in self.skills if s.essential)


@dataclass(frozen=True, slots=True)
class LearningPlan:
    origin: str
    target: str
    essential_coverage: float
    already: tuple[SkillStep, ...]
    steps: tuple[LearningStep, ...]
    essential_known: int
    """Of ``essential_total``, the target's essential skills the person has: the one
    "X of the Y things that matter" of the list, the step page and the plan."""
    essential_total: int


def learning_plan(
    ranker: TransitionRanker, transition: Transition, origin: str, *, language: str = "nl"
) -> LearningPlan:
    """Group the skills a transition still asks by skill group.

    Groups with the most essential skills come first; inside a group essential skills come
    before optional ones, rarer (more telling) skills before common ones, as ranked by the
    transition. A skill with no label in ``language`` keeps its English label and says so.
    """
    taxonomy = ranker.taxonomy_
    features = ranker.features_
    groups: dict[int, list[SkillStep]] = {}
    essential = set(transition.missing_essential)
    for uri in transition.missing_essential + transition.missing_optional:
        index = taxonomy.skill_index[uri]
        groups.setdefault(int(features.skill_group[index]), []).append(
            _step(taxonomy, index, language, essential=uri in essential)
        )
    steps = [
        LearningStep(
            group_uri=features.group_uris[group] if group >= 0 else "",
            group_label=_group_label(taxonomy, features.group_uris, group, language),
            skills=tuple(skills),
        )
        for group, skills in groups.items()
    ]
    steps.sort(key=lambda step: (-step.essential_count, -len(step.skills), step.group_label))
    already = tuple(
        _step(taxonomy, taxonomy.skill_index[uri], language, essential=False)
        for uri in transition.shared_skills
    )
    return LearningPlan(
        origin=origin,
        target=transition.uri,
        essential_coverage=transition.essential_coverage,
        already=already,
        steps=tuple(steps),
        essential_known=transition.essential_known,
        essential_total=transition.essential_total,
    )


def _step(taxonomy: Taxonomy, index: int, language: str, *, essential: bool) -> SkillStep:
    skill = taxonomy.skills[index]
    label, label_language = skill.label_and_language(language)
    return SkillStep(skill.uri, label, label_language, essential)


def _group_label(taxonomy: Taxonomy, uris: list[str], group: int, language: str) -> str:
    if group < 0:
        return {"nl": "Overig"}.get(language, "Other")
    return taxonomy.skill_group_by_uri[uris[group]].label(language)


class SkillTree:
    """Which skills lie under a skill or skill group (ESCO's broader links, read downwards).

    A course that teaches a skill group teaches every skill below it.
    """

    def fit(self, taxonomy: Taxonomy) -> SkillTree:
        children: dict[str, list[str]] = {}
        links = [(s.uri, s.broader) for s in taxonomy.skills]
        links += [(g.uri, g.broader) for g in taxonomy.skill_groups]
        for uri, broader_uris in links:
            for broader in broader_uris:
                children.setdefault(broader, []).append(uri)
        self.children_ = children
        return self

    def below(self, uris: Iterable[str]) -> frozenset[str]:
        """``uris`` and everything under them."""
        found: set[str] = set()
        todo = list(uris)
        while todo:
            uri = todo.pop()
            if uri not in found:
                found.add(uri)
                todo.extend(self.children_.get(uri, ()))
        return frozenset(found)


@dataclass(frozen=True, slots=True)
class CourseFit:
    """How much of a learning plan one course covers."""

    key: int
    covered: tuple[str, ...]
    essential_covered: int
    essential_share: float
    share: float


def fit_courses(
    plan: LearningPlan, courses: Mapping[int, Iterable[str]], tree: SkillTree
) -> list[CourseFit]:
    """The courses that teach a skill of the plan, most essential skills covered first.

    ``courses`` maps a course's key to the skills and skill groups it teaches. The shares are
    of the plan's essential skills and of all its skills (0 when the plan has none).
    """
    gap = [skill for step in plan.steps for skill in step.skills]
    essential_total = sum(1 for skill in gap if skill.essential)
    fits = []
    for key, taught in courses.items():
        teaches = tree.below(taught)
        covered = [skill for skill in gap if skill.uri in teaches]
        if not covered:
            continue
        essential = sum(1 for skill in covered if skill.essential)
        fits.append(
            CourseFit(
                key=key,
                covered=tuple(skill.uri for skill in covered),
                essential_covered=essential,
                essential_share=essential / essential_total if essential_total else 0.0,
                share=len(covered) / len(gap),
            )
        )
    fits.sort(key=lambda fit: (-fit.essential_covered, -len(fit.covered), fit.key))
    return fits
