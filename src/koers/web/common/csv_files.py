"""Reading spreadsheet uploads (CSV): any encoding and delimiter we accept, the header
checked against the known columns, each problem with its row and column."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
HEADER_ROW = 1


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an import template: its (Dutch) header, the field it fills, how to fill
    it in, and the closed list of values it takes, if any."""

    header: str
    field: str
    help: str | Promise
    required: bool = False
    choices: type[models.TextChoices] | None = None
    many: bool = False
    example: str = ""

    @property
    def allowed(self) -> list[str]:
        return [str(value) for value in self.choices.values] if self.choices else []


def template_csv(columns: Sequence[Column]) -> str:
    """The header row and one made-up example row, ``;``-separated."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    writer.writerow([column.example for column in columns])
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in the file: spreadsheet row (header = 1), column header, message."""

    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        return f"{self.row}:{self.column}: {self.message}"


def choice_lookup(
    choices: type[models.TextChoices], aliases: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Code, English label, Dutch label (lower case) and any ``aliases`` -> code."""
    table: dict[str, str] = {}
    for code, label in zip(choices.values, choices.labels, strict=True):
        table[str(code).lower()] = str(code)
        with translation.override("en"):
            table[str(label).lower()] = str(code)
        with translation.override("nl"):
            table[str(label).lower()] = str(code)
    table.update(aliases or {})
    return table


def _decode_csv(data: bytes) -> str | Problem:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        return Problem(
            row,
            "",
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."),
        )


def _delimiter_of(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=lambda delimiter: counts[delimiter])


def read_records(data: bytes, problems: list[Problem]) -> list[list[str]] | None:
    """The rows of a CSV upload (any encoding and delimiter we accept), or None with a problem."""
    text = _decode_csv(data)
    if isinstance(text, Problem):
        problems.append(text)
        return None
    if not text.strip():
        problems.append(Problem(HEADER_ROW, "", _("The file is empty.")))
        return None
    delimiter = _delimiter_of(text.splitlines()[0])
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        problems.append(Problem(HEADER_ROW, "", _("The file is not valid CSV: %s") % error))
        return None
    found = [char for cell in records[0] for char in control_characters(cell)]
    if found:
        problems.append(Problem(HEADER_ROW, "", _refused_message(found)))
        return None
    return records


def rows_after_header(
    records: list[list[str]], problems: list[Problem], *, limit: int, too_many: str
) -> list[list[str]] | None:
    """The rows below the header without trailing empty ones; None (a problem) above ``limit``.

    ``too_many`` is a message with %(max)d and %(count)d.
    """
    rows = records[1:]
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if len(rows) > limit:
        problems.append(
            Problem(HEADER_ROW + limit + 1, "", too_many % {"max": limit, "count": len(rows)})
        )
        return None
    return rows


def control_characters(text: str, *, multiline: bool = False) -> list[str]:
    """The control characters in ``text`` that no field may hold, as "U+0000".

    NUL cannot be stored in PostgreSQL at all, and the others (escape, backspace, form feed)
    are never meant; tab and line breaks only belong in a field that holds several lines.
    """
    allowed = "\t\n\r" if multiline else ""
    return list(
        dict.fromkeys(
            f"U+{ord(char):04X}"
            for char in text
            if unicodedata.category(char) == "Cc" and char not in allowed
        )
    )


def _refused_message(found: list[str]) -> str:
    return _("Remove the control character %(characters)s: it cannot be stored.") % {
        "characters": ", ".join(dict.fromkeys(found))
    }


def filled_rows(
    rows: list[list[str]],
    names: Sequence[str],
    problems: list[Problem],
    *,
    multiline: Collection[str] = frozenset(),
    written: Sequence[str] = (),
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row that has something in it, as its row number and {name: cell} (cells under
    an empty name left out); a row with cells filled beyond the header goes to ``problems``,
    and so does one with a control character in a cell (only the ``multiline`` names may hold
    tabs and line breaks). ``written`` is the header row as the file has it, for the messages.
    """
    for number, cells in enumerate(rows, start=HEADER_ROW + 1):
        if not any(cell.strip() for cell in cells):
            continue
        if any(cell.strip() for cell in cells[len(names) :]):
            problems.append(
                Problem(
                    number,
                    "",
                    _("This row has %(count)d cells, the header %(columns)d.")
                    % {"count": len(cells), "columns": len(names)},
                )
            )
            continue
        refused = [
            Problem(
                number,
                (written[index].strip() if index < len(written) else name)[:40],
                _refused_message(found),
            )
            for index, (name, cell) in enumerate(zip(names, cells, strict=False))
            if name and (found := control_characters(cell, multiline=name in multiline))
        ]
        if refused:
            problems.extend(refused)
            continue
        yield number, {name: cell.strip() for name, cell in zip(names, cells, strict=False) if name}


def read_header(
    cells: Sequence[str],
    columns: Mapping[str, str],
    problems: list[Problem],
    *,
    required: Collection[str],
    aliases: Mapping[str, str] | None = None,
) -> tuple[list[str], dict[str, str]]:
    """The name of each column ('' for an empty or unknown one) and, per name, its header as
    the file writes it. ``columns`` maps each header to its name, ``aliases`` other accepted
    spellings (both lower case, ``_`` for a space); unknown, repeated and missing ``required``
    columns go to ``problems``."""
    known = {**columns, **(aliases or {})}
    names: list[str] = []
    written: dict[str, str] = {}
    for cell in cells:
        text = cell.strip()
        name = known.get(text.casefold().replace(" ", "_"))
        if not text:
            names.append("")
            continue
        if name is None:
            problems.append(
                Problem(
                    HEADER_ROW,
                    text[:40],
                    _("Unknown column “%(name)s”. The columns are: %(columns)s.")
                    % {"name": text[:40], "columns": ", ".join(columns)},
                )
            )
            names.append("")
            continue
        if name in written:
            problems.append(Problem(HEADER_ROW, text[:40], _("This column appears twice.")))
        written[name] = text[:40]
        names.append(name)
    for header, name in columns.items():
        if name in required and name not in written:
            problems.append(
                Problem(
                    HEADER_ROW,
                    header,
                    _("The file needs a column “%(name)s”.") % {"name": header},
                )
            )
    return names, written


@dataclass(frozen=True, slots=True)
class Table:
    """An upload read as far as its rows: the name of each column, each name's header as the
    file writes it, and the filled rows (number, {name: cell}) as they are read."""

    names: list[str]
    written: dict[str, str]
    rows: Iterator[tuple[int, dict[str, str]]]


def read_table(
    data: bytes,
    problems: list[Problem],
    *,
    columns: Mapping[str, str],
    required: Collection[str],
    limit: int,
    too_many: str,
    multiline: Collection[str] = frozenset(),
    aliases: Mapping[str, str] | None = None,
) -> Table | None:
    """An upload's header checked and its rows ready to read (``read_header``, ``filled_rows``);
    None when the file, its header or its length is wrong (``problems`` says why). Problems in
    a row go to ``problems`` as the rows are read, in row order with the caller's own."""
    records = read_records(data, problems)
    if records is None:
        return None
    cells = [cell.strip() for cell in records[0]]
    names, written = read_header(cells, columns, problems, required=required, aliases=aliases)
    if problems:
        return None
    rows = rows_after_header(records, problems, limit=limit, too_many=too_many)
    if rows is None:
        return None
    return Table(
        names, written, filled_rows(rows, names, problems, multiline=multiline, written=cells)
    )


def problems_of(row: int, error: ValidationError, headers: Mapping[str, str]) -> list[Problem]:
    """A model's ValidationError on one row as problems, each under the column (``headers``:
    field name -> header as written) of its field."""
    if not hasattr(error, "error_dict"):
        return [Problem(row, "", message) for message in error.messages]
    return [
        Problem(row, headers.get(name, name), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]
