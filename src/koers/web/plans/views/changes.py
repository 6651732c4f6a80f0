"""The editor's changes: one POST per change, each through an action of ``plans.actions``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.accounts.models import User
from koers.web.clients.actions import ConflictError
from koers.web.plans import actions, pages, queries, reflection
from koers.web.plans.access import get_plan_for
from koers.web.plans.forms import (
    ActionForm,
    DirectionForm,
    ItemForm,
    LinkForm,
    OccupationForm,
    ReflectionCodeForm,
    SkillForm,
    TextsForm,
)
from koers.web.plans.inputs import as_plan_values
from koers.web.plans.models import (
    Direction,
    LearningStep,
    Plan,
    PlanAction,
    PlanOccupation,
    PlanSkill,
)
from koers.web.plans.views.editor import (
    courses_for,
    directions_page,
    editor_page,
    plan_to_change,
    run_change,
    saved,
    step_form,
)
from koers.web.training import queries as training_queries


@for_coaches
@require_POST
def texts(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """Where the person stands, what matters to them, or the notes: each part saves alone."""
    if part not in TextsForm.PARTS:
        raise Http404
    user, plan = plan_to_change(request, pk)
    form = TextsForm(request.POST, plan=plan, part=part, auto_id=f"{part}-%s")
    return run_change(
        request,
        plan,
        part,
        form,
        lambda version, values: actions.update_plan(
            by=user, plan=plan, version=version, values=as_plan_values(values)
        ),
        message=_("Saved."),
        anchor=part,
    )


@for_coaches
@require_POST
def add_occupation(request: HttpRequest, pk: int) -> HttpResponse:
    user, plan = plan_to_change(request, pk)
    form = OccupationForm(request.POST, plan=plan, auto_id="occupation-%s")
    return run_change(
        request,
        plan,
        "occupation",
        form,
        lambda version, values: actions.add_occupation(
            by=user, plan=plan, version=version, **values
        ),
        message=_("Occupation added."),
        anchor="standing",
    )


@for_coaches
@require_POST
def add_skill(request: HttpRequest, pk: int) -> HttpResponse:
    user, plan = plan_to_change(request, pk)
    form = SkillForm(request.POST, plan=plan, auto_id="skill-%s")
    return run_change(
        request,
        plan,
        "skill",
        form,
        lambda version, values: actions.add_skill(by=user, plan=plan, version=version, **values),
        message=_("Skill added."),
        anchor="skills",
    )


@for_coaches
@require_http_methods(["GET", "POST"])
def add_direction(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's own next steps to choose a direction from (GET), and choosing one (POST)."""
    if request.method == "GET":
        plan = get_plan_for(current_user(request), pk, contents=queries.PERSON_CONTENTS)
        if plan is None:
            raise Http404
        return directions_page(request, plan)
    user, plan = plan_to_change(request, pk)
    occupation = request.POST.get("occupation", "")
    name = f"direction:{occupation}" if occupation else "stay"
    form = DirectionForm(request.POST, plan=plan, auto_id="direction-%s")
    return run_change(
        request,
        plan,
        name,
        form,
        lambda version, values: actions.add_direction(
            by=user, plan=plan, version=version, **values
        ),
        message=_("Direction chosen."),
        anchor="directions",
        page=directions_page,
    )


@for_coaches
@require_POST
def add_step(request: HttpRequest, pk: int) -> HttpResponse:
    user, plan = plan_to_change(request, pk)
    posted = request.POST.get("direction", "")
    shown = pages.plan_shown(plan)
    direction = next((d for d in shown.directions if str(d.pk) == posted), None)
    if direction is None:
        # Removed in the meantime, or a form that was tampered with.
        return _not_done(request, plan)
    direction_pk = int(posted)
    form = step_form(plan, direction, "", data=request.POST)
    target = Direction.objects.get(pk=direction_pk)
    return run_change(
        request,
        plan,
        f"step:{direction_pk}",
        form,
        lambda version, values: actions.add_learning_step(
            by=user, direction=target, version=version, **values
        ),
        message=_("Learning step added."),
        anchor="steps",
    )


