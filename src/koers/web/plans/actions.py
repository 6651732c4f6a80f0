"""Every change to a career plan: access checked, atomic, audited, and each a new version.

A change names the plan version the editor started from (``version``); when someone saved in
between, it is refused with :class:`ConflictError` and nothing is written. Texts holding a BSN
and ESCO URIs the knowledge base does not know are refused, naming the field.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, target_by_id, target_of
from koers.web.clients.models import Client
from koers.web.common.bsn import refuse_bsn_in
from koers.web.common.inputs import refuse_unknown
from koers.web.plans import queries
from koers.web.plans.choices import MAX_DIRECTIONS, DirectionKind, PlanChange
from koers.web.plans.inputs import PLAN_FIELDS, PlanValues
from koers.web.plans.models import (
    OWN_WORDS,
    Direction,
    LearningStep,
    Plan,
    PlanAction,
    PlanOccupation,
    PlanSkill,
    PlanVersion,
)
from koers.web.plans.saving import (
    check_access,
    known_occupation,
    known_skill,
    locked_plan,
    save_version,
)
from koers.web.plans.snapshot import snapshot_of
from koers.web.training.models import Application, Course


@transaction.atomic
def start_plan(*, by: User, client: Client) -> Plan:
    """Start the client's plan (one per client): version 1, empty."""
    check_access(by, client)
    plan = Plan(client=client)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        raise ValidationError(_("This client already has a plan.")) from None
    PlanVersion.objects.create(
        plan=plan, number=1, change=PlanChange.STARTED, saved_by=by, snapshot=snapshot_of(plan)
    )
    record(by=by, action=AuditAction.PLAN_CREATED, client_id=client.pk, target=target_of(plan))
    return plan


@transaction.atomic
def update_plan(*, by: User, plan: Plan, version: int, values: PlanValues) -> Plan:
    """Change where the person stands, their reflection answers or the notes.

    Only fields that differ are saved; nothing changed writes no version.
    """
    refuse_unknown(values, PLAN_FIELDS)
    texts = {name: value for name, value in values.items() if name != "reflection"}
    reflection = values.get("reflection")
    if isinstance(reflection, dict):
        texts["reflection"] = reflection.get(OWN_WORDS)
    refuse_bsn_in(texts)
    current = locked_plan(by, plan.pk, version)
    changed = {name: value for name, value in values.items() if getattr(current, name) != value}
    if not changed:
        return current
    for name, value in changed.items():
        setattr(current, name, value)
    current.full_clean(exclude=["client"])
    return save_version(by, current, PlanChange.TEXTS, list(changed), caller=plan)


@transaction.atomic
def add_occupation(
    *, by: User, plan: Plan, version: int, occupation_uri: str, years: int | None = None
) -> PlanOccupation:
    """An occupation the person held (ESCO), with the years; the most years make the origin."""
    current = locked_plan(by, plan.pk, version)
    held = PlanOccupation(
        plan=current,
        occupation_uri=known_occupation("occupation_uri", occupation_uri),
        years=years,
    )
    held.full_clean(exclude=["plan"])
    if current.occupations.filter(occupation_uri=occupation_uri).exists():
        raise ValidationError({"occupation_uri": _("This occupation is in the plan already.")})
    held.save()
    save_version(by, current, PlanChange.OCCUPATION_ADDED, ["occupation_uri", "years"], caller=plan)
    return held


@transaction.atomic
def remove_occupation(*, by: User, occupation: PlanOccupation, version: int) -> Plan:
    current = locked_plan(by, occupation.plan_id, version)
    current.occupations.filter(pk=occupation.pk).delete()
    return save_version(by, current, PlanChange.OCCUPATION_REMOVED, ["occupation_uri"])


@transaction.atomic
def add_skill(
    *, by: User, plan: Plan, version: int, skill_uri: str, source: str, own_words: str = ""
) -> PlanSkill:
    """A skill the person has, from paid work, volunteer or informal work, a hobby or a course."""
    refuse_bsn_in({"own_words": own_words})
    current = locked_plan(by, plan.pk, version)
    skill = PlanSkill(
        plan=current,
        skill_uri=known_skill("skill_uri", skill_uri),
        source=source,
        own_words=own_words,
    )
    skill.full_clean(exclude=["plan"])
    if current.skills.filter(skill_uri=skill_uri).exists():
        raise ValidationError({"skill_uri": _("This skill is in the plan already.")})
    skill.save()
    save_version(
        by, current, PlanChange.SKILL_ADDED, ["skill_uri", "source", "own_words"], caller=plan
    )
    return skill


@transaction.atomic
def remove_skill(*, by: User, skill: PlanSkill, version: int) -> Plan:
    current = locked_plan(by, skill.plan_id, version)
    current.skills.filter(pk=skill.pk).delete()
    return save_version(by, current, PlanChange.SKILL_REMOVED, ["skill_uri"])


@transaction.atomic
def add_direction(
    *,
    by: User,
    plan: Plan,
    version: int,
    kind: str,
    occupation_uri: str = "",
    why: str = "",
) -> Direction:
    """A direction after the others (at most three): a new occupation or a temporary step
    (both with an ESCO occupation), or staying in the own work, differently (without one)."""
    refuse_bsn_in({"why": why})
    current = locked_plan(by, plan.pk, version)
    count = current.directions.count()
    if count >= MAX_DIRECTIONS:
        raise ValidationError(
            _("A plan has at most %(max)d directions.") % {"max": MAX_DIRECTIONS},
            code="too_many_directions",
        )
    if kind == DirectionKind.STAY:
        if occupation_uri:
            raise ValidationError(
                {"occupation_uri": _("Staying in one's own work needs no other occupation.")}
            )
    elif not occupation_uri:
        raise ValidationError({"occupation_uri": _("Choose the occupation of this direction.")})
    else:
        known_occupation("occupation_uri", occupation_uri)
        if current.directions.filter(kind=kind, occupation_uri=occupation_uri).exists():
            raise ValidationError({"occupation_uri": _("This direction is in the plan already.")})
    direction = Direction(
        plan=current, position=count + 1, kind=kind, occupation_uri=occupation_uri, why=why
    )
    direction.full_clean(exclude=["plan"])
    direction.save()
    save_version(
        by,
        current,
        PlanChange.DIRECTION_ADDED,
        ["kind", "occupation_uri", "why"],
        target=target_of(direction),
        caller=plan,
    )
    return direction


