"""One-time codes people type: recovery codes and enrolment codes, kept only as salted hashes."""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import PBKDF2PasswordHasher

# RFC 4648 base32 in lower case: no 0, 1, 8 or 9 to mistake for o, l, b or g.
ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
# 12 characters of 5 bits: 60 bits of chance, shown in groups of four (abcd-efgh-ijkm).
LENGTH = 12
GROUP = 4


class _CodeHasher(PBKDF2PasswordHasher):
    # Far fewer rounds than for a password: a code is 60 random bits, not something a person
    # chose, so a leaked database still takes 2**60 * 10,000 hashes per code to search, while
    # checking a user's ten recovery codes takes tens of milliseconds, not seconds.
    iterations = 10_000


_hasher = _CodeHasher()


def new_code() -> str:
    """A fresh random code, grouped for reading aloud and typing."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalise(typed: str) -> str:
    """What counts in a typed code: letters and digits, lower case (groups and spaces do not)."""
    return "".join(char for char in typed.lower() if char.isascii() and char.isalnum())


def digest(code: str) -> str:
    """The salted hash to store instead of ``code``."""
    return _hasher.encode(normalise(code), _hasher.salt())


def matches(typed: str, stored: str) -> bool:
    """Whether ``typed`` is the code behind ``stored`` (a constant-time comparison)."""
    typed = normalise(typed)
    return bool(typed) and _hasher.verify(typed, stored)
