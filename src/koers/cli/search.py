"""``koers search``: find ESCO occupations by job title, one query or a batch file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from koers.cli import batch as batch_file
from koers.cli.knowledge import taxonomy, title_index
from koers.cli.options import JsonOption, LangOption, LimitOption, not_blank
from koers.cli.output import console, fail, print_json
from koers.shapes import search_answer

# Queries searched together from a batch file: enough to share the work of their meanings,
# few enough that their similarities to every label stay small (64 x 60,000 floats).
BATCH_SIZE = 64


def search_command(
    query: Annotated[
        str | None, typer.Argument(help="A job title, as people say it.", callback=not_blank)
    ] = None,
    lang: LangOption = "nl",
    limit: LimitOption = 10,
    batch: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            help="A file with one query per line ('-' for stdin); prints one JSON line per line.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Find ESCO occupations by job title: typos, gendered forms and word order are fine.

    Example: koers search "kapster" --lang nl --limit 5
    """
    if (query is None) == (batch is None):
        fail("give either a QUERY or --batch FILE", code=2)
    index = title_index()
    if batch is not None:
        for texts in batch_file.chunks(batch, size=BATCH_SIZE):
            found = index.search_many(texts, language=lang, limit=limit)
            for text, results in zip(texts, found, strict=True):
                print_json(search_answer(text, results))
        return
    assert query is not None
    matches = index.search(query, language=lang, limit=limit)
    if as_json:
        print_json(search_answer(query, matches))
        return
    if not matches:
        console.print(f"No occupation found for [bold]{query}[/].")
        return
    table = Table(title=f"Occupations for “{query}”")
    table.add_column("#", justify="right")
    table.add_column("occupation")
    table.add_column("matched label")
    table.add_column("score", justify="right")
    table.add_column("ESCO code", style="dim")
    occupations = taxonomy()
    for rank, match in enumerate(matches, start=1):
        matched = "" if match.matched_label == match.label else match.matched_label
        code = occupations.occupation(match.uri).code
        table.add_row(str(rank), match.label, matched, f"{match.score:.2f}", code)
    console.print(table)
