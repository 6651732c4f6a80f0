"""``koers training``: the course catalogue (Django is set up lazily)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from koers.cli.acting import active_user, read_upload, refuse_import
from koers.cli.django_setup import setup_django
from koers.cli.options import JsonOption
from koers.cli.output import console, fail, print_json

app = typer.Typer(help="Keep the training catalogue.", no_args_is_help=True)


@app.callback()
def training() -> None:
    """Keep the training catalogue."""


@app.command("import-courses")
def import_courses_command(
    file: Annotated[Path, typer.Argument(help="The course CSV (the template of the import page).")],
    as_user: Annotated[
        str,
        typer.Option("--as", help="Username of the admin or team lead doing this (audit trail)."),
    ],
    as_json: JsonOption = False,
) -> None:
    """Import courses from a CSV: all rows are checked first, then all are saved, or none.

    A course with the same title and provider as one in the catalogue is updated.
    Problems are printed as FILE:ROW:COLUMN: message (row 1 is the header row).

    Example: koers training import-courses courses.csv --as bram
    """
    setup_django()
    from django.core.exceptions import PermissionDenied
    from django.utils import translation

    from koers.web.audit.trail import channel
    from koers.web.training.csv_import import CourseImportError, import_courses

    by = active_user(as_user)
    data = read_upload(file)
    try:
        with translation.override("en"), channel("cli"):
            done = import_courses(by=by, data=data)
    except PermissionDenied:
        fail(f"{by.username} may not keep the course catalogue (admins and team leads may).")
    except CourseImportError as error:
        refuse_import(file, error.problems, as_json=as_json, what="no courses were saved.")
    counts = {
        "created": len(done.created),
        "updated": len(done.updated),
        "unchanged": len(done.unchanged),
    }
    if as_json:
        print_json(
            {
                "ok": True,
                "file": str(file),
                **counts,
                "courses": [course.pk for course in done.created + done.updated],
            }
        )
        return
    console.print(
        "Courses imported: {created} added, {updated} changed, {unchanged} the same.".format(
            **counts
        ),
        highlight=False,
    )
