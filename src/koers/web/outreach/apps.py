from __future__ import annotations

from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "koers.web.outreach"
    label = "outreach"
    verbose_name = "Outreach"
