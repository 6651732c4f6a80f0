"""Project middleware."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

SEEN = "_koers_seen"
SIGNED_IN = "_koers_signed_in"


class IdleSessionMiddleware:
    """Keep a signed-in session alive while it is used, writing it at most every few minutes,
    and end it KOERS_SESSION_MAX_HOURS after sign-in however much it is used.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session row on every request; under load on
    SQLite every page view then queues for the write lock. Refreshing once per twelfth of the
    idle time (5 minutes of 60) keeps the idle expiry within that margin: a session left alone
    ends between 55 and 60 minutes after its last use.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id"):
            signed_in = session.get(SIGNED_IN)
            if signed_in is not None and time.time() - signed_in >= settings.KOERS_SESSION_MAX_AGE:
                # Before authentication reads the session: this request is already signed out.
                session.flush()
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # No cookie, no session: anonymous explorer visits store nothing.
        if session is None or session.session_key is None or not session.get("_auth_user_id"):
            return response
        now = int(time.time())
        # The first answer of a signed-in session is the sign-in itself. Signing in again as
        # the same person keeps the session and its first time: it never ends later.
        session.setdefault(SIGNED_IN, now)
        if now - session.get(SEEN, 0) >= settings.SESSION_COOKIE_AGE // 12:
            session[SEEN] = now
        return response


class RequestSizeMiddleware:
    """Refuse a request body over KOERS_MAX_REQUEST_BYTES before any of it is read: Django
    streams a file upload of any size to a temporary file before a form can look at its size,
    so one large upload could fill the disk."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.KOERS_MAX_REQUEST_BYTES:
            limit = settings.KOERS_MAX_REQUEST_BYTES // (1024 * 1024)
            return HttpResponse(render_to_string("413.html", {"megabytes": limit}), status=413)
        return self.get_response(request)


class PrivateResponseMiddleware:
    """Signed-in pages and every download hold personal data: no browser or proxy cache may
    keep them (``Cache-Control: no-store, private``). Public explorer pages stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Without a session cookie nobody is signed in: anonymous pages never touch the session.
        signed_in = (
            settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated
        )
        download = response.get("Content-Disposition", "").startswith("attachment")
        if signed_in or download:
            patch_cache_control(response, no_store=True, private=True)
        return response
