"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url


def organisation(request: HttpRequest) -> dict[str, object]:
    """Who runs this Koers and how to reach a person there."""
    return {"organisation": settings.KOERS_ORGANISATION, "help_links": settings.KOERS_HELP_LINKS}


def other_languages(request: HttpRequest) -> dict[str, object]:
    """This page in every other language (the language lives in the URL).

    A callable, which the template calls only where it is used: the explorer's pages build
    their own links and do not pay for resolving the URL again.
    """

    def links() -> list[dict[str, str]]:
        current = (request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "nl")[:2]
        return [
            {"code": code, "url": translate_url(request.get_full_path(), code)}
            for code, _ in settings.LANGUAGES
            if code != current
        ]

    return {"other_languages": links}
