"""The JSON shapes of the engine's answers, made in one place: the command line's ``--json``
and the API's bodies are the same objects (issue 21)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from koers import knowledge

if TYPE_CHECKING:
    from koers.taxonomy.model import Occupation
    from koers.taxonomy.search import TitleMatch
    from koers.transitions import Transition
    from koers.transitions.learning_path import LearningPlan


def search_answer(query: str, matches: Sequence[TitleMatch]) -> dict[str, Any]:
    """``koers search --json``: the query and its matches, best first."""
    return {"query": query, "results": [match.as_dict() for match in matches]}


def named(occupation: Occupation, language: str) -> dict[str, str]:
    return {"uri": occupation.uri, "label": occupation.label(language)}


def occupation_answer(occupation: Occupation, language: str) -> dict[str, Any]:
    """``koers occupation --json``: labels, ISCO group, vitality, essential and optional skills."""
    taxonomy = knowledge.taxonomy()
    text = occupation.texts.get(language) or occupation.texts.get("en")
    group = taxonomy.isco_by_code.get(occupation.isco_group)
    essential, optional = taxonomy.skill_indexes(occupation.uri)

    def listed(indexes: list[int]) -> list[dict[str, str]]:
        chosen = [taxonomy.skills[i] for i in indexes]
        listed = [{"uri": s.uri, "label": s.label(language)} for s in chosen]
        return sorted(listed, key=lambda skill: skill["label"].casefold())

    return {
        "uri": occupation.uri,
        "code": occupation.code,
        "label": occupation.label(language),
        "alt_labels": list(text.alt) if text else [],
        "description": text.description if text else "",
        "isco_group": {
            "code": occupation.isco_group,
            "label": group.label(language) if group else "",
        },
        "nace_codes": list(occupation.nace_codes),
        "vitality": knowledge.vitality_map().of(occupation).as_dict(language),
        "essential_skills": listed(essential),
        "optional_skills": listed(optional),
    }


def transition_summary(transition: Transition, language: str) -> dict[str, Any]:
    """One target in ``koers transitions --batch``: where to, how good, how big a step."""
    return {
        "uri": transition.uri,
        "label": knowledge.taxonomy().occupation(transition.uri).label(language),
        "score": transition.score,
        "essential_coverage": transition.essential_coverage,
        "vital": transition.vitality.vital_class,
        "step": transition.step,
        "continues": transition.continues,
    }


def transition_detail(transition: Transition, language: str) -> dict[str, Any]:
    """One target in ``koers transitions --json``: the summary, the skills shared and missing."""
    taxonomy = knowledge.taxonomy()

    def labelled(uris: tuple[str, ...]) -> list[dict[str, str]]:
        return [{"uri": u, "label": taxonomy.skill(u).label(language)} for u in uris]

    return {
        **transition_summary(transition, language),
        "vitality": transition.vitality.as_dict(language),
        "shared_skills": labelled(transition.shared_skills),
        "missing_essential": labelled(transition.missing_essential),
        "missing_optional": labelled(transition.missing_optional),
        "signals": transition.signals,
    }


def transitions_answer(
    origin: Occupation, transitions: Sequence[Transition], language: str
) -> dict[str, Any]:
    """``koers transitions --json``: the origin and its targets, in the order ranked."""
    return {
        "origin": named(origin, language),
        "transitions": [transition_detail(t, language) for t in transitions],
    }


def gap_answer(
    origin: Occupation,
    target: Occupation,
    transition: Transition,
    plan: LearningPlan,
    language: str,
) -> dict[str, Any]:
    """``koers gap --json``: the step from origin to target as a learning plan."""
    return {
        "origin": named(origin, language),
        "target": named(target, language),
        "score": transition.score,
        "step": transition.step,
        "continues": transition.continues,
        "essential_coverage": plan.essential_coverage,
        "essential_known": plan.essential_known,
        "essential_total": plan.essential_total,
        "already": [{"uri": s.uri, "label": s.label} for s in plan.already],
        "steps": [
            {
                "group": {"uri": step.group_uri, "label": step.group_label},
                "skills": [
                    {"uri": s.uri, "label": s.label, "essential": s.essential} for s in step.skills
                ],
            }
            for step in plan.steps
        ],
    }
