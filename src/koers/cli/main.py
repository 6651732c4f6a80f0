"""The root ``koers`` command: one sub-command per area."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from koers import __version__
from koers.cli import (
    clients,
    demo,
    intake,
    occupation,
    plan,
    report,
    search,
    serve,
    taxonomy,
    tokens,
    training,
    transitions,
    users,
    vitality,
)
from koers.cli.output import print_error

app = typer.Typer(
    name="koers",
    help="Koers: career guidance on ESCO. Import the data, search job titles, find next steps.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(taxonomy.app, name="taxonomy")
app.add_typer(vitality.app, name="vitality")
app.add_typer(users.app, name="users")
app.add_typer(tokens.app, name="tokens")
app.add_typer(clients.app, name="clients")
app.add_typer(intake.app, name="intake")
app.add_typer(training.app, name="training")
app.add_typer(plan.app, name="plan")
app.command("search")(search.search_command)
app.command("occupation")(occupation.occupation_command)
app.command("transitions")(transitions.transitions_command)
app.command("gap")(transitions.gap_command)
app.command("serve")(serve.serve_command)
app.command("demo-data")(demo.demo_data_command)
app.command("report")(report.report_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"koers {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Koers: career guidance on ESCO."""


def main() -> None:
    """Entry point of the ``koers`` console script."""
    try:
        app()
    except OSError as exc:
        # A disk or permission fault no command expected (a read-only data folder for the
        # secret key, say): one line and exit 1, never a traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        print_error(f"{where}{exc.strerror or exc}")
        sys.exit(1)
