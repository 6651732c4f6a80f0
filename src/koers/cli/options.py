"""Options shared by several commands."""

from __future__ import annotations

from typing import Annotated

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of tables.")]
LangOption = Annotated[
    str, typer.Option("--lang", help="Language of labels: nl or en (English is the fallback).")
]
LimitOption = Annotated[int, typer.Option("--limit", min=1, max=1000, help="Most results to show.")]
