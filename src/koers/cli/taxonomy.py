"""``koers taxonomy import | info``: build the knowledge base from ESCO CSV downloads."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from koers import config
from koers import knowledge as shared_knowledge
from koers.cli import knowledge
from koers.cli.options import JsonOption
from koers.cli.output import console, err_console, fail, print_json
from koers.taxonomy import (
    EscoImportError,
    ImportMessage,
    ImportReport,
    import_esco,
)
from koers.taxonomy.npz_file import WriteError
from koers.taxonomy.onet import attach_onet

app = typer.Typer(
    help="The ESCO knowledge base: import it, see what is in it.", no_args_is_help=True
)

EXAMPLES_PER_KIND = 3


@app.command("import")
def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="ESCO CSV downloads: zip files or folders, in any mix."),
    ],
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    onet: Annotated[
        list[Path] | None,
        typer.Option(
            help="O*NET folders or files (Skills, Knowledge, Job Zones, Tasks to DWAs) and the "
            "ESCO → O*NET-SOC crosswalk CSV; repeat for more. Default: KOERS_ONET_DIR.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Import official ESCO CSV downloads into the knowledge base, atomically.

    The package set that holds occupationSkillRelations is the base; other packages add
    labels in their languages. On any error the previous knowledge base stays as it was.

    With --onet, O*NET ratings, job zones and work activities are mapped onto the ESCO
    occupations through the crosswalk and stored too (for the transition engine).

    Example: koers taxonomy import esco-en.zip esco-relations.zip esco-nl/ --onet onet/
    """
    onet_paths = onet or config.onet_paths()
    try:
        taxonomy, report = _run_import(paths, quiet=as_json)
        if onet_paths:
            taxonomy, onet_report = attach_onet(taxonomy, onet_paths)
            report.warnings += onet_report.warnings
            report.notices += onet_report.notices
    except EscoImportError as exc:
        _report_failure(exc.report, as_json)
    if strict and report.warnings:
        for warning in report.warnings:
            report.error(warning.file, warning.row, warning.column, warning.message, warning.kind)
        _report_failure(report, as_json)
    try:
        # The search index and transition features are built now, so that the first search or
        # ranking after an import is fast; all files become current together.
        target = shared_knowledge.save(taxonomy)
    except WriteError as exc:
        report.error(str(exc.path), 0, "", str(exc), "write")
        if as_json:
            print_json(_result(False, None, report))
            raise typer.Exit(1) from None
        fail(f"{exc}; the previous knowledge base is unchanged.")
    info = taxonomy.info()
    if as_json:
        print_json(_result(True, info, report))
        return
    _print_messages(report)
    _print_info(info)
    console.print(f"[green]Saved the knowledge base to[/] {target}")


def _run_import(paths: list[Path], *, quiet: bool) -> tuple[Any, ImportReport]:
    if quiet or not err_console.is_terminal:
        return import_esco(paths)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("Reading ESCO", total=None)

        def on_progress(label: str, done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, description=label[-50:])

        return import_esco(paths, on_progress=on_progress)


def _result(ok: bool, info: dict[str, Any] | None, report: ImportReport) -> dict[str, Any]:
    return {
        "ok": ok,
        "counts": info,
        "warnings": [w.as_dict() for w in report.warnings],
        "errors": [e.as_dict() for e in report.errors],
        "notices": [n.as_dict() for n in report.notices],
    }


def _report_failure(report: ImportReport, as_json: bool) -> NoReturn:
    """Every error and warning (as JSON if asked), then exit 1."""
    if as_json:
        print_json(_result(False, None, report))
        raise typer.Exit(1) from None
    _print_messages(report)
    fail(
        f"the import failed with {len(report.errors)} error(s); "
        "the previous knowledge base is unchanged."
    )


def _print_messages(report: ImportReport) -> None:
    for title, messages, style in (
        ("errors", report.errors, "red"),
        ("warnings", report.warnings, "yellow"),
    ):
        by_kind: dict[str, list[ImportMessage]] = defaultdict(list)
        for message in messages:
            by_kind[message.kind].append(message)
        for kind, group in sorted(by_kind.items()):
            err_console.print(f"[{style}]{len(group)} {title}: {kind}[/]", highlight=False)
            for message in group[:EXAMPLES_PER_KIND]:
                err_console.print(f"  {message}", highlight=False, markup=False)
            if len(group) > EXAMPLES_PER_KIND:
                err_console.print(f"  ... and {len(group) - EXAMPLES_PER_KIND} more")
    if report.notices:
        err_console.print(f"{len(report.notices)} notices:", style="dim")
        for notice in report.notices:
            err_console.print(f"  {notice}", style="dim", highlight=False, markup=False)


def _print_info(info: dict[str, Any]) -> None:
    table = Table(title="Koers knowledge base", show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    table.add_row("ESCO versions", ", ".join(info["versions"]))
    table.add_row("languages", ", ".join(info["languages"]))
    for key in (
        "occupations",
        "skills",
        "occupation_skill_relations",
        "skill_skill_relations",
        "isco_groups",
        "skill_groups",
    ):
        table.add_row(key.replace("_", " "), f"{info[key]:,}")
    table.add_row("O*NET", "yes" if info["onet"] else "no")
    for lang, counts in info["labels"].items():
        table.add_row(
            f"labels in {lang}",
            f"{counts['occupations']:,} occupations, {counts['skills']:,} skills",
        )
    console.print(table)


@app.command("info")
def info_command(as_json: JsonOption = False) -> None:
    """Show the versions, languages and counts of the knowledge base.

    Example: koers taxonomy info --json
    """
    info = knowledge.taxonomy().info()
    info["path"] = str(config.snapshot_path())
    if as_json:
        print_json(info)
    else:
        _print_info(info)
        console.print(f"[dim]{info['path']}[/]")
