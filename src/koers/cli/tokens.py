"""``koers tokens``: personal tokens for the JSON API (made, listed, revoked; audited as "cli")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from koers.cli.acting import AdminOption, active_user, admin_or_system
from koers.cli.django_setup import setup_django
from koers.cli.options import JsonOption
from koers.cli.output import console, fail, print_json

if TYPE_CHECKING:
    from koers.web.accounts.models import ApiToken

app = typer.Typer(help="Personal tokens for the JSON API (/api/v1/).", no_args_is_help=True)

DAYS = re.compile(r"(\d{1,4})d?")


def _days(text: str) -> int:
    found = DAYS.fullmatch(text.strip())
    if found is None:
        fail(f"--expires: give a number of days, such as 90d (not {text!r})", code=2)
    return int(found.group(1))


def _row(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "username": token.user.username,
        "name": token.name,
        "scope": token.scope,
        "prefix": token.prefix,
        "created_at": token.created_at.isoformat(),
        "expires_at": token.expires_at.isoformat(),
        "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }


@app.command("create")
def create_command(
    username: Annotated[str, typer.Argument(help="Whose token: it acts as this user.")],
    scope: Annotated[
        str, typer.Option("--scope", help="read, or write (read and write).", show_default=False)
    ],
    expires: Annotated[str, typer.Option("--expires", help="Valid this many days.")] = "90d",
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "",
    acting_as: AdminOption = None,
    as_json: JsonOption = False,
) -> None:
    """Make a token for a user with two-step sign-in; it is printed once and kept nowhere.

    Example: koers tokens create anna --scope read --expires 90d --name "planning tool"
    """
    if scope not in ("read", "write"):
        fail(f"Unknown scope {scope!r}: choose read or write.", code=2)
    days = _days(expires)
    setup_django()
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from koers.web.accounts.tokens import create_token
    from koers.web.audit.trail import channel

    user = active_user(username)
    by = admin_or_system(acting_as)
    try:
        with translation.override("en"), channel("cli"):
            issued = create_token(by=by, user=user, scope=scope, days=days, name=name)
    except ValidationError as error:
        fail(f"No token made for {username!r}: {' '.join(error.messages)}")
    if as_json:
        print_json({**_row(issued.row), "token": issued.token})
        return
    console.print(issued.token, highlight=False, markup=False, soft_wrap=True)
    console.print(
        f"Token {issued.row.pk} ({scope}) for {username}, valid until "
        f"{issued.row.expires_at:%Y-%m-%d}. It is shown only now: store it as a secret.",
        highlight=False,
        markup=False,
        style="dim",
    )


@app.command("list")
def list_command(
    username: Annotated[str, typer.Argument(help="Whose tokens.")],
    as_json: JsonOption = False,
) -> None:
    """A user's tokens: name, scope, valid until, last used, revoked (never the token).

    Example: koers tokens list anna --json
    """
    setup_django()
    from koers.web.accounts.models import User
    from koers.web.accounts.tokens import tokens_of

    user = User.objects.filter(username=username).first()
    if user is None:
        fail(f"No user called {username!r}; see koers users list.")
    tokens = list(tokens_of(user).select_related("user"))
    if as_json:
        print_json([_row(token) for token in tokens])
        return
    table = Table(title=f"API tokens of {username}")
    for column in ("id", "name", "scope", "starts with", "valid until", "last used", "revoked"):
        table.add_column(column)
    for token in tokens:
        table.add_row(
            str(token.pk),
            token.name,
            token.scope,
            token.prefix + "…",
            f"{token.expires_at:%Y-%m-%d}",
            f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never",
            f"{token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "",
        )
    console.print(table)


@app.command("revoke")
def revoke_command(
    token_id: Annotated[int, typer.Argument(help="The token's id (see koers tokens list).")],
    acting_as: AdminOption = None,
    as_json: JsonOption = False,
) -> None:
    """Stop a token from working, at once.

    Example: koers tokens revoke 3 --as carla
    """
    setup_django()
    from koers.web.accounts.models import ApiToken
    from koers.web.accounts.tokens import revoke_token
    from koers.web.audit.trail import channel

    token = ApiToken.objects.select_related("user").filter(pk=token_id).first()
    if token is None:
        fail(f"No token with id {token_id}.")
    by = admin_or_system(acting_as)
    with channel("cli"):
        revoked = revoke_token(by=by, token=token)
    if as_json:
        print_json(_row(revoked))
        return
    console.print(f"Token {token_id} of {token.user.username} is revoked.", highlight=False)
