"""The closed lists of the career plan (loopbaanplan), each value a code with a translated label."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# A plan holds one to three directions: more is not a choice any more.
MAX_DIRECTIONS = 3


class SkillSource(models.TextChoices):
    """Where the person learned a skill: unpaid work counts as much as a job."""

    PAID_WORK = "paid_work", _("paid work")
    VOLUNTEER = "volunteer", _("volunteer work")
    INFORMAL = "informal", _("informal: caring for or helping others")
    HOBBY = "hobby", _("hobby")
    COURSE = "course", _("course or training")


class DirectionKind(models.TextChoices):
    NEW_OCCUPATION = "new", _("a new occupation")
    STAY = "stay", _("stay in my own work, differently")
    TEMPORARY = "temporary", _("a temporary step, then back")


class ActionOwner(models.TextChoices):
    """Who does an agreed action."""

    CLIENT = "client", _("client")
    COACH = "coach", _("coach")


class ActionStatus(models.TextChoices):
    """Derived from the dates of an action, never stored (see PlanAction.status)."""

    OPEN = "open", _("open")
    OVERDUE = "overdue", _("overdue")
    DONE = "done", _("done")


class PlanChange(models.TextChoices):
    """What a saved version changed: each version says it, and so does its audit entry."""

    STARTED = "started", _("plan started")
    TEXTS = "texts", _("own words, reflection or notes changed")
    OCCUPATION_ADDED = "occupation.added", _("occupation added")
    OCCUPATION_REMOVED = "occupation.removed", _("occupation removed")
    SKILL_ADDED = "skill.added", _("skill added")
    SKILL_REMOVED = "skill.removed", _("skill removed")
    DIRECTION_ADDED = "direction.added", _("direction added")
    DIRECTION_REMOVED = "direction.removed", _("direction removed")
    STEP_ADDED = "step.added", _("learning step added")
    STEP_LINKED = "step.linked", _("learning step linked to a course or application")
    STEP_REMOVED = "step.removed", _("learning step removed")
    ACTION_ADDED = "action.added", _("action agreed")
    ACTION_DONE = "action.done", _("action done")
    ACTION_REMOVED = "action.removed", _("action removed")
    REFLECTION_CODE = "reflection.code", _("reflection answers taken over from the explorer")
