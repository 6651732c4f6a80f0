"""Project middleware."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

SEEN = "_koers_seen"


class IdleSessionMiddleware:
    """Keep a signed-in session alive while it is used, writing it at most every few minutes.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session row on every request; under load on
    SQLite every page view then queues for the write lock. Refreshing once per twelfth of the
    idle time (5 minutes of 60) keeps the idle expiry within that margin: a session left alone
    ends between 55 and 60 minutes after its last use.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # No cookie, no session: anonymous explorer visits store nothing.
        if session is None or session.session_key is None or not session.get("_auth_user_id"):
            return response
        now = int(time.time())
        if now - session.get(SEEN, 0) >= settings.SESSION_COOKIE_AGE // 12:
            session[SEEN] = now
        return response
