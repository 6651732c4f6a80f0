"""The whole plan as one JSON document: what each PlanVersion keeps (format in docs/plans.md).

URIs, codes and ISO dates only, no labels: a version reads the same in Dutch and English and
after a new ESCO import; labels are looked up when a version is shown.
"""

from __future__ import annotations

from typing import Any

from koers.web.plans.models import Plan

FORMAT = "koers.plan/1"


def snapshot_of(plan: Plan) -> dict[str, Any]:
    """The plan as it is in the database now, at ``plan.version``."""
    directions = list(plan.directions.order_by("position").prefetch_related("learning_steps"))
    return {
        "format": FORMAT,
        "version": plan.version,
        "standing": plan.standing,
        "reflection": plan.answers,
        "client_notes": plan.client_notes,
        "coach_notes": plan.coach_notes,
        "occupations": [
            {"uri": held.occupation_uri, "years": held.years} for held in plan.occupations.all()
        ],
        "skills": [
            {"uri": skill.skill_uri, "source": skill.source, "own_words": skill.own_words}
            for skill in plan.skills.order_by("id")
        ],
        "directions": [
            {
                "position": direction.position,
                "kind": direction.kind,
                "occupation_uri": direction.occupation_uri,
                "why": direction.why,
                "learning_steps": [
                    {
                        "skill_uri": step.skill_uri,
                        "course": step.course_id,
                        "application": step.application_id,
                    }
                    for step in direction.learning_steps.all()
                ],
            }
            for direction in directions
        ],
        "actions": [
            {
                "id": action.pk,
                "what": action.what,
                "who": action.who,
                "due_on": action.due_on.isoformat() if action.due_on else None,
                "done_on": action.done_on.isoformat() if action.done_on else None,
            }
            for action in plan.actions.order_by("id")
        ],
    }
