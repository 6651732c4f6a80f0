"""``koers clients``: workspace commands (Django is set up lazily)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Manage the workspace's clients.", no_args_is_help=True)
