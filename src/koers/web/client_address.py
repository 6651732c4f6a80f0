"""The address a request comes from, also behind a reverse proxy (issue 14).

REMOTE_ADDR is whoever opened the connection: behind nginx or Caddy that is the proxy, for
everyone. The proxy appends the address it saw to X-Forwarded-For, but anybody can send that
header too, so it is read only when REMOTE_ADDR is one of KOERS_TRUSTED_PROXIES; then from the
right (each proxy appends on the right), skipping the trusted proxies, and the first other
address is the client. What stands left of it came from the client and is never believed.

The sign-in lockout, the call-back form's rate limit and the password-reset throttle count per
``client_block``: one address for IPv4, the /64 network for IPv6, since one home or phone
holds a whole /64 and could otherwise take a fresh address for every try.
"""

from __future__ import annotations

import datetime
import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPV6_BLOCK = 64


def parse_address(value: str) -> IPAddress | None:
    """An IP address (IPv4-mapped IPv6 as IPv4, brackets allowed), or None if it is none."""
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    """KOERS_TRUSTED_PROXIES as networks; a wrong entry is an error, never a reason to trust all."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"KOERS_TRUSTED_PROXIES: {entry!r} is not an address or a network"
            ) from None
    return tuple(networks)


def _trusted(address: IPAddress, networks: Iterable[IPNetwork]) -> bool:
    return any(address in network for network in networks)


def client_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind trusted proxies the nearest untrusted
    address in X-Forwarded-For; None when the request has no valid address at all."""
    remote = parse_address(request.META.get("REMOTE_ADDR") or "")
    if remote is None:
        return None
    networks = trusted_networks(tuple(settings.KOERS_TRUSTED_PROXIES))
    if not _trusted(remote, networks):
        return str(remote)
    nearest = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = parse_address(hop)
        if address is None:
            # Not an address: the header was mangled, so nothing further left can be trusted;
            # the last proxy we do trust stands in for the client.
            break
        nearest = address
        if not _trusted(address, networks):
            break
    return str(nearest)


def block_of(address: str) -> str:
    """What the limits count: the address itself, or for IPv6 its /64 network's address."""
    parsed = parse_address(address)
    if parsed is None:
        raise ValueError(f"not an IP address: {address!r}")
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, IPV6_BLOCK), strict=False).network_address)
    return str(parsed)


def client_block(request: HttpRequest) -> str | None:
    """The block of ``client_address``; django-axes counts by it (AXES_CLIENT_IP_CALLABLE)."""
    address = client_address(request)
    return block_of(address) if address is not None else None


def fingerprint_of(address: str, *, today: datetime.date, purpose: str) -> str:
    """A keyed hash of the sender's address and the day, for one ``purpose`` (``intake``): the
    same sender gives the same value today, another value tomorrow, and the address cannot be
    read back from it."""
    return salted_hmac(
        f"koers.web.{purpose}.fingerprint", f"{today.isoformat()} {address}", algorithm="sha256"
    ).hexdigest()
