"""Options shared by several commands.

Exit codes: 2 for a usage error (a wrong or missing argument or option, reported by the
command-line library), 1 for a failure (no knowledge base, nothing found for an origin, a file
that cannot be read or written), 0 otherwise.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

import typer

Text = TypeVar("Text", str, str | None)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of tables.")]
LangOption = Annotated[
    str, typer.Option("--lang", help="Language of labels: nl or en (English is the fallback).")
]
LimitOption = Annotated[int, typer.Option("--limit", min=1, max=1000, help="Most results to show.")]


def not_blank(value: Text) -> Text:
    """Refuse an empty query as a usage error (exit 2), rather than searching for nothing."""
    if value is not None and not value.strip():
        raise typer.BadParameter("must not be empty; give a job title or an ESCO URI")
    return value
