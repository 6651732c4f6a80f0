"""``koers clients``: workspace commands (Django is set up lazily).

Every command acts as a named user (``--as``), so that the audit trail says who did it;
entries written here are marked as coming from the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from koers.cli.acting import AdminOption, active_user, admin_or_system, read_upload, refuse_import
from koers.cli.django_setup import setup_django
from koers.cli.options import JsonOption
from koers.cli.output import console, fail, print_json

if TYPE_CHECKING:
    from koers.web.clients.models import Client

app = typer.Typer(help="Manage the workspace's clients.", no_args_is_help=True)

AsOption = Annotated[
    str, typer.Option("--as", help="Username of the active user doing this (for the audit trail).")
]
ClientNumber = Annotated[int, typer.Argument(help="The client number.", min=1)]


def _client(number: int) -> Client:
    from koers.web.clients.models import Client

    client = Client.objects.select_related("coach").filter(pk=number).first()
    if client is None:
        fail(f"no client with number {number}.")
    return client


@app.command("import")
def import_command(
    file: Annotated[
        Path, typer.Argument(help="The caseload CSV (the template of the import page).")
    ],
    coach: Annotated[str, typer.Option("--coach", help="Username of the clients' coach.")],
    as_user: AsOption,
    as_json: JsonOption = False,
    allow_duplicates: Annotated[
        bool,
        typer.Option(
            "--allow-duplicates",
            help="Also add rows that are likely a client already there or another row "
            "(same name and phone or e-mail).",
        ),
    ] = False,
) -> None:
    """Import a caseload CSV: all rows are checked first, then all clients are added, or none.

    Problems are printed as FILE:ROW:COLUMN: message (row 1 is the header row). Likely
    duplicates (same name and phone or e-mail, in the file or in the caseload) are refused
    unless --allow-duplicates.

    Example: koers clients import caseload.csv --coach anna --as bram
    """
    setup_django()
    from django.core.exceptions import PermissionDenied
    from django.utils import translation

    from koers.web.audit.trail import channel
    from koers.web.clients.csv_import import CaseloadError, import_caseload

    by = active_user(as_user)
    owner = active_user(coach)
    data = read_upload(file)
    try:
        with translation.override("en"), channel("cli"):
            clients = import_caseload(
                by=by, coach=owner, data=data, allow_duplicates=allow_duplicates
            )
    except PermissionDenied:
        fail(f"{by.username} may not import clients for {owner.username}.")
    except CaseloadError as error:
        refuse_import(file, error.problems, as_json=as_json, what="no clients were added.")
    if as_json:
        print_json(
            {
                "ok": True,
                "file": str(file),
                "coach": owner.username,
                "created": len(clients),
                "clients": [client.pk for client in clients],
            }
        )
        return
    console.print(f"Added {len(clients)} clients for {owner.username}.", highlight=False)


@app.command("export")
def export_command(number: ClientNumber, as_user: AsOption) -> None:
    """Print everything held about one client as JSON (a request for access). Admins only.

    Example: koers clients export 42 --as carla > client-42.json
    """
    setup_django()
    from koers.web.audit.trail import channel
    from koers.web.privacy.export import export_client

    by = active_user(as_user, admin=True)
    client = _client(number)
    with channel("cli"):
        data = export_client(by=by, client=client)
    print_json(data)


@app.command("erase")
def erase_command(
    number: ClientNumber,
    as_user: AsOption,
    yes: Annotated[
        bool, typer.Option("--yes", help="Do not ask; needed without a terminal.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Erase one client's personal data (a request for erasure). Admins only; cannot be undone.

    Counts, minutes, dates, situations and outcomes stay for reports.

    Example: koers clients erase 42 --yes --as carla
    """
    setup_django()
    from koers.web.audit.trail import channel
    from koers.web.privacy.erasure import AlreadyErasedError, erase_client

    by = active_user(as_user, admin=True)
    client = _client(number)
    if client.erased_at is not None:
        fail(f"client {number} was already erased on {client.erased_at:%Y-%m-%d}.")
    if not yes:
        if not sys.stdin.isatty():
            fail("erasing cannot be undone: add --yes to confirm when not at a terminal.")
        if not typer.confirm(f"Erase the personal data of client {number}? This cannot be undone"):
            fail("nothing was erased.")
    try:
        with channel("cli"):
            erased = erase_client(by=by, client=client)
    except AlreadyErasedError:
        fail(f"client {number} was already erased.")
    assert erased.erased_at is not None
    if as_json:
        print_json({"ok": True, "client": erased.pk, "erased_at": erased.erased_at.isoformat()})
        return
    console.print(f"Erased the personal data of client {erased.pk}.", highlight=False)


@app.command("retention")
def retention_command(
    apply: Annotated[
        bool, typer.Option("--apply", help="Anonymise them; without it, only list them.")
    ] = False,
    as_user: AdminOption = None,
    as_json: JsonOption = False,
) -> None:
    """List, or with --apply anonymise, clients past their retention period.

    A client is past it when all of their trajecten are closed, each longer ago than the
    retention period (in months) of its commissioning party. Meant for a daily timer.

    Example: koers clients retention --apply --json
    """
    setup_django()
    from django.utils import timezone

    from koers.web.audit.trail import channel
    from koers.web.privacy.retention import anonymise_expired

    by = admin_or_system(as_user)
    today = timezone.localdate()
    with channel("cli"):
        ids = anonymise_expired(by=by, today=today, apply=apply)
    result: dict[str, Any] = {"applied": apply, "today": today.isoformat(), "clients": ids}
    if as_json:
        print_json(result)
        return
    if not ids:
        console.print("No clients are past their retention period.", highlight=False)
        return
    numbers = ", ".join(map(str, ids))
    verb = "Anonymised" if apply else "Would anonymise (run with --apply)"
    console.print(f"{verb} {len(ids)} client(s): {numbers}", highlight=False)
