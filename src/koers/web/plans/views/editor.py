"""The plan editor's page: one plain form per section (POST, then back to the page). Every
form names the version it was shown with; when someone saved in between, the page says so
and shows the plan as it is now, with what was typed still in the form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.transitions.learning_path import LearningPlan
from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.accounts.models import User
from koers.web.clients.access import get_client_for
from koers.web.clients.actions import ConflictError
from koers.web.clients.models import Client
from koers.web.common.forms import describe_errors, run_on_form
from koers.web.common.kept_rows import kept_models
from koers.web.common.search_text import search_text
from koers.web.plans import actions, pages, queries
from koers.web.plans.access import get_plan_for
from koers.web.plans.choices import MAX_DIRECTIONS, DirectionKind
from koers.web.plans.forms import (
    ActionForm,
    DirectionForm,
    LinkForm,
    OccupationForm,
    ReflectionCodeForm,
    SkillForm,
    StepForm,
    TextsForm,
    VersionedForm,
    skill_matches,
)
from koers.web.plans.models import (
    Plan,
)
from koers.web.training import queries as training_queries
from koers.web.training.models import Application, Course

TRANSITIONS_SHOWN = 8
# The search words on the editor's GET forms: a job title, a skill.
OCCUPATION_QUERY = "beroep"
SKILL_QUERY = "vaardigheid"

Bound = tuple[str, forms.Form]
# The course choices of a learning step, in groups: (group title, [(pk, label)]).
Courses = list[tuple[str, list[tuple[int, str]]]]


def plan_to_change(request: HttpRequest, pk: int) -> tuple[User, Plan]:
    """The user and the plan of client ``pk`` for a change (404 as for the client, or when no
    plan was started); posting is not audited as a view, the change itself is."""
    user = current_user(request)
    plan = get_plan_for(user, pk, audit=False)
    if plan is None:
        raise Http404
    return user, plan


def _query(request: HttpRequest, name: str) -> str:
    return search_text(request.GET.get(name, ""))


_ACTIVE_COURSES = kept_models(
    Course, lambda: Course.objects.filter(active=True).order_by("title", "provider")
)


def active_courses() -> list[Course]:
    """The catalogue a learning step may link, by title: read once for a whole page."""
    return _ACTIVE_COURSES()


def courses_for(gap: LearningPlan | None, catalogue: Sequence[Course] | None = None) -> Courses:
    """The catalogue for a learning step: the courses that cover part of the gap first.

    ``catalogue``: the active courses by title, when the page has read them already."""
    if catalogue is None:
        catalogue = active_courses()
    fitting = (
        [course for course, _fit in training_queries.course_fits(gap, catalogue=catalogue)]
        if gap
        else []
    )
    taken = {course.pk for course in fitting}
    groups = [
        (_("Courses that cover the gap"), fitting),
        (_("Other courses"), [course for course in catalogue if course.pk not in taken]),
    ]
    return [
        (title, [(c.pk, f"{c.title} · {c.provider}") for c in courses])
        for title, courses in groups
        if courses
    ]


def step_form(
    plan: Plan,
    direction: pages.DirectionShown,
    skill_query: str,
    data: Any = None,
    *,
    links: tuple[Courses, QuerySet[Application]] | None = None,
) -> StepForm:
    """The form for a direction's next learning step; ``links`` are the direction's courses
    and the client's applications when the page has them already."""
    taken = {step.skill.uri for step in direction.steps}
    if direction.kind == DirectionKind.STAY:
        if data is not None:
            skill_query = search_text(data.get("query", ""))
        skills: list[tuple[str, Any]] = [
            (uri, label) for uri, label in skill_matches(skill_query) if uri not in taken
        ]
    else:
        skills = pages.gap_choices(direction.gap, taken) if direction.gap else []
    return StepForm(
        data,
        plan=plan,
        skills=skills,
        courses=links[0] if links else courses_for(direction.gap),
        applications=links[1] if links else training_queries.applications_to_choose(plan.client),
        auto_id=f"step{direction.pk}-%s",
        initial={"direction": direction.pk, "query": skill_query},
    )


def _show_posted(forms_by_name: dict[str, forms.Form], bound: Bound | None) -> None:
    """Put the form just posted in its place on the page, its errors described."""
    if bound is not None:
        name, form = bound
        forms_by_name[name] = form
        describe_errors(form)


