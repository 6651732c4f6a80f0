"""``koers report``: the figures of the report page as JSON or CSV (Django is set up lazily).

It acts as a named user (``--as``) and counts only what that user may see on the report page:
a coach her caseload, a team lead her team, an admin the organisation or one ``--team``.
"""

from __future__ import annotations

import enum
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from koers.cli.acting import active_user
from koers.cli.django_setup import setup_django
from koers.cli.options import LangOption
from koers.cli.output import fail, note

if TYPE_CHECKING:
    from koers.web.reports.report import Report


class Format(enum.StrEnum):
    JSON = "json"
    CSV = "csv"


def _csv(report: Report) -> str:
    """Every table of the report: its title, its header and rows, then an empty line."""
    from koers.web.common.csv_download import table_writer
    from koers.web.reports.tables import report_tables

    out = io.StringIO()
    writer = table_writer(out)
    for table in report_tables(report):
        writer.writerow([table.title])
        writer.writerows(table.csv_rows())
        writer.writerow([])
    return out.getvalue()


def report_command(
    period: Annotated[
        str, typer.Option("--period", help="A month (2026-11) or a quarter (2026-Q4).")
    ],
    as_user: Annotated[
        str,
        typer.Option(
            "--as", help="Username of the coach, team lead or admin asking (audit trail)."
        ),
    ],
    team: Annotated[
        str, typer.Option("--team", help="One team's figures (admins; a team lead her own).")
    ] = "",
    fmt: Annotated[Format, typer.Option("--format", help="json or csv.")] = Format.JSON,
    out: Annotated[
        Path | None, typer.Option("--out", help="The file to write; standard output without it.")
    ] = None,
    days: Annotated[
        int, typer.Option("--days", min=1, max=365, help="Not reached for this many days.")
    ] = 30,
    lang: LangOption = "nl",
) -> None:
    """Report on clients, reach, pauses, trajecten, budget, training and plans over a period.

    JSON has one key per section plus the period and the scope; CSV has every table, each
    under its title, ";"-separated, in --lang.

    Example: koers report --period 2026-11 --team Noord --format csv --out noord.csv --as bram
    """
    setup_django()
    from django.utils import translation

    from koers.web.audit.trail import channel
    from koers.web.reports.access import ScopeRefused, open_report, record_download
    from koers.web.reports.period import PeriodError, parse_period
    from koers.web.reports.report import as_json

    by = active_user(as_user)
    with translation.override("en"):
        try:
            asked = parse_period(period)
        except PeriodError as error:
            fail(str(error), code=2)
        try:
            with channel("cli"):
                report = open_report(by, asked, team=team, not_reached_days=days)
        except ScopeRefused as refused:
            fail(str(refused))
    with translation.override(lang):
        text = (
            _csv(report) if fmt == Format.CSV else json.dumps(as_json(report), ensure_ascii=False)
        )
    if out is None:
        typer.echo(text, nl=fmt == Format.JSON)
    else:
        try:
            out.write_text(text, encoding="utf-8-sig" if fmt == Format.CSV else "utf-8")
        except OSError as error:
            fail(f"{out}: {error.strerror or error}")
        note(f"Wrote {out} ({asked.code}, {fmt}).")
    with channel("cli"):
        record_download(by, report, what=str(fmt))
