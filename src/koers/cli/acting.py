"""Who a workspace command acts as (``--as``), so that the audit trail says who did it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from koers.cli.output import err_console, fail, print_json

if TYPE_CHECKING:
    from koers.web.accounts.models import User
    from koers.web.common.csv_files import Problem

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
    if admin and not can_administer(user):
        fail(f"{username!r} is not an active admin; only admins may do this.")
    return user


def admin_or_system(username: str | None) -> User | None:
    """The admin named by ``--as``, or None: the entry then says "system"."""
    return active_user(username, admin=True) if username is not None else None


def read_upload(file: Path) -> bytes:
    """The bytes of a CSV file to import, or an error and exit 1 (unreadable, too large)."""
    from koers.web.common.csv_files import MAX_BYTES

    try:
        if file.stat().st_size > MAX_BYTES:
            fail(f"{file} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        return file.read_bytes()
    except OSError as error:
        fail(f"cannot read {file}: {error.strerror or error}")


def refuse_import(file: Path, problems: Sequence[Problem], *, as_json: bool, what: str) -> NoReturn:
    """Print every problem as FILE:ROW:COLUMN: message (and as JSON if asked), then exit 1."""
    if as_json:
        print_json({"ok": False, "file": str(file), "errors": [p.as_dict() for p in problems]})
    for problem in problems:
        err_console.print(
            f"{file}:{problem.row}:{problem.column}: {problem.message}",
            highlight=False,
            markup=False,
        )
    fail(f"{len(problems)} problem(s) in {file}; {what}")
