"""One way to print an evaluation table and its notes (Rich is a Koers dependency)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table


def print_table(
    title: str, header: Sequence[str], rows: Sequence[Sequence[str]], *, text_columns: int = 1
) -> Console:
    """Print the table: the first ``text_columns`` left-aligned, numbers right-aligned."""
    table = Table(title=title)
    for i, name in enumerate(header):
        table.add_column(name, justify="left" if i < text_columns else "right")
    for row in rows:
        table.add_row(*row)
    console = Console()
    console.print(table)
    return console
