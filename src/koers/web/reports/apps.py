from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "koers.web.reports"
    label = "reports"

    def ready(self) -> None:
        # Blanks an erased client's name in the reports as they were sent.
        from koers.web.reports import actions  # noqa: F401
