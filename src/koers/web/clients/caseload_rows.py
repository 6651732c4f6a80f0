"""Reading a caseload file: every row checked into client and traject values, every problem
collected as (row, column, message), nothing written."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext as _

from koers import knowledge
from koers.taxonomy.sectors import SECTORS
from koers.taxonomy.snapshot import SnapshotError
from koers.web.clients.caseload_columns import (
    ALIASES,
    BY_HEADER,
    COLUMNS,
    MULTILINE,
    TRAJECT_COLUMNS,
)
from koers.web.clients.models import Client, Opdrachtgever, Traject
from koers.web.common.bsn import bsn_message, contains_bsn
from koers.web.common.csv_files import (
    HEADER_ROW,
    Column,
    Problem,
    choice_lookup,
    read_table,
)

MAX_ROWS = 5000
LIST_SEPARATORS = re.compile(r"[;,|]")
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    """One checked row: the values for ``create_client`` and, if any, ``create_traject``."""

    row: int
    client: dict[str, Any]
    traject: dict[str, Any] | None = None


@dataclass(slots=True)
class CaseloadFile:
    rows: list[CaseloadRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _max_length(name: str) -> int | None:
    model = Traject if name == "order_number" else Client
    model_field = model._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    max_length: int | None = model_field.max_length
    return max_length


def _parse_date(text: str) -> datetime.date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    return None


class _Checker:
    """Turns one row of text into values, collecting every problem on the way."""

    def __init__(self, problems: list[Problem]) -> None:
        self.lookups = {
            column.header: choice_lookup(column.choices, ALIASES.get(column.choices))
            for column in COLUMNS
            if column.choices
        }
        self.sectors = {sector.letter for sector in SECTORS}
        self.opdrachtgevers = {o.name.casefold(): o for o in Opdrachtgever.objects.all()}
        self._occupations: set[str] | None = None
        self.problems = problems

    def occupations(self) -> set[str] | None:
        if self._occupations is None:
            try:
                self._occupations = set(knowledge.taxonomy().occupation_index)
            except (SnapshotError, FileNotFoundError, OSError):
                return None
        return self._occupations

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(row, column, message))

    def choice(self, row: int, column: Column, text: str) -> str | None:
        code = self.lookups[column.header].get(text.casefold().strip())
        if code is None:
            self.problem(
                row,
                column.header,
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": text[:40], "allowed": ", ".join(column.allowed)},
            )
        return code

    def check(self, row: int, cells: Mapping[str, str]) -> CaseloadRow | None:
        before = len(self.problems)
        client: dict[str, Any] = {}
        for header, text in cells.items():
            column = BY_HEADER[header]
            if contains_bsn(text):
                self.problem(row, header, bsn_message())
                continue
            if not text:
                if column.required:
                    self.problem(row, header, _("This column is required."))
                continue
            if header in TRAJECT_COLUMNS:
                continue
            value = self.value(row, column, text)
            if value is not None:
                client[column.field] = value
        for column in COLUMNS:
            if column.required and column.header not in cells:
                self.problem(row, column.header, _("This column is required."))
        traject = self.traject(row, cells)
        if len(self.problems) > before:
            return None
        before = len(self.problems)
        self.full_clean(row, client)
        if len(self.problems) > before:
            return None
        return CaseloadRow(row=row, client=client, traject=traject)

    def value(self, row: int, column: Column, text: str) -> Any:
        header = column.header
        if column.many:
            codes = [self.choice(row, column, part) for part in LIST_SEPARATORS.split(text)]
            if None in codes:
                return None
            return list(dict.fromkeys(code for code in codes if code))
        if column.choices is not None:
            return self.choice(row, column, text)
        max_length = _max_length(column.field)
        if max_length is not None and len(text) > max_length:
            self.problem(
                row,
                header,
                _("At most %(max)d characters; this has %(count)d.")
                % {"max": max_length, "count": len(text)},
            )
            return None
        if column.field == "email":
            try:
                validate_email(text)
            except ValidationError:
                self.problem(
                    row, header, _("“%(value)s” is not an e-mail address.") % {"value": text[:60]}
                )
                return None
        if column.field == "sector":
            letter = text.upper()
            if letter not in self.sectors:
                self.problem(row, header, _("Give the sector as one letter, A to U."))
                return None
            return letter
        if column.field == "occupation_uri":
            return self.occupation(row, header, text)
        return text

    def occupation(self, row: int, header: str, text: str) -> str | None:
        known = self.occupations()
        if known is None:
            self.problem(
                row,
                header,
                _("The ESCO knowledge base is not imported, so occupations cannot be checked."),
            )
            return None
        if text not in known:
            self.problem(
                row,
                header,
                _("“%(value)s” is not an ESCO occupation URI in the knowledge base.")
                % {"value": text[:80]},
            )
            return None
        return text

    def traject(self, row: int, cells: Mapping[str, str]) -> dict[str, Any] | None:
        name = cells.get("opdrachtgever", "")
        start = cells.get("traject_start", "")
        order_number = cells.get("ordernummer", "")
        if not (name or start or order_number):
            return None
        values: dict[str, Any] = {}
        if not name:
            self.problem(row, "opdrachtgever", _("Name the commissioning party of the traject."))
        elif contains_bsn(name):
            pass
        elif name.casefold() not in self.opdrachtgevers:
            self.problem(
                row,
                "opdrachtgever",
                _("No commissioning party named “%(value)s” in Koers.") % {"value": name[:60]},
            )
        else:
            values["opdrachtgever"] = self.opdrachtgevers[name.casefold()]
        if not start:
            self.problem(row, "traject_start", _("Give the start date of the traject."))
        elif not contains_bsn(start):
            starts = _parse_date(start)
            if starts is None:
                self.problem(row, "traject_start", _("Write the date as YYYY-MM-DD or DD-MM-YYYY."))
            else:
                values["starts"] = starts
        if order_number and not contains_bsn(order_number):
            max_length = _max_length("order_number") or 0
            if len(order_number) > max_length:
                self.problem(
                    row,
                    "ordernummer",
                    _("At most %(max)d characters; this has %(count)d.")
                    % {"max": max_length, "count": len(order_number)},
                )
            else:
                values["order_number"] = order_number
        return values

    def full_clean(self, row: int, values: Mapping[str, Any]) -> None:
        """The model's own rules, for anything the checks above do not cover."""
        try:
            Client(**values).full_clean(exclude=["coach"], validate_unique=False)
        except ValidationError as error:
            headers = {column.field: column.header for column in COLUMNS}
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.problem(row, headers.get(name, ""), message)


def read_caseload(data: bytes) -> CaseloadFile:
    """Check a caseload file without writing anything; every problem is in ``.problems``."""
    result = CaseloadFile()
    table = read_table(
        data,
        result.problems,
        columns={header: header for header in BY_HEADER},
        required={column.header for column in COLUMNS if column.required},
        limit=MAX_ROWS,
        too_many=_("At most %(max)d clients per file; this file has %(count)d rows."),
        multiline=MULTILINE,
    )
    if table is None:
        return result
    result.headers = [header for header in table.names if header]
    checker = _Checker(result.problems)
    for number, values in table.rows:
        row = checker.check(number, values)
        if row is not None:
            result.rows.append(row)
    if not result.rows and not result.problems:
        result.problems.append(Problem(HEADER_ROW + 1, "", _("The file has no clients in it.")))
    return result
