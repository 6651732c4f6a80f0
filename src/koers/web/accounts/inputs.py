"""What an admin changes of a user: a typed row, so that mypy checks the form and the tests;
``update_user`` still refuses unknown keys at run time."""

from __future__ import annotations

from typing import TypedDict

from koers.web.accounts.models import Team


class UserValues(TypedDict, total=False):
    """A user's details and rights; the password and second factor have actions of their own."""

    first_name: str
    last_name: str
    email: str
    role: str
    team: Team | None
    is_active: bool


# The keys a change allows, read from the type itself (all optional: total=False).
USER_FIELDS = UserValues.__optional_keys__
