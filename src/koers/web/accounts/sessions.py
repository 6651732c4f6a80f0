"""The session store: Django's database sessions, read through a kept query.

Every signed-in request reads its session first; building and compiling that one look-up cost
more than running it (decision 0010). Writing, expiry and clearing stay Django's own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from koers.web.common.kept_queries import KeptQuery

_SESSION_DATA = KeptQuery(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now).values_list(
        "session_data", flat=True
    )
)


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        """The session's data; an unknown or expired key starts an empty session, as Django's
        own store does (``_get_session_from_db``)."""
        found = _SESSION_DATA(str(self.session_key), timezone.now())
        if not found:
            self._session_key = None
            return {}
        data: dict[str, Any] = self.decode(found[0])
        return data
