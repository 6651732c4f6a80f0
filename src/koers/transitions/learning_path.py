"""From a gap to a learning plan: the skills still to learn, grouped and ordered."""

from __future__ import annotations

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
    )


def _step(taxonomy: Taxonomy, index: int, language: str, *, essential: bool) -> SkillStep:
    skill = taxonomy.skills[index]
    label, label_language = skill.label_and_language(language)
    return SkillStep(skill.uri, label, label_language, essential)


def _group_label(taxonomy: Taxonomy, uris: list[str], group: int, language: str) -> str:
    if group < 0:
        return {"nl": "Overig"}.get(language, "Other")
    return taxonomy.skill_group_by_uri[uris[group]].label(language)
