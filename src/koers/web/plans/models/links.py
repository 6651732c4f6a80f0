"""The client's private link to their plan, and the requests counted for its rate limits
(plans/links.py; docs/plans.md)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.web.plans.models.plan import Plan


class PlanLink(models.Model):
    """The client's private link to read and answer their plan without an account.

    The URL holds a token derived from ``seed`` with the server's secret key (plans/links.py);
    only its SHA-256 is looked up. So the coach can show the same link again while it is valid
    (read it out on the phone, send it once more) without Koers storing anything that opens the
    plan by itself: a copy of the database (a backup, an export) needs the secret key too.
    """

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="links", verbose_name=_("career plan")
    )
    seed = models.CharField(_("link seed"), max_length=64)
    token_hash = models.CharField(
        _("link token (hashed)"), max_length=64, unique=True, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made at"), default=timezone.now)
    expires_at = models.DateTimeField(_("works until"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    last_viewed_at = models.DateTimeField(_("last opened at"), null=True, blank=True)
    views = models.PositiveIntegerField(_("times opened"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("private link to a career plan")
        constraints = [
            # One link per plan that is not revoked: a new one revokes the one before.
            models.UniqueConstraint(
                fields=["plan"], condition=models.Q(revoked_at__isnull=True), name="plan_link_one"
            )
        ]

    def __str__(self) -> str:
        return f"link {self.pk} of plan {self.plan_id}"

    def works_at(self, moment: datetime.datetime) -> bool:
        return self.revoked_at is None and self.token_hash is not None and moment < self.expires_at


class LinkHit(models.Model):
    """One request counted for the private links' rate limits: ``key`` names a link
    (``planlink:12``) or, for a token that opened nothing, a keyed hash of the address and the day.
    Rows older than the limits' hour are deleted as new ones come in."""

    key = models.CharField(max_length=80)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="plan_link_hit_key_at")]

    def __str__(self) -> str:
        return f"{self.key} at {self.at:%H:%M}"
