"""Training and its funding: schemes with their windows, the course catalogue, applications."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.web.clients.choices import DEADLINE_DAYS, FinancierKind, Recipient
from koers.web.clients.models import Traject
from koers.web.common.choice_labels import ChoiceLabels
from koers.web.training.choices import (
    FINISHED,
    Applicant,
    ApplicationStatus,
    CourseForm,
    DeadlineKind,
)

NOT_NEGATIVE = [MinValueValidator(Decimal(0))]
# The consent an application to a scheme needs, by the scheme's kind of financier.
CONSENT_NEEDED = {
    FinancierKind.EMPLOYER: Recipient.EMPLOYER,
    FinancierKind.FUND: Recipient.FUND,
    FinancierKind.UWV: Recipient.UWV,
    FinancierKind.MUNICIPALITY: Recipient.MUNICIPALITY,
}


class Scheme(models.Model):
    """A regeling: who pays for training, on which conditions. Kept by an admin, never coded."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    financier = models.CharField(_("financier"), max_length=150)
    financier_kind = models.CharField(
        _("kind of financier"),
        max_length=12,
        choices=FinancierKind.choices,
        default=FinancierKind.FUND,
        help_text=_("An application asks the client's consent to share with this kind."),
    )
    applicants = models.JSONField(_("who applies"), default=list, blank=True)
    max_amount = models.DecimalField(
        _("maximum per person (euros)"),
        null=True,
        blank=True,
        max_digits=9,
        decimal_places=2,
        validators=NOT_NEGATIVE,
    )
    maximum_note = models.CharField(_("maxima, in words"), max_length=200, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def consent_recipient(self) -> Recipient | None:
        """Whom the client must agree to share with before applying; None when they pay."""
        return CONSENT_NEEDED.get(FinancierKind(self.financier_kind))

    @property
    def applicant_labels(self) -> list[str]:
        return [str(Applicant(code).label) for code in self.applicants if code in Applicant.values]


class Window(models.Model):
    """A period in which applications to a scheme can be filed (next year's: a new row)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="windows")
    label = models.CharField(_("name"), max_length=100)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    max_amount = models.DecimalField(
        _("maximum in this window (euros)"),
        null=True,
        blank=True,
        max_digits=9,
        decimal_places=2,
        validators=NOT_NEGATIVE,
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["scheme__name", "opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="window_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.name}: {self.label}"

    def is_open(self, today: datetime.date) -> bool:
        return self.opens_on <= today <= self.closes_on


class Course(ChoiceLabels, models.Model):
    """A course in the organisation's catalogue, with the ESCO skills or skill groups it teaches."""

    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=150)
    price = models.DecimalField(
        _("price (euros)"),
        null=True,
        blank=True,
        max_digits=9,
        decimal_places=2,
        validators=NOT_NEGATIVE,
    )
    duration = models.CharField(_("duration"), max_length=100, blank=True)
    form = models.CharField(_("form"), max_length=14, choices=CourseForm.choices, blank=True)
    skills = models.JSONField(_("ESCO skills or skill groups"), default=list, blank=True)
    link = models.URLField(_("link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("in the catalogue"), default=True)

    class Meta:
        ordering = ["title", "provider"]
        constraints = [
            models.UniqueConstraint(fields=["title", "provider"], name="one_course_per_provider"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider})"


class Application(ChoiceLabels, models.Model):
    """A training-funding application within a traject: the course, its cost, where it stands."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="applications", verbose_name=_("traject")
    )
    course = models.ForeignKey(
        Course, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("course")
    )
    # Kept as text too: the catalogue may change or drop a course after an application.
    course_title = models.CharField(_("course"), max_length=200)
    provider = models.CharField(_("provider"), max_length=150)
    cost = models.DecimalField(
        _("cost (euros)"), max_digits=9, decimal_places=2, validators=NOT_NEGATIVE
    )
    target_uri = models.CharField(_("aimed at occupation"), max_length=200, blank=True)
    applicant = models.CharField(
        _("who applies"), max_length=10, choices=Applicant.choices, default=Applicant.ADVISER
    )
    reference = models.CharField(_("application number"), max_length=60, blank=True)
    study_cost_clause = models.BooleanField(
        _("study-cost clause (studiekostenbeding)"), default=False
    )
    latest_start_on = models.DateField(_("latest start"), null=True, blank=True)
    completion_on = models.DateField(_("complete by"), null=True, blank=True)
    claim_on = models.DateField(_("claim by"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.IDEA,
    )
    status_on = models.DateField(_("status since"))
    # The next deadline for the current status, kept by actions so rounds and "Aandacht nodig"
    # can filter on one indexed column.
    deadline_on = models.DateField(_("next deadline"), null=True, blank=True)
    deadline_kind = models.CharField(
        _("kind of deadline"), max_length=10, choices=DeadlineKind.choices, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["deadline_on", "traject"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self) -> str:
        return f"{self.course_title} ({self.provider})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def deadline_state(self) -> str:
        """ "passed" or "soon" (within DEADLINE_DAYS) for the next deadline, as of today."""
        if self.deadline_on is None:
            return ""
        today = timezone.localdate()
        if self.deadline_on < today:
            return "passed"
        return "soon" if self.deadline_on <= today + datetime.timedelta(DEADLINE_DAYS) else ""

    # Money and schemes over the funding lines (prefetched where applications are listed).
    @property
    def asked_total(self) -> Decimal:
        return sum((line.asked for line in self.lines.all()), Decimal(0))

    @property
    def granted_total(self) -> Decimal | None:
        return _filled_in_sum(line.granted for line in self.lines.all())

    @property
    def paid_total(self) -> Decimal | None:
        return _filled_in_sum(line.paid for line in self.lines.all())

    @property
    def scheme_names(self) -> str:
        return ", ".join(line.scheme.name for line in self.lines.all())


def _filled_in_sum(amounts: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the amounts filled in; None when none is (nothing granted yet)."""
    known = [amount for amount in amounts if amount is not None]
    return sum(known, Decimal(0)) if known else None


class FundingLine(models.Model):
    """One source of money for an application: the scheme, its window, asked, granted, paid."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("training application"),
    )
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, verbose_name=_("scheme"))
    window = models.ForeignKey(
        Window, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("window")
    )
    asked = models.DecimalField(
        _("asked (euros)"), max_digits=9, decimal_places=2, validators=NOT_NEGATIVE
    )
    granted = models.DecimalField(
        _("granted (euros)"),
        null=True,
        blank=True,
        max_digits=9,
        decimal_places=2,
        validators=NOT_NEGATIVE,
    )
    paid = models.DecimalField(
        _("paid (euros)"),
        null=True,
        blank=True,
        max_digits=9,
        decimal_places=2,
        validators=NOT_NEGATIVE,
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.scheme.name} € {self.asked}"


class ApplicationStep(ChoiceLabels, models.Model):
    """One status change of an application: dated, by whom."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="steps",
        verbose_name=_("training application"),
    )
    status = models.CharField(_("status"), max_length=12, choices=ApplicationStatus.choices)
    on = models.DateField(_("date"))
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.status} {self.on}"
