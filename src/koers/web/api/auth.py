"""Who calls the API: a personal token (``Authorization: Bearer koers_…``) for the workspace,
anyone for the engine unless KOERS_API_PUBLIC_ENGINE is off; and the engine's rate limit."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from koers.web.accounts.models import ApiToken, User
from koers.web.accounts.permissions import can_work_with_clients
from koers.web.accounts.tokens import token_user
from koers.web.client_address import client_block, fingerprint_of

# The engine's rate limit counts requests per address in fixed windows of this many seconds.
WINDOW = 60
PUBLIC = "public"


class TokenAuth(HttpBearer):
    """A working personal token; ``request.auth`` is then its ApiToken (with ``.user``)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_user(token)
        return None if found is None else found[1]


class EngineAuth(TokenAuth):
    """Anyone while KOERS_API_PUBLIC_ENGINE is on; else a personal token, as for the workspace."""

    def __call__(self, request: HttpRequest) -> ApiToken | str | None:
        if settings.KOERS_API_PUBLIC_ENGINE:
            return PUBLIC
        return super().__call__(request)


def token_of(request: HttpRequest) -> ApiToken:
    """The token of a request that passed TokenAuth."""
    token = getattr(request, "auth", None)
    if not isinstance(token, ApiToken):
        raise PermissionDenied("this needs a personal token")
    return token


def user_of(request: HttpRequest) -> User:
    """The user a token acts as: the API asks the same permission functions as the pages."""
    return token_of(request).user


def writer_of(request: HttpRequest) -> User:
    """The user of a token with the write scope; 403 for a read token."""
    token = token_of(request)
    if not token.can_write:
        raise PermissionDenied("this token may only read; make a token with --scope write")
    return token.user


def worker_of(request: HttpRequest, *, write: bool = False) -> User:
    """The token's user, if their role works with clients (coaches and team leads)."""
    user = writer_of(request) if write else user_of(request)
    if not can_work_with_clients(user):
        raise PermissionDenied("your role does not work with clients")
    return user


class AddressThrottle(BaseThrottle):
    """At most KOERS_API_ENGINE_PER_MINUTE requests a minute from one address (IPv6: its /64).

    Counted in the cache under a keyed hash of the address and the day, as the plan link and
    the call-back form count: the address itself is never kept. Each server process has its own
    count unless CACHES names a shared cache.
    """

    def allow_request(self, request: HttpRequest) -> bool:
        now = time.time()
        address = client_block(request) or "unknown"
        key = "koers.api.engine:{}:{}".format(
            fingerprint_of(address, today=timezone.localdate(), purpose="api.engine"),
            int(now // WINDOW),
        )
        cache.add(key, 0, timeout=WINDOW)
        try:
            count = cache.incr(key)
        except ValueError:
            # The window ended between add and incr: this is the first request of the next one.
            cache.set(key, 1, timeout=WINDOW)
            count = 1
        return bool(count <= settings.KOERS_API_ENGINE_PER_MINUTE)

    def wait(self) -> float:
        """Seconds until the current window ends: the Retry-After of a refused request."""
        return WINDOW - time.time() % WINDOW
