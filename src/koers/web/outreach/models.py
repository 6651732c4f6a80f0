"""Message templates an admin keeps, and each coach's private calendar feed."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.web.outreach.filling import names_in


class MessageTemplate(models.Model):
    """One message in Dutch and in English; ``{voornaam}`` and the like are filled in."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    subject_nl = models.CharField(_("subject (Dutch)"), max_length=150)
    body_nl = models.TextField(_("text (Dutch)"), max_length=2000)
    subject_en = models.CharField(_("subject (English)"), max_length=150)
    body_en = models.TextField(_("text (English)"), max_length=2000)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("message template")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        for field in ("subject_nl", "body_nl", "subject_en", "body_en"):
            try:
                names_in(getattr(self, field))
            except ValidationError as error:
                errors[field] = error
        if errors:
            raise ValidationError(errors)

    def subject_in(self, language: str) -> str:
        return self.subject_en if language == "en" else self.subject_nl

    def body_in(self, language: str) -> str:
        return self.body_en if language == "en" else self.body_nl


class CalendarFeed(models.Model):
    """A coach's private iCalendar feed: only the SHA-256 of its token is kept."""

    coach = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("coach"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("made at"))

    class Meta:
        verbose_name = _("calendar feed")

    def __str__(self) -> str:
        return f"feed of {self.coach_id}"
