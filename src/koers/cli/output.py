"""Render results for people (Rich) or scripts (JSON): every command goes through here."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True, soft_wrap=True)


def print_json(data: Any) -> None:
    """One JSON document on stdout, UTF-8, not escaped, one line."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def print_error(message: str) -> None:
    """An error for people, on stderr in red, that ends nothing: for main(), outside any command."""
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)


def fail(message: str, *, code: int = 1) -> NoReturn:
    """Print the error and end the command: exit 1 for a failure, ``code=2`` for a usage error."""
    print_error(message)
    # The message says what went wrong: no exception chained to the exit.
    raise typer.Exit(code) from None


def note(message: str) -> None:
    """A remark for people on stderr that is not an error."""
    err_console.print(message, style="dim", highlight=False, markup=False)
