from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "koers.web.reports"
    label = "reports"
