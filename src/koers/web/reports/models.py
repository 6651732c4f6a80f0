"""A report as it was sent to a commissioning party: its JSON and its PDF, kept unchanged."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.web.accounts.models import User
from koers.web.clients.models import Opdrachtgever


class SentReport(models.Model):
    """One version of a party's report for one period (``2026-11``, ``2026-Q4``), counted
    1, 2, ... per party and period. Clients named in it are named in ``report["named"]``;
    erasing a client blanks her there and removes the PDF (``reports.erasure``)."""

    opdrachtgever = models.ForeignKey(
        Opdrachtgever, on_delete=models.PROTECT, related_name="sent_reports"
    )
    period = models.CharField(_("period"), max_length=7)
    version = models.PositiveIntegerField(_("version"))
    report = models.JSONField(_("report as sent"))
    # The PDF as sent; empty once a client named in it was erased.
    pdf = models.BinaryField(_("PDF as sent"), blank=True)
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ("-sent_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=("opdrachtgever", "period", "version"), name="one_sent_report_version"
            ),
        )

    def __str__(self) -> str:
        return f"{self.opdrachtgever_id} {self.period} v{self.version}"
