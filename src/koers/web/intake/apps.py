from __future__ import annotations

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "koers.web.intake"
    label = "intake"
    verbose_name = "Intake"
