"""What a call-back request stores from the public form: a typed row, so that mypy checks the
form and the tests; the action still refuses unknown keys at run time."""

from __future__ import annotations

from typing import TypedDict


class CallbackValues(TypedDict, total=False):
    """First name and phone are needed; the best time has a default, the code is optional."""

    first_name: str
    phone: str
    best_time: str
    short_code: str


# The keys a request allows, read from the type itself (all optional: total=False).
REQUEST_FIELDS = CallbackValues.__optional_keys__
