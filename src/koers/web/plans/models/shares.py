"""Sharing the plan with the commissioning party (plans/sharing.py; docs/plans.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.web.clients.choices import FinancierKind
from koers.web.clients.models import Consent, Opdrachtgever, Traject
from koers.web.common.choice_labels import ChoiceLabels
from koers.web.plans.models.plan import PlanVersion


class ShareMethod(models.TextChoices):
    # Opdrachtgevers have no e-mail address in Koers: the coach downloads the PDF and sends it.
    DOWNLOAD = "download", _("PDF downloaded, sent by the coach")


class PlanShare(ChoiceLabels, models.Model):
    """One version of the plan sent to the commissioning party of one of the client's
    trajecten, with the consent it relied on. A record of what happened: a consent revoked
    later leaves it standing."""

    # A share is part of the plan's history: it goes only when the whole client does.
    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="shares", verbose_name=_("version")
    )
    # RESTRICT: neither the traject nor the consent can be deleted on its own while a share
    # names it; deleting the client as a whole (which takes the share along) still works.
    traject = models.ForeignKey(
        Traject, on_delete=models.RESTRICT, related_name="+", verbose_name=_("traject")
    )
    # The party at the moment of sending (a traject's party may be corrected later).
    opdrachtgever = models.ForeignKey(
        Opdrachtgever,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commissioning party"),
    )
    recipient_kind = models.CharField(
        _("kind of commissioning party"), max_length=12, choices=FinancierKind.choices
    )
    consent = models.ForeignKey(
        Consent, on_delete=models.RESTRICT, related_name="+", verbose_name=_("consent")
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    how = models.CharField(
        _("sent how"), max_length=10, choices=ShareMethod.choices, default=ShareMethod.DOWNLOAD
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("career plan sent to the commissioning party")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient_kind__in=FinancierKind.values),
                name="plan_share_recipient_kind_known",
            ),
            models.CheckConstraint(
                condition=models.Q(how__in=ShareMethod.values), name="plan_share_how_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} to {self.opdrachtgever_id}"
