from __future__ import annotations

from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "koers.web.rounds"
    label = "rounds"
    verbose_name = "Rounds"
