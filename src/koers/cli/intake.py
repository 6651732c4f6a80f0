"""``koers intake``: the call-back requests from the explorer (Django is set up lazily)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from koers.cli.acting import AdminOption, admin_or_system
from koers.cli.django_setup import setup_django
from koers.cli.options import JsonOption
from koers.cli.output import console, print_json

if TYPE_CHECKING:
    pass

app = typer.Typer(help="Manage the call-back requests from the explorer.", no_args_is_help=True)


@app.callback()
def intake() -> None:
    """Manage the call-back requests from the explorer."""


@app.command("purge")
def purge_command(
    apply: Annotated[
        bool, typer.Option("--apply", help="Delete them; without it, only count them.")
    ] = False,
    as_user: AdminOption = None,
    as_json: JsonOption = False,
) -> None:
    """Count, or with --apply delete, call-back requests that nobody took within 30 days.

    Declined requests go too; requests that became a client stay (without personal data).
    Meant for the same daily timer as `koers clients retention`.

    Example: koers intake purge --apply --json
    """
    setup_django()
    from django.utils import timezone

    from koers.web.audit.trail import channel
    from koers.web.intake.actions import purge_expired
    from koers.web.intake.models import KEEP_DAYS

    by = admin_or_system(as_user)
    today = timezone.localdate()
    with channel("cli"):
        count = purge_expired(by=by, today=today, apply=apply)
    result: dict[str, Any] = {
        "applied": apply,
        "today": today.isoformat(),
        "keep_days": KEEP_DAYS,
        "requests": count,
    }
    if as_json:
        print_json(result)
        return
    if count == 0:
        console.print(f"No call-back requests older than {KEEP_DAYS} days.", highlight=False)
        return
    verb = "Deleted" if apply else "Would delete (run with --apply)"
    console.print(
        f"{verb} {count} call-back request(s) older than {KEEP_DAYS} days.", highlight=False
    )
