"""``koers users``: workspace accounts (Django is set up lazily, writes are audited as "cli")."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from koers.cli.acting import AdminOption, admin_or_system
from koers.cli.django_setup import setup_django
from koers.cli.options import JsonOption
from koers.cli.output import console, fail, print_json

if TYPE_CHECKING:
    from koers.web.accounts.actions import IssuedCode
    from koers.web.accounts.models import User

app = typer.Typer(help="Manage the workspace's users.", no_args_is_help=True)

ROLES = ("coach", "teamlead", "admin")


def _password() -> str:
    """KOERS_PASSWORD, else a hidden prompt (twice) on a terminal, else the first line of stdin."""
    password = os.environ.get("KOERS_PASSWORD")
    if password:
        return password
    if sys.stdin.isatty():
        entered: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        return entered
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        fail("No password: set KOERS_PASSWORD or pass the password on stdin.")
    return password


def _messages(error: Any) -> str:
    if hasattr(error, "message_dict"):
        return " ".join(message for messages in error.message_dict.values() for message in messages)
    return " ".join(error.messages)


def _row(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "username": user.username,
        "role": user.role,
        "team": user.team.name if user.team is not None else None,
    }


def _enrolment(issued: IssuedCode) -> dict[str, str]:
    return {"enrolment_code": issued.code, "enrolment_code_expires": issued.expires_at.isoformat()}


def _print_enrolment(user: User, issued: IssuedCode) -> None:
    from django.utils import timezone

    until = timezone.localtime(issued.expires_at)
    console.print(
        f"Enrolment code for {user.username}, to set up two-step sign-in: {issued.code}\n"
        f"It works once, until {until:%Y-%m-%d %H:%M}. It is shown only now: "
        "give it in person or by phone, never together with the password.",
        highlight=False,
        markup=False,
    )


def _get_user(username: str) -> User:
    from koers.web.accounts.models import User

    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        fail(f"No user called {username!r}; see koers users list.")


@app.command("create")
def create_command(
    username: Annotated[str, typer.Argument(help="The name to sign in with.", show_default=False)],
    role: Annotated[
        str, typer.Option("--role", help="coach, teamlead or admin.", show_default=False)
    ],
    team: Annotated[
        str | None, typer.Option("--team", help="Team name; made if it does not exist yet.")
    ] = None,
    email: Annotated[str, typer.Option("--email", help="E-mail address (password resets).")] = "",
    first_name: Annotated[str, typer.Option("--first-name", help="First name.")] = "",
    last_name: Annotated[str, typer.Option("--last-name", help="Last name.")] = "",
    acting_as: AdminOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create a user. The password comes from KOERS_PASSWORD, stdin, or a prompt on a terminal.

    Use this for the first admin; admins then add the others in the workspace. Prints a
    one-time enrolment code: at first sign-in the user sets up two-step sign-in (an
    authenticator app) with it, then replaces the password with their own.

    Example: KOERS_PASSWORD='…' koers users create carla --role admin --email carla@example.org
    """
    if role not in ROLES:
        fail(f"Unknown role {role!r}: choose coach, teamlead or admin.", code=2)
    password = _password()
    setup_django()
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.utils import translation

    from koers.web.accounts.actions import create_team, create_user, issue_enrolment_code
    from koers.web.accounts.models import Team
    from koers.web.audit.trail import channel

    by = admin_or_system(acting_as)
    try:
        # The command line speaks English, whatever LANGUAGE_CODE the web pages use.
        with translation.override("en"), channel("cli"), transaction.atomic():
            team_obj = None
            if team:
                team_obj = Team.objects.filter(name__iexact=team.strip()).first()
                if team_obj is None:
                    team_obj = create_team(by=by, name=team)
            user = create_user(
                by=by,
                username=username,
                role=role,
                team=team_obj,
                email=email,
                password=password,
                first_name=first_name,
                last_name=last_name,
            )
            issued = issue_enrolment_code(by=by, user=user)
    except ValidationError as error:
        fail(f"User {username!r} not created: {_messages(error)}")
    if as_json:
        print_json({**_row(user), **_enrolment(issued)})
    else:
        team_text = f" in team {user.team.name}" if user.team is not None else ""
        console.print(
            f"Created {user.username} ({user.role}{team_text}).", highlight=False, markup=False
        )
        _print_enrolment(user, issued)


@app.command("list")
def list_command(as_json: JsonOption = False) -> None:
    """List every user: role, team, two-step sign-in, active, last sign-in.

    Example: koers users list --json
    """
    setup_django()
    from koers.web.accounts.queries import users_for_admin

    people = list(users_for_admin())
    if as_json:
        print_json(
            [
                {
                    **_row(user),
                    "name": user.get_full_name(),
                    "email": user.email,
                    "two_factor": bool(user.has_2fa),  # type: ignore[attr-defined]
                    "active": user.is_active,
                    "last_login": user.last_login.isoformat() if user.last_login else None,
                }
                for user in people
            ]
        )
        return
    table = Table(title="Users")
    for column in ("username", "name", "role", "team", "2FA", "active", "last sign-in"):
        table.add_column(column)
    for user in people:
        table.add_row(
            user.username,
            user.get_full_name(),
            user.role,
            user.team.name if user.team is not None else "",
            "yes" if user.has_2fa else "no",  # type: ignore[attr-defined]
            "yes" if user.is_active else "no",
            f"{user.last_login:%Y-%m-%d %H:%M}" if user.last_login else "never",
        )
    console.print(table)


@app.command("reset-2fa")
def reset_2fa_command(
    username: Annotated[str, typer.Argument(help="Whose two-step sign-in.", show_default=False)],
    acting_as: AdminOption = None,
    as_json: JsonOption = False,
) -> None:
    """Remove a user's authenticator app and recovery codes (a lost phone).

    Prints a new one-time enrolment code, with which they set up two-step sign-in again at
    their next sign-in (also for a user whose code expired before they used it).

    Example: koers users reset-2fa anna --as carla
    """
    setup_django()
    from koers.web.accounts.actions import reset_two_factor
    from koers.web.audit.trail import channel

    user = _get_user(username)
    by = admin_or_system(acting_as)
    with channel("cli"):
        issued = reset_two_factor(by=by, user=user)
    if as_json:
        print_json({**_row(user), "two_factor": False, **_enrolment(issued)})
    else:
        console.print(
            f"Two-step sign-in of {user.username} is reset: they set it up again at sign-in.",
            highlight=False,
            markup=False,
        )
        _print_enrolment(user, issued)
