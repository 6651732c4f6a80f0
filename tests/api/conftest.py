"""API tests: the web tests' personas and knowledge base, tokens made as `koers tokens` does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.web.accounts.models import User
from koers.web.accounts.tokens import create_token
from tests.web.conftest import (
    default_language,
    explorer_knowledge,
    no_second_factor,
    opdrachtgever,
    people,
    plain_static_files,
    traject,
)

__all__ = [
    "default_language",
    "explorer_knowledge",
    "no_second_factor",
    "opdrachtgever",
    "people",
    "plain_static_files",
    "traject",
]

MakeToken = Callable[..., str]


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    """The engine's counts live in the cache: each test starts with none."""
    cache.clear()


def enrol(user: User) -> None:
    """Give ``user`` a confirmed authenticator app: only such users hold tokens."""
    TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)


@pytest.fixture
def make_token(db: None) -> MakeToken:
    """``make_token(user, "read")``: a working token of an enrolled user, as text."""

    def make(user: User, scope: str = "read", days: int = 90) -> str:
        enrol(user)
        return create_token(by=None, user=user, scope=scope, days=days).token

    return make


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
