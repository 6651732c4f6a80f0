"""The client file: clients, their history, trajecten, afspraken, contacts and consent."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.web.clients.choices import (
    OPEN_TRAJECT,
    URGENCY_HELP,
    AfspraakKind,
    BudgetUnit,
    CallTime,
    Channel,
    ContactOutcome,
    ContractType,
    DigitalSkills,
    EducationLevel,
    FinancierKind,
    Outcome,
    PauseReason,
    QuestionType,
    Recipient,
    Reporting,
    Situation,
    SupportReason,
    TrajectStatus,
    Urgency,
    WithWhom,
)
from koers.web.common.choice_labels import ChoiceLabels


class Opdrachtgever(ChoiceLabels, models.Model):
    """Who pays for trajecten, and how long their closed trajecten are kept."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=FinancierKind.choices)
    retention_months = models.PositiveSmallIntegerField(
        _("keep closed trajecten for (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("commissioning party")

    def __str__(self) -> str:
        return self.name


class Afspraak(ChoiceLabels, models.Model):
    """An agreement (cao, social plan, VWNW scheme, union agreement) trajecten fall under."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=12, choices=AfspraakKind.choices)
    parties = models.CharField(_("parties"), max_length=300)
    scope = models.TextField(_("who it covers"), max_length=2000, blank=True)
    entitlement = models.CharField(_("entitlement per worker"), max_length=300, blank=True)
    starts = models.DateField(_("from"), null=True, blank=True)
    ends = models.DateField(_("until"), null=True, blank=True)
    financier = models.ForeignKey(
        Opdrachtgever, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("financier")
    )
    reporting = models.CharField(
        _("what may be reported"),
        max_length=12,
        choices=Reporting.choices,
        default=Reporting.AGGREGATES,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("agreement")

    def __str__(self) -> str:
        return self.name


class Client(ChoiceLabels, models.Model):
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="clients",
        verbose_name=_("coach"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    call_times = models.JSONField(_("best times to call"), default=list, blank=True)
    call_times_note = models.CharField(_("best times to call, note"), max_length=200, blank=True)
    language = models.CharField(_("preferred language"), max_length=40, default="nl")
    employer = models.CharField(_("employer"), max_length=150, blank=True)
    sector = models.CharField(_("sector"), max_length=1, blank=True)
    contract_type = models.CharField(
        _("contract"), max_length=10, choices=ContractType.choices, blank=True
    )
    education_level = models.CharField(
        _("education"), max_length=10, choices=EducationLevel.choices, blank=True
    )
    occupation_uri = models.CharField(_("current occupation"), max_length=200, blank=True)
    situation = models.CharField(_("situation"), max_length=20, choices=Situation.choices)
    question_type = models.CharField(
        _("question"), max_length=5, choices=QuestionType.choices, default=QuestionType.SHORT
    )
    urgency = models.CharField(
        _("urgency"),
        max_length=6,
        choices=Urgency.choices,
        default=Urgency.MEDIUM,
        help_text=URGENCY_HELP,
    )
    channel = models.CharField(
        _("preferred channel"), max_length=12, choices=Channel.choices, default=Channel.PHONE
    )
    digital_skills = models.CharField(
        _("digital skills"), max_length=10, choices=DigitalSkills.choices, blank=True
    )
    support_reasons = models.JSONField(_("reasons for extra support"), default=list, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    # Set after failed attempts at three different times of day; cleared when reached.
    needs_other_route = models.BooleanField(_("unreachable: try another route"), default=False)
    # The latest contact that reached the client, kept by log_contact: the caseload, the call
    # order and "Aandacht nodig" read it instead of aggregating a million contacts.
    last_reached_at = models.DateTimeField(_("last reached at"), null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["coach", "last_name", "first_name"]),
            models.Index(fields=["urgency"]),
            models.Index(fields=["situation"]),
            # The caseload filtered by situation or urgency: without these SQLite (no
            # statistics) reads every client in that situation, not just the caseload.
            models.Index(fields=["coach", "situation"]),
            models.Index(fields=["coach", "urgency"]),
            models.Index(fields=["coach", "last_reached_at"]),
            # "The clients of these coaches" (Aandacht nodig, calling rounds, reports) from the
            # index alone: without it each such subquery reads a table page per client.
            models.Index(
                fields=["coach", "id"],
                condition=models.Q(erased_at__isnull=True),
                name="clients_live_by_coach",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def call_time_labels(self) -> list[str]:
        return [str(CallTime(code).label) for code in self.call_times if code in CallTime.values]

    @property
    def support_reason_labels(self) -> list[str]:
        return [
            str(SupportReason(code).label)
            for code in self.support_reasons
            if code in SupportReason.values
        ]

    @property
    def name(self) -> str:
        if self.erased_at is not None:
            return str(_("(erased)"))
        return f"{self.first_name} {self.last_name}".strip()


class StatusChange(ChoiceLabels, models.Model):
    """History of a client's situation and urgency (one row per change of either)."""

    class Field(models.TextChoices):
        SITUATION = "situation", _("situation")
        URGENCY = "urgency", _("urgency")

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("client")
    )
    field = models.CharField(_("what changed"), max_length=10, choices=Field.choices)
    old = models.CharField(_("old value"), max_length=20, blank=True)
    new = models.CharField(_("new value"), max_length=20)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["client", "at"])]

    def __str__(self) -> str:
        return f"{self.field}: {self.old} -> {self.new}"

    def _label(self, code: str) -> str:
        choices = Situation if self.field == self.Field.SITUATION else Urgency
        return str(choices(code).label) if code in choices.values else code

    @property
    def old_label(self) -> str:
        return self._label(self.old) if self.old else ""

    @property
    def new_label(self) -> str:
        return self._label(self.new)


