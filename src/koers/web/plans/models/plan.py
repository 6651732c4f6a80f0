"""The career plan (loopbaanplan): one per client, every saved change kept as a version.

ESCO concepts are stored as their URIs (labels come from the knowledge base when shown), so a
plan reads in Dutch or English alike.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.web.clients.models import Client
from koers.web.common.choice_labels import ChoiceLabels
from koers.web.explorer.reflection import QUESTIONS
from koers.web.plans.choices import (
    MAX_DIRECTIONS,
    ActionOwner,
    ActionStatus,
    DirectionKind,
    PlanChange,
    SkillSource,
)
from koers.web.training.models import Application, Course

OWN_WORDS = "own_words"
OWN_WORDS_MAX = 1000
URI_MAX = 200


def validate_reflection(value: Any) -> None:
    """The explorer's reflection answers: per question (QUESTIONS) a list of its option codes,
    plus the person's own words (``own_words``, text)."""
    if not isinstance(value, dict):
        raise ValidationError(_("Reflection answers are a mapping of question to answers."))
    for key, answer in value.items():
        if key == OWN_WORDS:
            if not isinstance(answer, str) or len(answer) > OWN_WORDS_MAX:
                raise ValidationError(
                    _("Own words are a text of at most %(max)d characters.")
                    % {"max": OWN_WORDS_MAX}
                )
            continue
        if key not in QUESTIONS:
            raise ValidationError(_("%(key)s is not a reflection question.") % {"key": key})
        options = QUESTIONS[key][1]
        if not isinstance(answer, list) or any(code not in options for code in answer):
            raise ValidationError(
                _("The answers to %(key)s are not among its options.") % {"key": key}
            )


class Plan(models.Model):
    """A client's career plan: where they stand, what matters to them, where they go."""

    client = models.OneToOneField(
        Client, on_delete=models.CASCADE, related_name="plan", verbose_name=_("client")
    )
    # The number of the latest PlanVersion: an editor sends the one they started from, and a
    # change on top of another (saved in between) is refused rather than silently merged.
    version = models.PositiveIntegerField(_("version"), default=1)
    standing = models.TextField(_("where I stand, in my own words"), max_length=4000, blank=True)
    reflection = models.JSONField(
        _("what matters to me (reflection)"),
        default=dict,
        blank=True,
        validators=[validate_reflection],
    )
    client_notes = models.TextField(_("notes for the client"), max_length=4000, blank=True)
    # Never leave Koers: not on the printed plan, the client's link or to a commissioning party.
    coach_notes = models.TextField(_("notes for the coach only"), max_length=4000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        verbose_name = _("career plan")
        constraints = [
            models.CheckConstraint(condition=models.Q(version__gte=1), name="plan_version_from_1")
        ]

    def __str__(self) -> str:
        return f"plan {self.pk} v{self.version}"

    @property
    def answers(self) -> dict[str, Any]:
        """The reflection answers (erasure leaves an empty list in their place)."""
        return self.reflection if isinstance(self.reflection, dict) else {}


class PlanOccupation(models.Model):
    """An occupation the person held (ESCO), with how many years."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="occupations", verbose_name=_("career plan")
    )
    occupation_uri = models.CharField(_("occupation held"), max_length=URI_MAX)
    years = models.PositiveSmallIntegerField(
        _("years"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("occupation held")
        constraints = [
            models.UniqueConstraint(fields=["plan", "occupation_uri"], name="plan_occupation_once"),
            models.CheckConstraint(
                condition=models.Q(years__isnull=True) | models.Q(years__lte=60),
                name="plan_occupation_years_at_most_60",
            ),
        ]

    def __str__(self) -> str:
        return self.occupation_uri


class PlanSkill(ChoiceLabels, models.Model):
    """A skill the person has (ESCO), and where it comes from: also unpaid or informal work."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="skills", verbose_name=_("career plan")
    )
    skill_uri = models.CharField(_("skill"), max_length=URI_MAX)
    source = models.CharField(_("learned in"), max_length=10, choices=SkillSource.choices)
    own_words = models.CharField(_("in my own words"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("skill")
        constraints = [
            models.UniqueConstraint(fields=["plan", "skill_uri"], name="plan_skill_once"),
            models.CheckConstraint(
                condition=models.Q(source__in=SkillSource.values), name="plan_skill_source_known"
            ),
        ]

    def __str__(self) -> str:
        return self.skill_uri


class Direction(ChoiceLabels, models.Model):
    """One of one to three directions: a new occupation, the own work done differently, or a
    temporary step (an occupation for a while) and then back."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="directions", verbose_name=_("career plan")
    )
    position = models.PositiveSmallIntegerField(
        _("order"), validators=[MinValueValidator(1), MaxValueValidator(MAX_DIRECTIONS)]
    )
    kind = models.CharField(_("kind of direction"), max_length=10, choices=DirectionKind.choices)
    # The target occupation, or the temporary step's; empty when staying in the own work.
    occupation_uri = models.CharField(_("occupation"), max_length=URI_MAX, blank=True)
    why = models.TextField(_("why it fits, in my own words"), max_length=2000, blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("direction")
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="direction_position_once"),
            models.CheckConstraint(
                condition=models.Q(position__gte=1, position__lte=MAX_DIRECTIONS),
                name="direction_position_1_to_3",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=DirectionKind.STAY, occupation_uri="")
                | models.Q(
                    kind__in=[DirectionKind.NEW_OCCUPATION, DirectionKind.TEMPORARY],
                    occupation_uri__gt="",
                ),
                name="direction_occupation_unless_staying",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.kind} {self.occupation_uri}".strip()


class LearningStep(models.Model):
    """A skill from a direction's gap to learn, with a course and an application if chosen."""

    direction = models.ForeignKey(
        Direction,
        on_delete=models.CASCADE,
        related_name="learning_steps",
        verbose_name=_("direction"),
    )
    skill_uri = models.CharField(_("skill to learn"), max_length=URI_MAX)
    course = models.ForeignKey(
        Course,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("training application"),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("learning step")
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "skill_uri"], name="learning_step_skill_once"
            )
        ]

    def __str__(self) -> str:
        return self.skill_uri


