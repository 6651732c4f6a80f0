"""Behind a reverse proxy (issue 14): X-Forwarded-For is believed only from KOERS_TRUSTED_PROXIES,
and the address found is the one the sign-in lockout and the call-back rate limit count."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django.fixtures import Settings

from koers.web.client_address import block_of, client_address, client_block
from koers.web.intake.limits import PER_SENDER_PER_HOUR
from tests.web.conftest import People

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings: Settings) -> None:
    settings.KOERS_TRUSTED_PROXIES = ["10.0.0.0/24", "fd00::1"]


def address(remote: str, forwarded: str | None = None) -> str | None:
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(request)


def test_without_trusted_proxies_it_takes_the_connecting_address_and_ignores_the_header(
    settings: Settings,
) -> None:
    settings.KOERS_TRUSTED_PROXIES = []
    assert address("198.51.100.7", "203.0.113.9") == "198.51.100.7"


@pytest.mark.usefixtures("behind_proxy")
def test_behind_a_trusted_proxy_it_takes_the_address_the_proxy_saw() -> None:
    assert address(PROXY, "203.0.113.9") == "203.0.113.9"


@pytest.mark.usefixtures("behind_proxy")
def test_a_client_cannot_pick_its_address_by_sending_the_header_itself() -> None:
    # The client sent "1.2.3.4"; the proxy appended the address it really came from.
    assert address(PROXY, "1.2.3.4, 203.0.113.9") == "203.0.113.9"
    # Sent straight to Koers, past the proxy, the header counts for nothing.
    assert address("203.0.113.9", "1.2.3.4") == "203.0.113.9"


@pytest.mark.usefixtures("behind_proxy")
def test_it_skips_every_trusted_proxy_in_a_chain() -> None:
    assert address(PROXY, "1.2.3.4, 203.0.113.9, 10.0.0.7") == "203.0.113.9"


@pytest.mark.usefixtures("behind_proxy")
def test_it_never_believes_what_is_not_an_address() -> None:
    assert address(PROXY, "203.0.113.9, <script>") == PROXY
    assert address(PROXY, "") == PROXY
    assert address(PROXY) == PROXY
    assert address("unix:/run/koers.sock") is None


@pytest.mark.usefixtures("behind_proxy")
def test_it_reads_ipv6_clients_and_ipv6_proxies() -> None:
    assert address("fd00::1", "2001:db8:1:2::99") == "2001:db8:1:2::99"
    assert address(PROXY, "[2001:db8::1]") == "2001:db8::1"
    # An IPv4 client on a dual-stack socket is the IPv4 address.
    assert address("::ffff:198.51.100.7") == "198.51.100.7"


def test_the_limits_count_ipv6_per_64_network_and_ipv4_per_address() -> None:
    assert block_of("2001:db8:1:2:aaaa::1") == block_of("2001:db8:1:2:ffff::2") == "2001:db8:1:2::"
    assert block_of("2001:db8:1:3::1") != block_of("2001:db8:1:2::1")
    assert block_of("198.51.100.7") == "198.51.100.7"
    request = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:aaaa::1")
    assert client_block(request) == "2001:db8:1:2::"


def test_a_wrong_trusted_proxy_setting_is_an_error_not_trust_in_everyone(
    settings: Settings,
) -> None:
    settings.KOERS_TRUSTED_PROXIES = ["10.0.0.0/33"]
    with pytest.raises(ImproperlyConfigured, match=r"10\.0\.0\.0/33"):
        address(PROXY, "203.0.113.9")


def sign_in(client: Client, username: str, remote: str, forwarded: str) -> int:
    response = client.post(
        reverse("accounts:login"),
        {"username": username, "password": "guess"},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    return response.status_code


@pytest.mark.usefixtures("behind_proxy")
def test_behind_the_proxy_strangers_cannot_lock_anna_out_for_everyone(
    client: Client, people: People, settings: Settings
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "anna", PROXY, "203.0.113.66")
    assert sign_in(client, "anna", PROXY, "203.0.113.66") == 429
    # Anna, at home, still signs in through the same proxy.
    response = client.post(
        reverse("accounts:login"),
        {"username": "anna", "password": "correct horse battery"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response.status_code == 302


@pytest.mark.usefixtures("behind_proxy")
def test_a_spoofed_header_does_not_escape_the_lockout(
    client: Client, people: People, settings: Settings
) -> None:
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "anna", PROXY, f"1.2.3.{number}, 203.0.113.66")
    assert sign_in(client, "anna", PROXY, "9.9.9.9, 203.0.113.66") == 429


FORM = reverse("intake:callback")
SANDRA = {"first_name": "Sandra", "phone": "06 12345678", "best_time": "any"}


@pytest.mark.usefixtures("behind_proxy")
def test_the_call_back_limit_counts_each_person_behind_the_proxy(client: Client) -> None:
    for _ in range(PER_SENDER_PER_HOUR):
        response = client.post(FORM, SANDRA, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.1")
        assert response.status_code == 302
    limited = client.post(FORM, SANDRA, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert limited.status_code == 429
    # Someone else behind the same proxy still gets through.
    other = client.post(FORM, SANDRA, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert other.status_code == 302


def test_the_call_back_limit_takes_a_whole_ipv6_64_as_one_sender(client: Client) -> None:
    for number in range(PER_SENDER_PER_HOUR):
        response = client.post(FORM, SANDRA, REMOTE_ADDR=f"2001:db8:1:2::{number + 1}")
        assert response.status_code == 302
    assert client.post(FORM, SANDRA, REMOTE_ADDR="2001:db8:1:2::ff").status_code == 429
