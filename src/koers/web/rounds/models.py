"""A calling round: one coach's list of clients to call, worked through over one or more days;
the call scripts and note templates an admin writes for the calls."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.web.clients.choices import ContactOutcome
from koers.web.clients.models import Client, Contact
from koers.web.common.choice_labels import ChoiceLabels

SCRIPT_MAX_LENGTH = 2000
NOTE_TEMPLATE_MAX_LENGTH = 1000


class CallScript(models.Model):
    """The questions to ask in a round's calls (a crisis round asks how someone is, about
    work, money, children at home); an admin writes them."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    questions = models.TextField(
        _("questions"), max_length=SCRIPT_MAX_LENGTH, help_text=_("One question per line.")
    )
    is_default = models.BooleanField(_("offered first for a new round"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("call script")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_call_script",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class NoteTemplate(ChoiceLabels, models.Model):
    """The start of a call's note for one outcome, filled in when the coach picks it."""

    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ContactOutcome.choices, unique=True
    )
    text = models.TextField(_("text"), max_length=NOTE_TEMPLATE_MAX_LENGTH)

    class Meta:
        ordering = ["outcome"]
        verbose_name = _("note template")

    def __str__(self) -> str:
        return str(self.get_outcome_display())


class Round(models.Model):
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rounds"
    )
    title = models.CharField(_("name"), max_length=120)
    # What the round was started over, in words (for instance "O&O-fonds Detailhandel").
    scope = models.CharField(_("clients"), max_length=200, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    script = models.ForeignKey(
        CallScript,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("call script"),
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["coach", "closed_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Entry(models.Model):
    """One client in a round: pinned, skipped, or done with the contact that was logged."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="entries", verbose_name=_("calling round")
    )
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="round_entries", verbose_name=_("client")
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    skipped_at = models.DateTimeField(_("skipped at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact"),
    )
    # Before the call, for the round report: what changed during the round.
    situation_before = models.CharField(_("situation before the call"), max_length=20, blank=True)
    urgency_before = models.CharField(_("urgency before the call"), max_length=6, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "client"], name="one_entry_per_client")
        ]
        indexes = [models.Index(fields=["round", "done_at"])]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.client_id}"
