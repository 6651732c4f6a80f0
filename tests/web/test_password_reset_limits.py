"""Password-reset mail is throttled per address and per account (issue 14), and the page never
tells whether an account exists or a limit was reached."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers.web.accounts.models import PasswordResetRequest
from tests.web.conftest import People

pytestmark = pytest.mark.django_db

DONE = reverse("accounts:password_reset_done")


@pytest.fixture(autouse=True)
def small_limits(settings: Settings) -> None:
    settings.KOERS_RESET_PER_ADDRESS = 4
    settings.KOERS_RESET_PER_ACCOUNT = 2


def ask(client: Client, email: str, address: str = "203.0.113.66") -> Any:
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_anna_gets_at_most_two_reset_mails_an_hour(client: Client, people: People) -> None:
    for _ in range(3):
        assert ask(client, "anna@example.org")["Location"] == DONE
    assert len(mail.outbox) == 2
    # Also when someone asks from elsewhere: the account has its own limit.
    assert ask(client, "Anna@example.org", address="198.51.100.20")["Location"] == DONE
    assert len(mail.outbox) == 2
    assert ask(client, "eva@example.org")["Location"] == DONE
    assert len(mail.outbox) == 3


def test_one_address_gets_at_most_four_reset_requests_an_hour(
    client: Client, people: People
) -> None:
    for name in ("nobody", "anna", "eva", "bram"):
        assert ask(client, f"{name}@example.org")["Location"] == DONE
    assert len(mail.outbox) == 3
    assert ask(client, "dirk@example.org")["Location"] == DONE
    assert len(mail.outbox) == 3
    # Dirk himself, from another address, still gets his mail.
    ask(client, "dirk@example.org", address="198.51.100.20")
    assert len(mail.outbox) == 4


def test_a_whole_ipv6_64_counts_as_one_address(client: Client, people: People) -> None:
    for number, name in enumerate(("nobody", "anna", "eva", "bram", "dirk")):
        ask(client, f"{name}@example.org", address=f"2001:db8:1:2::{number + 1}")
    assert len(mail.outbox) == 3


def test_the_limits_end_after_an_hour(client: Client, people: People) -> None:
    for _ in range(2):
        ask(client, "anna@example.org")
    PasswordResetRequest.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))
    ask(client, "anna@example.org")
    assert len(mail.outbox) == 3
    # Old requests are not kept.
    assert PasswordResetRequest.objects.count() == 1


def test_the_page_is_the_same_for_unknown_accounts_and_past_the_limit(
    client: Client, people: People
) -> None:
    known = ask(client, "anna@example.org")
    unknown = ask(client, "nobody@example.org")
    for _ in range(4):
        limited = ask(client, "anna@example.org")
    assert known.status_code == unknown.status_code == limited.status_code == 302
    assert known["Location"] == unknown["Location"] == limited["Location"] == DONE


def test_it_keeps_neither_the_address_nor_the_e_mail(client: Client, people: People) -> None:
    ask(client, "anna@example.org")
    row = PasswordResetRequest.objects.get()
    assert "203.0.113.66" not in row.address and "anna" not in row.account
