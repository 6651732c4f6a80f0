"""``koers vitality validate | summary``: check the vitality mapping and count what it covers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from koers import config
from koers.cli.knowledge import taxonomy
from koers.cli.options import JsonOption, LangOption
from koers.cli.output import console, err_console, fail, print_json
from koers.taxonomy.vitality import CLASSES, ExampleResult, VitalityError, VitalityMap, default_path

app = typer.Typer(
    help="Vitality: which occupations were on the Dutch 2020 crisis lists, and why.",
    no_args_is_help=True,
)


def _load(path: Path) -> VitalityMap:
    try:
        return VitalityMap.load(path)
    except VitalityError as exc:
        fail(str(exc))


@app.command("validate")
def validate_command(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="The mapping file. Default: KOERS_VITALITY_FILE, else the one shipped with Koers.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check a vitality mapping file; list every problem, or count the occupations it maps.

    Without a knowledge base only the file itself is checked; with one, every ISCO code and
    occupation URI must also exist in ESCO, and every example (an occupation whose class the
    sources settle, such as those the seed post names) must get its class; the examples are
    listed. Exits with 1 if there is any problem.

    Example: koers vitality validate my-vitality.toml
    """
    target = path if path is not None else default_path()
    mapping = _load(target)
    knowledge_base = taxonomy() if config.snapshot_path().exists() else None
    problems = mapping.validate(knowledge_base)
    summary = None
    examples: list[ExampleResult] = []
    if knowledge_base is not None and not problems:
        summary = mapping.summary(knowledge_base)
        examples = mapping.check_examples(knowledge_base)
    if as_json:
        print_json(
            {
                "ok": not problems,
                "path": str(target),
                "checked_against_knowledge_base": knowledge_base is not None,
                "problems": problems,
                "summary": summary,
                "examples": [result.as_dict() for result in examples],
            }
        )
        if problems:
            raise typer.Exit(1)
        return
    if knowledge_base is None:
        err_console.print(
            "No knowledge base: checked the file only, not the ISCO codes and URIs "
            "(koers taxonomy import).",
            style="yellow",
            highlight=False,
        )
    for problem in problems:
        err_console.print(f"  {problem}", highlight=False, markup=False)
    if problems:
        fail(f"{target}: {len(problems)} problem(s) in the vitality mapping.")
    if summary is not None:
        _print_summary(summary, "nl")
    if examples:
        _print_examples(examples)
    console.print(
        f"[green]The vitality mapping is valid:[/] {target} "
        f"({len(mapping.groups)} groups, {len(mapping.exceptions)} exceptions)",
        highlight=False,
    )


@app.command("summary")
def summary_command(as_json: JsonOption = False, lang: LangOption = "nl") -> None:
    """Count the ESCO occupations per vitality class and per group of the mapping in use.

    The mapping in use is KOERS_VITALITY_FILE if it is set, else the one shipped with Koers.

    Example: koers vitality summary --lang en
    """
    mapping = _load(default_path())
    summary = mapping.summary(taxonomy())
    if as_json:
        print_json({"path": str(default_path()), **summary})
        return
    _print_summary(summary, lang)


def _print_summary(summary: dict[str, Any], lang: str) -> None:
    table = Table(title="Vitality of ESCO occupations")
    table.add_column("class", no_wrap=True)
    table.add_column("group", no_wrap=True)
    table.add_column("name")
    table.add_column("occupations", justify="right", no_wrap=True)
    table.add_column("exceptions", justify="right", no_wrap=True)
    for group in summary["groups"]:
        name = group["name"].get(lang) or group["name"].get("en", "")
        table.add_row(
            group["class"],
            group["id"],
            name,
            f"{group['occupations']:,}",
            f"{group['by_exception']:,}",
        )
    table.add_section()
    for vital_class in CLASSES:
        table.add_row(
            vital_class, "(all)", "", f"{summary['classes'][vital_class]:,}", "", style="bold"
        )
    console.print(table)
    console.print(
        f"{summary['occupations']:,} occupations, {summary['exceptions']:,} exceptions",
        highlight=False,
    )


def _print_examples(examples: list[ExampleResult]) -> None:
    table = Table(title="Examples: occupations whose class the sources settle")
    table.add_column("occupation", no_wrap=True)
    table.add_column("ESCO code", no_wrap=True)
    table.add_column("class", no_wrap=True)
    table.add_column("group", no_wrap=True)
    table.add_column("from")
    for result in examples:
        table.add_row(
            result.label,
            result.code,
            result.vitality.vital_class,
            result.vitality.group,
            result.example.note,
        )
    console.print(table)
