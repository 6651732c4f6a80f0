"""The three roles in a Koers organisation."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COACH = "coach", _("coach")
    TEAMLEAD = "teamlead", _("team lead")
    ADMIN = "admin", _("admin")
