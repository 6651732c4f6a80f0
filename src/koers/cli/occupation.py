"""``koers occupation``: everything Koers knows about one occupation."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from koers.cli import knowledge
from koers.cli.options import JsonOption, LangOption, not_blank
from koers.cli.output import console, print_json
from koers.shapes import occupation_answer


def occupation_command(
    occupation: Annotated[
        str, typer.Argument(help="An ESCO occupation URI or a job title.", callback=not_blank)
    ],
    lang: LangOption = "nl",
    as_json: JsonOption = False,
) -> None:
    """Show an occupation: labels, ISCO group, vitality, essential and optional skills.

    Example: koers occupation "kapper" --lang nl --json
    """
    found = knowledge.occupation(occupation, lang)
    data = occupation_answer(found, lang)
    if as_json:
        print_json(data)
        return
    console.print(f"[bold]{data['label']}[/]  [dim]{data['code']} · {data['uri']}[/]")
    if data["alt_labels"]:
        console.print("Also: " + ", ".join(data["alt_labels"][:12]), highlight=False)
    console.print(data["description"], highlight=False)
    isco = data["isco_group"]
    console.print(f"ISCO-08 {isco['code']}: {isco['label']}", highlight=False)
    vitality = data["vitality"]
    console.print(
        f"Vitality: {vitality['class']}"
        + (f" ({vitality['group']}): {vitality['reason']}" if vitality["group"] else ""),
        highlight=False,
    )
    for key, title in (("essential_skills", "Essential skills"), ("optional_skills", "Optional")):
        table = Table(title=f"{title} ({len(data[key])})", show_header=False)
        table.add_column("skill")
        for skill in data[key]:
            table.add_row(skill["label"])
        console.print(table)