def editor_page(
    request: HttpRequest,
    plan: Plan,
    *,
    bound: Bound | None = None,
    conflict: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> TemplateResponse:
    """The editor page; ``bound`` is the form just posted (name, form), shown again with its
    errors or, after a conflict, with what was typed; ``conflict`` lists the texts someone else
    saved in between (label, their text)."""
    occupation_query = _query(request, OCCUPATION_QUERY)
    skill_query = _query(request, SKILL_QUERY)
    shown = pages.plan_shown(plan)
    forms_by_name: dict[str, forms.Form] = {
        "standing": TextsForm(plan=plan, part="standing", auto_id="standing-%s"),
        "reflection": TextsForm(plan=plan, part="reflection", auto_id="reflection-%s"),
        "reflection_code": ReflectionCodeForm(plan=plan, auto_id="reflection-code-%s"),
        "notes": TextsForm(plan=plan, part="notes", auto_id="notes-%s"),
        "occupation": OccupationForm(plan=plan, query=occupation_query, auto_id="occupation-%s"),
        "skill": SkillForm(plan=plan, query=skill_query, auto_id="skill-%s"),
        "action": ActionForm(plan=plan, auto_id="action-%s"),
    }
    applications = training_queries.applications_to_choose(plan.client)
    catalogue = active_courses()
    for direction in shown.directions:
        # Once per direction, for its step form and each step's links (the fit is computed).
        courses = courses_for(direction.gap, catalogue)
        forms_by_name[f"step:{direction.pk}"] = step_form(
            plan, direction, skill_query, links=(courses, applications)
        )
        for step in direction.steps:
            forms_by_name[f"link:{step.pk}"] = LinkForm(
                plan=plan,
                courses=courses,
                applications=applications,
                auto_id=f"link{step.pk}-%s",
                initial={"step": step.pk, "course": step.course, "application": step.application},
            )
    _show_posted(forms_by_name, bound)
    for direction in shown.directions:
        direction.form = forms_by_name[f"step:{direction.pk}"]
        for step in direction.steps:
            step.form = forms_by_name[f"link:{step.pk}"]
    return TemplateResponse(
        request,
        "plans/plan.html",
        {
            "client": plan.client,
            "plan": plan,
            "shown": shown,
            "forms": forms_by_name,
            "room_for_direction": len(shown.directions) < MAX_DIRECTIONS,
            "max_directions": MAX_DIRECTIONS,
            "occupation_query": occupation_query,
            "skill_query": skill_query,
            "conflict": conflict,
            "answered": pages.latest_answer(plan),
        },
        status=status,
    )


def directions_page(
    request: HttpRequest,
    plan: Plan,
    *,
    bound: Bound | None = None,
    conflict: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> TemplateResponse:
    """Choosing a direction: the person's own next steps, each with a form to choose it, and
    staying in one's own work; ``bound`` and ``conflict`` as for :func:`editor_page`."""
    transitions = pages.transitions_shown(plan, TRANSITIONS_SHOWN)
    forms_by_name: dict[str, forms.Form] = {"stay": DirectionForm(plan=plan, auto_id="stay-%s")}
    for number, transition in enumerate(transitions, start=1):
        forms_by_name[f"direction:{transition.uri}"] = DirectionForm(
            plan=plan, auto_id=f"t{number}-%s", initial={"occupation": transition.uri}
        )
    _show_posted(forms_by_name, bound)
    return TemplateResponse(
        request,
        "plans/directions.html",
        {
            "client": plan.client,
            "plan": plan,
            "forms": forms_by_name,
            "transitions": [
                (transition, forms_by_name[f"direction:{transition.uri}"])
                for transition in transitions
            ],
            "has_origin": queries.person_query(plan) is not None,
            "room_for_direction": len(plan.directions.all()) < MAX_DIRECTIONS,
            "max_directions": MAX_DIRECTIONS,
            "conflict": conflict,
        },
        status=status,
    )


@for_coaches
@require_GET
def editor(request: HttpRequest, pk: int) -> TemplateResponse:
    """The client's plan to work on, or a button to start one."""
    user = current_user(request)
    plan = get_plan_for(user, pk)
    if plan is None:
        client = get_client_for(user, pk)
        return TemplateResponse(request, "plans/start.html", {"client": client})
    return editor_page(request, plan)


@for_coaches
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    client = get_client_for(user, pk, audit=False)
    try:
        actions.start_plan(by=user, client=client)
    except ValidationError:
        pass  # started in the meantime (a second click): open it
    else:
        messages.success(request, _("The career plan is started."))
    return redirect("plans:plan", pk=client.pk)


def saved(
    request: HttpRequest, client: Client, message: str, anchor: str, *, page: str = "plans:plan"
) -> HttpResponse:
    """Say what was saved and go back to ``page`` (the editor), at ``anchor``."""
    messages.success(request, message)
    return redirect(reverse(page, kwargs={"pk": client.pk}) + f"#{anchor}")


def run_change(
    request: HttpRequest,
    plan: Plan,
    name: str,
    form: VersionedForm,
    change: Callable[[int, dict[str, Any]], object],
    *,
    message: str,
    anchor: str,
    page: Callable[..., TemplateResponse] = editor_page,
) -> HttpResponse:
    """Run ``change(version, values)`` on a valid form and go back to the editor; else show
    ``page`` (the editor) again with the form's errors, or after a conflict with the plan as it
    is now."""
    if form.is_valid():
        version = form.cleaned_data["version"]
        values = form.values()
        try:
            done = run_on_form(form, lambda: change(version, values))
        except ConflictError:
            current = queries.plan_of(plan.client)
            if current is None:
                raise Http404 from None
            data = form.data.copy()  # type: ignore[attr-defined]
            data["version"] = str(current.version)
            form.data = data
            theirs = [
                (str(form.fields[field].label), str(getattr(current, field)))
                for field in ("standing", "client_notes", "coach_notes")
                if field in values and getattr(current, field) != values[field]
            ]
            return page(request, current, bound=(name, form), conflict=theirs, status=409)
        if done is not None:
            return saved(request, plan.client, message, anchor)
    return page(request, plan, bound=(name, form))
