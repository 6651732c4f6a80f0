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
    from koers.web.accounts.models import User
    from koers.web.reports.period import Period
    from koers.web.reports.tables import Section


class Format(enum.StrEnum):
    JSON = "json"
    CSV = "csv"
    PDF = "pdf"


def _csv(sections: list[Section]) -> str:
    """Every table of the report: its title, its header and rows, then an empty line."""
    from koers.web.common.csv_download import table_writer

    out = io.StringIO()
    writer = table_writer(out)
    for section in sections:
        for table in section.tables:
            writer.writerow([table.title])
            writer.writerows(table.csv_rows())
            writer.writerow([])
    return out.getvalue()


def _write(out: Path | None, content: str | bytes) -> None:
    """To ``out``, or to standard output without it."""
    if out is None:
        assert isinstance(content, str)
        typer.echo(content, nl=False)
        return
    try:
        if isinstance(content, bytes):
            out.write_bytes(content)
        else:
            out.write_text(content, encoding="utf-8")
    except OSError as error:
        fail(f"{out}: {error.strerror or error}")
    note(f"Wrote {out}.")


def _record_sent(by: User, opdrachtgever: int, period: Period, *, lang: str) -> bytes:
    """The party's report recorded as sent (the next version); its PDF, in ``lang``."""
    from django.utils import translation

    from koers.web.audit.trail import channel
    from koers.web.clients.models import Opdrachtgever
    from koers.web.reports.access import ScopeRefused
    from koers.web.reports.actions import record_sent_report

    party = Opdrachtgever.objects.filter(pk=opdrachtgever).first()
    if party is None:
        fail(f"there is no commissioning party with number {opdrachtgever}.", code=2)
    try:
        with channel("cli"), translation.override(lang):
            sent = record_sent_report(by=by, opdrachtgever=party, period=period)
    except ScopeRefused as refused:
        fail(str(refused))
    note(f"Recorded as sent: {sent.period}, version {sent.version}.")
    return bytes(sent.pdf)


def report_command(
    period: Annotated[
        str, typer.Option("--period", help="A month (2026-11) or a quarter (2026-Q4).")
    ],
    as_user: Annotated[
        str,
        typer.Option("--as", help="Username of the coach, team lead or admin asking."),
    ],
    team: Annotated[
        str, typer.Option("--team", help="One team's figures (admins; a team lead her own).")
    ] = "",
    opdrachtgever: Annotated[
        int | None,
        typer.Option(
            "--opdrachtgever", min=1, help="The report for this commissioning party (admins)."
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="json, csv or pdf.")] = Format.JSON,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="The file to write; standard output without it (not for pdf)."),
    ] = None,
    days: Annotated[
        int, typer.Option("--days", min=1, max=365, help="Not reached for this many days.")
    ] = 30,
    lang: LangOption = "nl",
    record: Annotated[
        bool,
        typer.Option(
            "--record", help="Record the PDF as sent to the --opdrachtgever (a new version)."
        ),
    ] = False,
) -> None:
    """Report on clients, reach, pauses, trajecten, budget, training and plans over a period.

    JSON has one key per section plus the period and the scope (for a commissioning party also
    the clients named with consent and the agreements); CSV has every table under its title,
    ";"-separated, in --lang; PDF is the printed page on A4.

    Example: koers report --period 2026-11 --team Noord --format csv --out noord.csv --as bram
    """
    if fmt == Format.PDF and out is None:
        fail("a PDF needs --out FILE.", code=2)
    if record and (fmt != Format.PDF or opdrachtgever is None):
        fail("--record needs --opdrachtgever ID and --format pdf.", code=2)
    setup_django()
    from django.utils import translation

    from koers.web.audit.trail import channel
    from koers.web.reports.access import (
        ScopeRefused,
        open_party_report,
        open_report,
        record_download,
    )
    from koers.web.reports.party import party_json
    from koers.web.reports.pdf import report_pdf
    from koers.web.reports.period import PeriodError, parse_period
    from koers.web.reports.report import as_json
    from koers.web.reports.tables import party_sections, report_sections, scope_title

    by = active_user(as_user)
    with translation.override("en"):
        try:
            asked = parse_period(period)
        except PeriodError as error:
            fail(str(error), code=2)
    if record:
        assert opdrachtgever is not None
        _write(out, _record_sent(by, opdrachtgever, asked, lang=lang))
        return
    with translation.override("en"):
        try:
            with channel("cli"):
                if opdrachtgever is None:
                    report = open_report(by, asked, team=team, not_reached_days=days)
                    party = None
                else:
                    party = open_party_report(by, asked, opdrachtgever, not_reached_days=days)
                    report = party.report
        except ScopeRefused as refused:
            fail(str(refused))
    with translation.override(lang):
        sections = report_sections(report) if party is None else party_sections(party)
        content: str | bytes
        if fmt == Format.JSON:
            data = as_json(report) if party is None else party_json(party)
            content = json.dumps(data, ensure_ascii=False) + "\n"
        elif fmt == Format.CSV:
            # A byte-order mark, as in the web's CSV: spreadsheet programs then read UTF-8.
            content = "\ufeff" + _csv(sections)
        else:
            content = report_pdf(title=scope_title(report), period=asked, sections=sections)
    _write(out, content)
    with channel("cli"):
        record_download(by, report, what=str(fmt))