@transaction.atomic
def remove_direction(*, by: User, direction: Direction, version: int) -> Plan:
    """Remove a direction with its learning steps; those after it move up one place."""
    current = locked_plan(by, direction.plan_id, version)
    removed = current.directions.get(pk=direction.pk)
    removed.delete()
    # One by one from the front, so that no two directions ever share a position.
    for later in current.directions.filter(position__gt=removed.position).order_by("position"):
        Direction.objects.filter(pk=later.pk).update(position=later.position - 1)
    return save_version(by, current, PlanChange.DIRECTION_REMOVED, ["position"])


def _check_step_links(plan: Plan, course: Course | None, application: Application | None) -> None:
    if course is not None and not course.active:
        raise ValidationError({"course": _("This course is no longer in the catalogue.")})
    if application is not None and application.traject.client_id != plan.client_id:
        raise ValidationError(
            {"application": _("This training application belongs to another client.")}
        )


@transaction.atomic
def add_learning_step(
    *,
    by: User,
    direction: Direction,
    version: int,
    skill_uri: str,
    course: Course | None = None,
    application: Application | None = None,
) -> LearningStep:
    """A skill from the direction's gap to learn, with a course and an application if chosen.

    For "stay in my own work, differently" (no gap to measure) any known skill will do.
    """
    current = locked_plan(by, direction.plan_id, version)
    known_skill("skill_uri", skill_uri)
    target = Direction.objects.get(pk=direction.pk)
    target.plan = current
    gap = queries.gap_of(target)
    if gap is not None and skill_uri not in {s.uri for step in gap.steps for s in step.skills}:
        raise ValidationError({"skill_uri": _("This skill is not in the gap of this direction.")})
    _check_step_links(current, course, application)
    step = LearningStep(
        direction=target, skill_uri=skill_uri, course=course, application=application
    )
    step.full_clean(exclude=["direction", "course", "application"])
    if target.learning_steps.filter(skill_uri=skill_uri).exists():
        raise ValidationError({"skill_uri": _("This skill is a learning step already.")})
    step.save()
    save_version(
        by,
        current,
        PlanChange.STEP_ADDED,
        ["skill_uri", "course", "application"],
        target=target_of(target),
    )
    return step


@transaction.atomic
def link_learning_step(
    *,
    by: User,
    step: LearningStep,
    version: int,
    course: Course | None,
    application: Application | None,
) -> LearningStep:
    """Link a learning step to a course and a training application (or unlink with None)."""
    current = locked_plan(by, step.direction.plan_id, version)
    _check_step_links(current, course, application)
    LearningStep.objects.filter(pk=step.pk).update(course=course, application=application)
    step.course, step.application = course, application
    save_version(
        by,
        current,
        PlanChange.STEP_LINKED,
        ["course", "application"],
        target=target_by_id(Direction, step.direction_id),
    )
    return step


@transaction.atomic
def remove_learning_step(*, by: User, step: LearningStep, version: int) -> Plan:
    current = locked_plan(by, step.direction.plan_id, version)
    LearningStep.objects.filter(pk=step.pk).delete()
    return save_version(
        by,
        current,
        PlanChange.STEP_REMOVED,
        ["skill_uri"],
        target=target_by_id(Direction, step.direction_id),
    )


@transaction.atomic
def add_action(
    *,
    by: User,
    plan: Plan,
    version: int,
    what: str,
    who: str,
    due_on: datetime.date | None = None,
) -> PlanAction:
    """An agreed action: what, who does it (client or coach), by when."""
    refuse_bsn_in({"what": what})
    current = locked_plan(by, plan.pk, version)
    if not what.strip():
        raise ValidationError({"what": _("Say what will be done.")})
    action = PlanAction(plan=current, what=what, who=who, due_on=due_on)
    action.full_clean(exclude=["plan"])
    action.save()
    save_version(
        by,
        current,
        PlanChange.ACTION_ADDED,
        ["what", "who", "due_on"],
        target=target_of(action),
        caller=plan,
    )
    return action


@transaction.atomic
def mark_action_done(
    *, by: User, action: PlanAction, version: int, on: datetime.date | None = None
) -> PlanAction:
    """Date an action as done (today unless ``on``); a done action falls due no more."""
    current = locked_plan(by, action.plan_id, version)
    done = PlanAction.objects.get(pk=action.pk)
    if done.done_on is not None:
        return done
    done.done_on = on or timezone.localdate()
    done.save(update_fields=["done_on"])
    save_version(by, current, PlanChange.ACTION_DONE, ["done_on"], target=target_of(done))
    return done


@transaction.atomic
def remove_action(*, by: User, action: PlanAction, version: int) -> Plan:
    current = locked_plan(by, action.plan_id, version)
    PlanAction.objects.filter(pk=action.pk).delete()
    return save_version(by, current, PlanChange.ACTION_REMOVED, ["what"], target=target_of(action))