class PlanAction(ChoiceLabels, models.Model):
    """An agreed action: what, who does it, by when, and when it was done."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("career plan")
    )
    what = models.CharField(_("what"), max_length=300)
    who = models.CharField(_("who"), max_length=6, choices=ActionOwner.choices)
    due_on = models.DateField(_("by"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = [models.F("due_on").asc(nulls_last=True), "id"]
        verbose_name = _("agreed action")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(who__in=ActionOwner.values), name="plan_action_who_known"
            )
        ]
        indexes = [
            # Open actions falling due, for "Aandacht nodig" and calling rounds over a caseload.
            models.Index(
                fields=["due_on", "plan"],
                condition=models.Q(done_on__isnull=True),
                name="plan_action_open_due",
            )
        ]

    def __str__(self) -> str:
        return self.what

    def status_on(self, day: datetime.date) -> ActionStatus:
        """Done once dated; overdue when its date passed before ``day``; open otherwise."""
        if self.done_on is not None:
            return ActionStatus.DONE
        if self.due_on is not None and self.due_on < day:
            return ActionStatus.OVERDUE
        return ActionStatus.OPEN

    @property
    def status(self) -> ActionStatus:
        return self.status_on(timezone.localdate())


class ImmutableVersionError(RuntimeError):
    """Raised on an attempt to save a plan version again (only the client's answer is added)."""


class PlanVersion(ChoiceLabels, models.Model):
    """The whole plan as it was saved, once per change (docs/plans.md: the snapshot format).

    Never changed after it is written, except for the client's answer: agreement with this
    version, or what they would change (``plans.agreement.record_agreement``).
    """

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("career plan")
    )
    number = models.PositiveIntegerField(_("version"))
    change = models.CharField(_("what changed"), max_length=24, choices=PlanChange.choices)
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    snapshot = models.JSONField(_("the plan as saved"), default=dict)
    answered_at = models.DateTimeField(_("client answered at"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("client agreed at"), null=True, blank=True)
    comment = models.TextField(_("what I would change"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("version of a career plan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_once"),
            models.CheckConstraint(
                condition=models.Q(agreed_at__isnull=True) | models.Q(answered_at__isnull=False),
                name="plan_version_agreed_is_an_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"plan {self.plan_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableVersionError("a saved version of a plan cannot be changed")
        super().save(*args, **kwargs)
