"""Guessing from one address (issue 14): besides the lockout of one user name from one address,
an address that tried many accounts is refused for a while, before any password is hashed;
an IPv6 /64 counts as one address."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from tests.web.conftest import PASSWORD, People

pytestmark = pytest.mark.django_db

NAMES = ("anna", "eva", "bram", "carla", "dirk", "nobody")


@pytest.fixture(autouse=True)
def small_limits(settings: Settings) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    settings.KOERS_LOGIN_ATTEMPTS_PER_ADDRESS = 6


def sign_in(client: Client, username: str, address: str, password: str = "guess") -> Any:
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def spray(client: Client, address: str, tries: int) -> None:
    """Two wrong passwords on each account in turn: never enough to lock one account."""
    for number in range(tries):
        assert sign_in(client, NAMES[number // 2], address).status_code == 200


def test_an_address_that_tried_many_accounts_is_refused_for_a_while(
    client: Client, people: People
) -> None:
    spray(client, "203.0.113.66", 6)
    response = sign_in(client, "dirk", "203.0.113.66", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "kan hier een tijdje niemand inloggen" in response.content.decode()


def test_other_addresses_still_sign_in(client: Client, people: People) -> None:
    spray(client, "203.0.113.66", 6)
    assert sign_in(client, "dirk", "198.51.100.20", PASSWORD).status_code == 302


def test_a_refused_address_costs_no_password_hash(
    client: Client, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    spray(client, "203.0.113.66", 6)
    hashed: list[str] = []
    original_verify, original_encode = MD5PasswordHasher.verify, MD5PasswordHasher.encode

    def verify(self: MD5PasswordHasher, password: str, encoded: str) -> bool:
        hashed.append("verify")
        return original_verify(self, password, encoded)

    def encode(self: MD5PasswordHasher, password: str, salt: str) -> str:
        hashed.append("encode")
        return original_encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "verify", verify)
    monkeypatch.setattr(MD5PasswordHasher, "encode", encode)
    assert sign_in(client, "anna", "203.0.113.66").status_code == 429
    assert sign_in(client, "nobody", "203.0.113.66").status_code == 429
    assert hashed == []
    # Elsewhere the password is checked as always.
    assert sign_in(client, "anna", "198.51.100.20").status_code == 200
    assert "verify" in hashed


def test_a_whole_ipv6_64_counts_as_one_address(client: Client, people: People) -> None:
    for number in range(6):
        sign_in(client, NAMES[number // 2], f"2001:db8:1:2::{number + 1}")
    assert sign_in(client, "dirk", "2001:db8:1:2:ffff::1", PASSWORD).status_code == 429
    assert sign_in(client, "dirk", "2001:db8:1:3::1", PASSWORD).status_code == 302


def test_one_account_from_one_address_is_still_locked_after_its_own_limit(
    client: Client, people: People
) -> None:
    for _ in range(3):
        sign_in(client, "anna", "203.0.113.66")
    assert sign_in(client, "anna", "203.0.113.66", PASSWORD).status_code == 429
    assert sign_in(client, "eva", "203.0.113.66", PASSWORD).status_code == 302
