"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def organisation(request: HttpRequest) -> dict[str, object]:
    """Who runs this Koers and how to reach a person there."""
    return {"organisation": settings.KOERS_ORGANISATION, "help_links": settings.KOERS_HELP_LINKS}
