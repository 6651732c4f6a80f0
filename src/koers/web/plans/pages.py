"""The plan as the pages show it: ESCO labels in the page's language, the engine's words.

The editor reads the plan from the database (with the numbers its buttons need); a version
page reads a version's snapshot. Both come out in the same shapes, so one template part shows
either.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from koers import knowledge
from koers.taxonomy import SnapshotError, Taxonomy
from koers.transitions import Transition
from koers.transitions.learning_path import LearningPlan
from koers.web.clients.models import Client
from koers.web.common import presenters
from koers.web.common.kept_queries import KeptQuery
from koers.web.common.kept_rows import kept_models
from koers.web.explorer.reflection import QUESTIONS
from koers.web.plans import links, queries
from koers.web.plans.choices import ActionOwner, ActionStatus, DirectionKind, SkillSource
from koers.web.plans.models import OWN_WORDS, Direction, Plan, PlanAction, PlanLink, PlanVersion
from koers.web.training.models import Application, Course


@dataclass(frozen=True, slots=True)
class Label:
    """An ESCO concept as shown: its label and the label's language (WCAG 3.1.2)."""

    uri: str
    text: str
    lang: str


def occupation_label(uri: str) -> Label:
    language = presenters.esco_language()
    try:
        return Label(uri, knowledge.taxonomy().occupation(uri).label(language), language)
    except (KeyError, SnapshotError):
        return Label(uri, uri, "en")


def skill_label(uri: str) -> Label:
    language = presenters.esco_language()
    try:
        text, lang = knowledge.taxonomy().skill(uri).label_and_language(language)
    except (KeyError, SnapshotError):
        return Label(uri, uri, "en")
    return Label(uri, text, lang)


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    answers: list[str]


def reflection_of(answers: dict[str, Any]) -> tuple[list[Answer], str]:
    """The reflection answers as (question, chosen options) in the explorer's order, and the
    person's own words."""
    shown = []
    for key, (question, options) in QUESTIONS.items():
        chosen = [str(options[code]) for code in answers.get(key, []) if code in options]
        if chosen:
            shown.append(Answer(str(question), chosen))
    return shown, str(answers.get(OWN_WORDS, ""))


@dataclass
class StepShown:
    skill: Label
    course: Course | None
    application: Application | None
    pk: int | None = None
    form: Any = None
    """The editor's form to link this step to a course and an application."""


@dataclass
class DirectionShown:
    position: int
    kind: str
    kind_label: str
    occupation: Label | None
    why: str
    steps: list[StepShown] = field(default_factory=list)
    pk: int | None = None
    gap: LearningPlan | None = None
    vitality: dict[str, str] | None = None
    form: Any = None
    """The editor's form to add a learning step to this direction."""


@dataclass
class ActionShown:
    what: str
    who: str
    due_on: datetime.date | None
    done_on: datetime.date | None
    status: str
    pk: int | None = None


@dataclass
class PlanShown:
    """The plan's content with labels: what the editor lists and a version page shows."""

    standing: str
    reflection: list[Answer]
    own_words: str
    client_notes: str
    coach_notes: str
    occupations: list[tuple[Label, int | None, int | None]]
    skills: list[tuple[Label, str, str, int | None]]
    directions: list[DirectionShown]
    actions: list[ActionShown]


def _action(what: str, who: str, due_on: Any, done_on: Any, pk: int | None) -> ActionShown:
    due = datetime.date.fromisoformat(due_on) if isinstance(due_on, str) else due_on
    done = datetime.date.fromisoformat(done_on) if isinstance(done_on, str) else done_on
    today = timezone.localdate()
    if done is not None:
        status = ActionStatus.DONE
    elif due is not None and due < today:
        status = ActionStatus.OVERDUE
    else:
        status = ActionStatus.OPEN
    return ActionShown(what, str(ActionOwner(who).label), due, done, status, pk)


def _direction(kind: str, occupation_uri: str, position: int, why: str) -> DirectionShown:
    return DirectionShown(
        position=position,
        kind=kind,
        kind_label=str(DirectionKind(kind).label),
        occupation=occupation_label(occupation_uri) if occupation_uri else None,
        why=why,
    )


def plan_shown(plan: Plan, *, with_gaps: bool = True) -> PlanShown:
    """The plan as it is now, with the numbers of its parts (for the editor's buttons)."""
    reflection, own_words = reflection_of(plan.answers)
    language = presenters.esco_language()
    directions = []
    for row in plan.directions.all():
        shown = _direction(row.kind, row.occupation_uri, row.position, row.why)
        shown.pk = row.pk
        shown.steps = [
            StepShown(skill_label(step.skill_uri), step.course, step.application, step.pk)
            for step in row.learning_steps.all()
        ]
        if with_gaps:
            shown.gap = _gap(row, plan, language)
            if row.occupation_uri:
                shown.vitality = _vitality(row.occupation_uri, language)
        directions.append(shown)
    return PlanShown(
        standing=plan.standing,
        reflection=reflection,
        own_words=own_words,
        client_notes=plan.client_notes,
        coach_notes=plan.coach_notes,
        occupations=[
            (occupation_label(row.occupation_uri), row.years, row.pk)
            for row in plan.occupations.all()
        ],
        skills=[
            (skill_label(row.skill_uri), str(SkillSource(row.source).label), row.own_words, row.pk)
            for row in plan.skills.all()
        ],
        directions=directions,
        actions=[
            _action(row.what, row.who, row.due_on, row.done_on, row.pk)
            for row in plan.actions.all()
        ],
    )