@for_coaches
@require_POST
def link_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a learning step to a course and an application, e.g. one started from here."""
    user, plan = plan_to_change(request, pk)
    step = (
        LearningStep.objects.filter(pk=request.POST.get("step") or 0, direction__plan=plan)
        .select_related("direction")
        .first()
    )
    if step is None:
        # Removed in the meantime, or a form that was tampered with.
        return _not_done(request, plan)
    direction = next(d for d in pages.plan_shown(plan).directions if d.pk == step.direction_id)
    form = LinkForm(
        request.POST,
        plan=plan,
        courses=courses_for(direction.gap),
        applications=training_queries.applications_to_choose(plan.client),
        auto_id=f"link{step.pk}-%s",
    )
    return run_change(
        request,
        plan,
        f"link:{step.pk}",
        form,
        lambda version, values: actions.link_learning_step(
            by=user, step=step, version=version, **values
        ),
        message=_("Learning step linked."),
        anchor="steps",
    )


@for_coaches
@require_POST
def add_action(request: HttpRequest, pk: int) -> HttpResponse:
    user, plan = plan_to_change(request, pk)
    form = ActionForm(request.POST, plan=plan, auto_id="action-%s")
    return run_change(
        request,
        plan,
        "action",
        form,
        lambda version, values: actions.add_action(by=user, plan=plan, version=version, **values),
        message=_("Action agreed."),
        anchor="actions",
    )


# What each kind of item is, and the action that removes it.
ITEMS: dict[str, tuple[type[Model], str]] = {
    "occupation": (PlanOccupation, "plan"),
    "skill": (PlanSkill, "plan"),
    "direction": (Direction, "plan"),
    "step": (LearningStep, "direction__plan"),
    "action": (PlanAction, "plan"),
}
REMOVE: dict[str, Callable[..., object]] = {
    "occupation": lambda by, row, version: actions.remove_occupation(
        by=by, occupation=row, version=version
    ),
    "skill": lambda by, row, version: actions.remove_skill(by=by, skill=row, version=version),
    "direction": lambda by, row, version: actions.remove_direction(
        by=by, direction=row, version=version
    ),
    "step": lambda by, row, version: actions.remove_learning_step(by=by, step=row, version=version),
    "action": lambda by, row, version: actions.remove_action(by=by, action=row, version=version),
}
ANCHORS = {
    "occupation": "standing",
    "skill": "skills",
    "direction": "directions",
    "step": "steps",
    "action": "actions",
}


def _not_done(request: HttpRequest, plan: Plan) -> HttpResponse:
    messages.error(request, _("That did not work. Please try again."))
    return redirect("plans:plan", pk=plan.client_id)


def _item(plan: Plan, form: ItemForm) -> Any:
    model, to_plan = ITEMS[form.cleaned_data["kind"]]
    row = model._default_manager.filter(pk=form.cleaned_data["item"], **{to_plan: plan}).first()
    if row is None:
        raise Http404
    return row


def _on_item(
    request: HttpRequest, pk: int, change: Callable[[User, Any, int, str], object], message: str
) -> HttpResponse:
    user, plan = plan_to_change(request, pk)
    form = ItemForm(request.POST, plan=plan)
    if not form.is_valid():
        return _not_done(request, plan)
    kind, version = form.cleaned_data["kind"], form.cleaned_data["version"]
    try:
        # Someone else's change may have removed the item: that is a conflict, not a 404.
        if version != plan.version:
            raise ConflictError(plan)
        change(user, _item(plan, form), version, kind)
    except ConflictError:
        current = queries.plan_of(plan.client)
        if current is None:
            raise Http404 from None
        return editor_page(request, current, conflict=[], status=409)
    return saved(request, plan.client, message, ANCHORS[kind])


@for_coaches
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_item(
        request,
        pk,
        lambda user, row, version, kind: REMOVE[kind](user, row, version),
        _("Removed."),
    )


@for_coaches
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    def done(user: User, row: Any, version: int, kind: str) -> object:
        if kind != "action":
            raise Http404
        return actions.mark_action_done(by=user, action=row, version=version)

    return _on_item(request, pk, done, _("Marked as done."))


@for_coaches
@require_POST
def reflection_code(request: HttpRequest, pk: int) -> HttpResponse:
    """Take over the boxes the person ticked in the explorer, by the code they read out."""
    user, plan = plan_to_change(request, pk)
    form = ReflectionCodeForm(request.POST, plan=plan, auto_id="reflection-code-%s")
    message = ""
    if form.is_valid():
        shown, _own_words = pages.reflection_of(form.answers)
        message = _("Taken over from the explorer: %(answers)s.") % {
            "answers": "; ".join(f"{a.question} {', '.join(a.answers)}" for a in shown)
        }
    return run_change(
        request,
        plan,
        "reflection_code",
        form,
        lambda version, values: reflection.take_over_reflection(
            by=user, plan=plan, version=version, **values
        ),
        message=message,
        anchor="reflection",
    )