class TrajectQuerySet(models.QuerySet["Traject"]):
    def open(self) -> TrajectQuerySet:
        """Trajecten still running (any status but closed)."""
        return self.filter(status__in=OPEN_TRAJECT)


class Traject(ChoiceLabels, models.Model):
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="trajecten", verbose_name=_("client")
    )
    opdrachtgever = models.ForeignKey(
        Opdrachtgever, on_delete=models.PROTECT, verbose_name=_("commissioning party")
    )
    order_number = models.CharField(_("order number"), max_length=50, blank=True)
    budget_unit = models.CharField(
        _("budget in"), max_length=4, choices=BudgetUnit.choices, default=BudgetUnit.HOURS
    )
    budget = models.DecimalField(
        _("budget"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    hourly_rate = models.DecimalField(
        _("hourly rate (euros)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    starts = models.DateField(_("start"))
    ends = models.DateField(_("end"), null=True, blank=True)
    afspraak = models.ForeignKey(
        Afspraak, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("agreement")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TrajectStatus.choices, default=TrajectStatus.REGISTERED
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # The minutes of all contacts logged on it, kept in the same transaction by whatever logs a
    # contact (actions.count_minutes, the demo data): reports read the budget used up to a day
    # from here instead of summing a million contacts.
    contact_minutes = models.PositiveIntegerField(
        _("minutes of contact"), default=0, editable=False
    )

    objects = TrajectQuerySet.as_manager()

    class Meta:
        ordering = ["-starts", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=TrajectStatus.CLOSED) | ~models.Q(outcome=""),
                name="closed_traject_has_outcome",
            ),
            models.CheckConstraint(
                condition=models.Q(ends__isnull=True) | models.Q(ends__gte=models.F("starts")),
                name="traject_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "closed_on"]),
            # The caseload's status and commissioning-party filters (EXISTS per client).
            models.Index(fields=["client", "status"]),
            models.Index(fields=["client", "opdrachtgever"]),
        ]

    def __str__(self) -> str:
        return self.label_of(str(self.opdrachtgever), self.order_number)

    @staticmethod
    def label_of(opdrachtgever: str, order_number: str) -> str:
        """A traject as lists name it: its commissioning party and order number."""
        return f"{opdrachtgever} {order_number}".strip()

    @property
    def is_open(self) -> bool:
        return self.status != TrajectStatus.CLOSED

    @property
    def minutes_used(self) -> int:
        """The minutes of the contacts logged on it: ``contact_minutes``, kept as their sum
        (docs/reports.md), not summed over the contacts again."""
        return self.contact_minutes

    @property
    def hours_used(self) -> Decimal:
        """Contact time against the budget."""
        return (Decimal(self.minutes_used) / 60).quantize(Decimal("0.01"))

    @property
    def euros_used(self) -> Decimal | None:
        if self.hourly_rate is None:
            return None
        return (self.hours_used * self.hourly_rate).quantize(Decimal("0.01"))


class Contact(ChoiceLabels, models.Model):
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("client")
    )
    traject = models.ForeignKey(
        Traject,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("traject"),
        # Indexed with ``at`` and ``minutes`` (Meta.indexes).
        db_index=False,
    )
    at = models.DateTimeField(_("date and time"))
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), default=0, validators=[MaxValueValidator(600)]
    )
    with_whom = models.CharField(
        _("with whom"), max_length=10, choices=WithWhom.choices, default=WithWhom.CLIENT
    )
    channel = models.CharField(
        _("channel"), max_length=12, choices=Channel.choices, default=Channel.PHONE
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=ContactOutcome.choices)
    callback_at = models.DateTimeField(_("call back at"), null=True, blank=True)
    situation_after = models.CharField(
        _("situation after"), max_length=20, choices=Situation.choices, blank=True
    )
    urgency_after = models.CharField(
        _("urgency after"), max_length=6, choices=Urgency.choices, blank=True
    )
    summary = models.TextField(_("summary"), max_length=4000, blank=True)
    next_action = models.CharField(_("next action"), max_length=300, blank=True)
    next_action_on = models.DateField(_("next action on"), null=True, blank=True)
    shareable = models.BooleanField(_("may be shared with the commissioning party"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The submit token of the form that logged it (forms.SubmitTokenField): a retried submit
    # finds this contact instead of logging it twice. Empty when logged without a form.
    form_token = models.CharField(
        _("form token"), max_length=64, blank=True, default="", editable=False
    )

    class Meta:
        ordering = ["-at", "-id"]
        # Both hold what reports count, so these are read from the index alone: a client's
        # contacts in a period (reach, not reached) and a traject's minutes (budget use).
        indexes = [
            models.Index(fields=["client", "at", "with_whom", "channel", "outcome"]),
            models.Index(fields=["traject", "at", "minutes"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["form_token"],
                condition=~models.Q(form_token=""),
                name="contact_form_token_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome=ContactOutcome.CALLBACK)
                | models.Q(callback_at__isnull=False),
                name="callback_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.channel} {self.outcome}"


class PauseQuerySet(models.QuerySet["Pause"]):
    def active_on(self, day: datetime.date) -> PauseQuerySet:
        """Pauses running on ``day``: started, not past their end and not ended early."""
        return self.filter(starts__lte=day, until__gte=day, ended_early_on__isnull=True)


class Pause(ChoiceLabels, models.Model):
    """The client pauses the career question until a date; the calling round skips them."""

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="pauses", verbose_name=_("client")
    )
    starts = models.DateField(_("from"))
    until = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=12, choices=PauseReason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    ended_early_on = models.DateField(_("ended early on"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PauseQuerySet.as_manager()

    class Meta:
        ordering = ["-starts", "-id"]
        indexes = [models.Index(fields=["client", "until"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(until__gte=models.F("starts")), name="pause_until_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts} - {self.until}"

    @property
    def ends(self) -> datetime.date:
        """The last day of the pause (earlier when it was ended early)."""
        return last_day_of_pause(self.until, self.ended_early_on)

    def covers(self, day: datetime.date) -> bool:
        return self.starts <= day <= self.ends


def last_day_of_pause(until: datetime.date, ended_early_on: datetime.date | None) -> datetime.date:
    """``Pause.ends`` from its columns, for reads that take them as values."""
    return ended_early_on or until


class Consent(ChoiceLabels, models.Model):
    """Permission to share with one recipient; never records union membership."""

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="consents", verbose_name=_("client")
    )
    recipient = models.CharField(_("recipient"), max_length=16, choices=Recipient.choices)
    given_on = models.DateField(_("given on"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.recipient} {self.given_on}"

    @property
    def is_active(self) -> bool:
        return self.revoked_on is None