def snapshot_shown(snapshot: dict[str, Any]) -> PlanShown:
    """A saved version of the plan (its snapshot), read only."""
    answers = snapshot.get("reflection")
    reflection, own_words = reflection_of(answers if isinstance(answers, dict) else {})
    course_ids = {
        step["course"]
        for direction in snapshot.get("directions", [])
        for step in direction["learning_steps"]
        if step["course"]
    }
    courses = Course.objects.in_bulk(course_ids)
    directions = []
    for row in snapshot.get("directions", []):
        shown = _direction(row["kind"], row["occupation_uri"], row["position"], row["why"])
        shown.steps = [
            StepShown(skill_label(step["skill_uri"]), courses.get(step["course"]), None)
            for step in row["learning_steps"]
        ]
        directions.append(shown)
    return PlanShown(
        standing=snapshot.get("standing", ""),
        reflection=reflection,
        own_words=own_words,
        client_notes=snapshot.get("client_notes", ""),
        coach_notes=snapshot.get("coach_notes", ""),
        occupations=[
            (occupation_label(row["uri"]), row["years"], None)
            for row in snapshot.get("occupations", [])
        ],
        skills=[
            (skill_label(row["uri"]), str(SkillSource(row["source"]).label), row["own_words"], None)
            for row in snapshot.get("skills", [])
        ],
        directions=directions,
        actions=[
            _action(row["what"], row["who"], row["due_on"], row["done_on"], None)
            for row in snapshot.get("actions", [])
        ],
    )


def _gap(direction: Direction, plan: Plan, language: str) -> LearningPlan | None:
    direction.plan = plan
    return queries.gap_of(direction, language=language)


def _vitality(uri: str, language: str) -> dict[str, str] | None:
    try:
        occupation = knowledge.taxonomy().occupation(uri)
    except KeyError:
        return None
    return presenters.vitality_words(knowledge.vitality_map().of(occupation), language)


@dataclass(frozen=True, slots=True)
class TransitionShown:
    """One of the person's own next steps, in words: why it fits, what they have, the gap."""

    uri: str
    label: str
    known: int
    total: int
    have: list[presenters.SkillText]
    learn: list[presenters.SkillText]
    vitality: dict[str, str]
    chosen: bool


def transitions_shown(plan: Plan, k: int) -> list[TransitionShown]:
    language = presenters.esco_language()
    taxonomy = knowledge.taxonomy()
    chosen = {row.occupation_uri for row in plan.directions.all()}
    shown = []
    for transition in queries.personal_transitions(plan, k):
        shown.append(_transition(transition, taxonomy, language, transition.uri in chosen))
    return shown


def _transition(
    transition: Transition, taxonomy: Taxonomy, language: str, chosen: bool
) -> TransitionShown:
    return TransitionShown(
        uri=transition.uri,
        label=taxonomy.occupation(transition.uri).label(language),
        known=transition.essential_known,
        total=transition.essential_total,
        have=[
            presenters.skill_text(taxonomy.skill(uri), language) for uri in transition.shared_skills
        ],
        learn=[
            presenters.skill_text(taxonomy.skill(uri), language)
            for uri in transition.missing_essential
        ],
        vitality=presenters.vitality_words(transition.vitality, language),
        chosen=chosen,
    )


def gap_choices(gap: LearningPlan, taken: set[str]) -> list[tuple[str, Any]]:
    """The gap's skills not yet a learning step, grouped as ``koers gap`` groups them."""
    choices: list[tuple[str, Any]] = []
    for step in gap.steps:
        options = [(s.uri, s.label) for s in step.skills if s.uri not in taken]
        if options:
            choices.append((step.group_label, options))
    return choices


@dataclass(frozen=True, slots=True)
class Summary:
    """The plan in short, for the client's page: directions and the open actions."""

    version: int
    directions: list[DirectionShown]
    open_actions: list[ActionShown]


_PLAN = KeptQuery(
    lambda client_id: (
        Plan.objects.filter(client_id=client_id).order_by("pk").values_list("pk", "version")[:1]
    )
)
_DIRECTIONS = KeptQuery(
    lambda plan_id: Direction.objects.filter(plan_id=plan_id).values_list(
        "kind", "occupation_uri", "position", "why"
    )
)
_OPEN_ACTIONS = KeptQuery(
    lambda plan_id: PlanAction.objects.filter(plan_id=plan_id, done_on__isnull=True).values_list(
        "what", "who", "due_on", "done_on", "pk"
    )
)


def summary_of(client: Client) -> Summary | None:
    """The client's plan in short, or None when no plan was started.

    Plain values through kept queries (decision 0010): the client page and the call screen
    show it on every visit.
    """
    found = _PLAN(client.pk)
    if not found:
        return None
    ((pk, version),) = found
    return Summary(
        version=version,
        directions=[_direction(*row) for row in _DIRECTIONS(pk)],
        open_actions=[_action(*row) for row in _OPEN_ACTIONS(pk)],
    )


@dataclass(frozen=True, slots=True)
class LinkShown:
    """The sharing page's section on the client's private link."""

    link: PlanLink | None
    # The token for the URL to copy; empty when the link does not work or cannot be shown again.
    token: str
    works: bool


def link_shown(plan: Plan) -> LinkShown:
    link = links.current_link(plan)
    works = link is not None and link.works_at(timezone.now())
    token = (links.token_of(link) or "") if link is not None and works else ""
    return LinkShown(link=link, token=token, works=works)


_LATEST_ANSWER = kept_models(
    PlanVersion,
    lambda plan_id: PlanVersion.objects.filter(plan_id=plan_id, answered_at__isnull=False).order_by(
        "-number"
    )[:1],
    leave_out=("snapshot",),
)


def latest_answer(plan: Plan) -> PlanVersion | None:
    """The version the client last answered on (agreed, or asked for changes), through any
    link; read without the copy of the whole plan it holds, as the pages show only the answer."""
    found = _LATEST_ANSWER(plan.pk)
    return found[0] if found else None
