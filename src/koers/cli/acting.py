"""Who a workspace command acts as (``--as``), so that the audit trail says who did it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from koers.cli.output import fail

if TYPE_CHECKING:
    from koers.web.accounts.models import User

AdminOption = Annotated[
    str | None,
    typer.Option(
        "--as", help="Username of the admin doing this; default: the audit trail says system."
    ),
]


def active_user(username: str, *, admin: bool = False) -> User:
    """The active user called ``username`` (an admin if asked), else an error and exit 1."""
    from koers.web.accounts.models import User
    from koers.web.accounts.permissions import can_administer

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        fail(f"no active user named {username!r}.")
        raise typer.Exit(1)
    if admin and not can_administer(user):
        fail(f"{username!r} is not an active admin; only admins may do this.")
        raise typer.Exit(1)
    return user


def admin_or_system(username: str | None) -> User | None:
    """The admin named by ``--as``, or None: the entry then says "system"."""
    return active_user(username, admin=True) if username is not None else None
