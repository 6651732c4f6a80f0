"""What sets the API apart from the pages, for every request under /api/."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from koers.web.accounts.models import ApiToken
from koers.web.audit.trail import channel

PREFIX = "/api/"


class ApiMiddleware:
    """No cookies in or out: the API knows only tokens, so a browser's session never signs an
    API call in (no CSRF to forge) and no answer sets or refreshes one. Audit entries say "api".
    Answers to a token hold personal data: no browser or proxy may keep them.

    Stands before the session, CSRF, authentication and 2FA middleware, which then see an
    anonymous request without a session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        request.META.pop("HTTP_COOKIE", None)
        request.COOKIES = {}
        with channel("api"):
            response = self.get_response(request)
        response.cookies.clear()
        if isinstance(getattr(request, "auth", None), ApiToken):
            patch_cache_control(response, no_store=True, private=True)
        return response
