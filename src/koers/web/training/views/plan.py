"""From a client's gap to a course: the learning plan for one target and the courses that fit."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.template.response import TemplateResponse

from koers import knowledge
from koers.transitions import TransitionQuery, learning_path
from koers.transitions.learning_path import CourseFit, LearningPlan, SkillStep
from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.clients.access import get_client_for
from koers.web.common import presenters
from koers.web.training import queries
from koers.web.training.models import Course


@dataclass(frozen=True, slots=True)
class CourseOffer:
    """A catalogue course with how much of the plan it covers and which skills."""

    course: Course
    fit: CourseFit
    skills: tuple[SkillStep, ...]


def _offers(plan: LearningPlan) -> list[CourseOffer]:
    gap = {skill.uri: skill for step in plan.steps for skill in step.skills}
    return [
        CourseOffer(course, fit, tuple(gap[uri] for uri in fit.covered))
        for course, fit in queries.course_fits(plan)
    ]


@for_coaches
def learning_plan(request: HttpRequest, pk: int, target_id: str) -> TemplateResponse:
    """What the client (``pk``) knows and still has to learn for a target, and courses for it."""
    client = get_client_for(current_user(request), pk)
    language = presenters.esco_language()
    goal = presenters.find(target_id)
    context: dict[str, object] = {
        "client": client,
        "target_id": target_id,
        "target_label": goal.label(language),
    }
    taxonomy = knowledge.taxonomy()
    if client.occupation_uri in taxonomy.occupation_index:
        ranker = knowledge.ranker()
        transition = knowledge.explained(TransitionQuery(client.occupation_uri), goal.uri)
        plan = learning_path.learning_plan(
            ranker, transition, client.occupation_uri, language=language
        )
        gap = [skill for step in plan.steps for skill in step.skills]
        context.update(
            origin_label=taxonomy.occupation(client.occupation_uri).label(language),
            transition=transition,
            plan=plan,
            essential_total=sum(step.essential_count for step in plan.steps),
            gap_total=len(gap),
            offers=_offers(plan),
        )
    return TemplateResponse(request, "training/plan.html", context)
