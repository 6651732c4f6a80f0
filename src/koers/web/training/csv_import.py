"""Course CSV import: every row checked first, then all courses saved in one go, or none.

One header row with the column names of :data:`COLUMNS` (the Dutch names of the template, or
the English field names), then one course per row; UTF-8, ``;`` or ``,`` separated, as the
caseload import reads it. A course with the same title and provider as one in the catalogue
(in any case) updates that course: the columns in the file replace its values, columns left
out stay as they are. Problems are (row, column, message), the header being row 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.web.accounts.models import User
from koers.web.accounts.permissions import can_keep_catalogue
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.common import csv_files
from koers.web.common.bsn import bsn_message, contains_bsn
from koers.web.common.csv_files import (
    HEADER_ROW,
    Column,
    Problem,
    choice_lookup,
    problems_of,
    read_table,
)
from koers.web.training.actions import save_course
from koers.web.training.choices import CourseForm
from koers.web.training.forms.catalogue import EscoSkills
from koers.web.training.models import Course

MAX_ROWS = 2000
SKILL_SEPARATORS = re.compile(r"[|;]")
PRICE_DIGITS = 9
PRICE_PLACES = 2


COLUMNS: tuple[Column, ...] = (
    Column(
        "titel",
        "title",
        gettext_lazy("Title of the course."),
        required=True,
        example="Samenwerken in de zorg",
    ),
    Column(
        "aanbieder",
        "provider",
        gettext_lazy("Who gives the course; with the title it names the course."),
        required=True,
        example="Voorbeeld Opleidingen",
    ),
    Column(
        "prijs", "price", gettext_lazy("Price in euros, like 1250 or 1250,50."), example="450,00"
    ),
    Column("duur", "duration", gettext_lazy("Duration, in words."), example="6 weken"),
    Column(
        "vorm", "form", gettext_lazy("Form of the course."), choices=CourseForm, example="online"
    ),
    Column(
        "vaardigheden",
        "skills",
        gettext_lazy("ESCO skill or skill-group URIs the course teaches, separated by |"),
        example="http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0",
    ),
    Column("link", "link", gettext_lazy("Web page of the course."), example="https://example.org"),
    Column("omschrijving", "description", gettext_lazy("Short description.")),
)
BY_NAME = {name: column for column in COLUMNS for name in (column.header, column.field)}


@dataclass(frozen=True, slots=True)
class CourseRow:
    row: int
    values: dict[str, Any]

    @property
    def key(self) -> tuple[str, str]:
        return _key(self.values["title"], self.values["provider"])


@dataclass(slots=True)
class CourseFile:
    rows: list[CourseRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    """Course field -> the column's name as the file writes it."""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class CourseImport:
    created: list[Course]
    updated: list[Course]
    unchanged: list[Course]


class CourseImportError(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the course file")
        self.problems = list(problems)


def template_csv() -> str:
    """The header row and one made-up example row, ``;``-separated."""
    return csv_files.template_csv(COLUMNS)


def _key(title: str, provider: str) -> tuple[str, str]:
    return title.casefold(), provider.casefold()


def _parse_price(text: str) -> Decimal | None:
    """1250, 1250.50, 1250,50, € 1.250,50; None unless it is euros and cents that fit."""
    cleaned = text.replace("€", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        price = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not price.is_finite():
        return None
    exponent = price.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -PRICE_PLACES:
        return None
    if abs(price) >= 10 ** (PRICE_DIGITS - PRICE_PLACES):
        return None
    return price


class _Checker:
    """Turns one row of text into course values, collecting every problem on the way."""

    def __init__(self, headers: Mapping[str, str], problems: list[Problem]) -> None:
        self.headers = headers
        self.forms = choice_lookup(CourseForm)
        self.esco = EscoSkills()
        self.seen: dict[tuple[str, str], int] = {}
        self.problems = problems

    def problem(self, row: int, name: str, message: str) -> None:
        self.problems.append(Problem(row, self.headers.get(name, name), message))

    def check(self, row: int, cells: Mapping[str, str]) -> CourseRow | None:
        before = len(self.problems)
        values: dict[str, Any] = {}
        for name, text in cells.items():
            if contains_bsn(text):
                self.problem(row, name, bsn_message())
            elif not text and BY_NAME[name].required:
                self.problem(row, name, _("This column is required."))
            else:
                values[name] = self.value(row, name, text)
        for column in COLUMNS:
            if column.required and column.field not in cells:
                self.problem(row, column.field, _("This column is required."))
        if len(self.problems) > before:
            return None
        self.full_clean(row, values)
        if len(self.problems) > before:
            return None
        checked = CourseRow(row, values)
        if checked.key in self.seen:
            self.problem(
                row,
                "title",
                _("This course (title and provider) is on row %(row)d too.")
                % {"row": self.seen[checked.key]},
            )
            return None
        self.seen[checked.key] = row
        return checked

    def value(self, row: int, name: str, text: str) -> Any:
        if name == "price":
            if not text:
                return None
            price = _parse_price(text)
            if price is None:
                self.problem(
                    row,
                    name,
                    _("“%(value)s” is not a price; write it like 1250 or 1250,50.")
                    % {"value": text[:40]},
                )
            elif price < 0:
                self.problem(row, name, _("A price cannot be negative."))
            return price
        if name == "form":
            return self.course_form(row, text) if text else ""
        if name == "skills":
            return self.skills(row, text)
        return text

    def course_form(self, row: int, text: str) -> str | None:
        folded = text.casefold().strip()
        code = self.forms.get(folded) or self.forms.get(folded.replace(" ", "_"))
        if code is None:
            self.problem(
                row,
                "form",
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": text[:40], "allowed": ", ".join(CourseForm.values)},
            )
        return code

    def skills(self, row: int, text: str) -> list[str]:
        uris = list(dict.fromkeys(part.strip() for part in SKILL_SEPARATORS.split(text)))
        uris = [uri for uri in uris if uri]
        if uris and not self.esco.available:
            self.problem(
                row,
                "skills",
                _("The ESCO knowledge base is not imported, so skills cannot be checked."),
            )
        else:
            for uri in uris:
                if not self.esco.known(uri):
                    self.problem(
                        row,
                        "skills",
                        _("“%(value)s” is not an ESCO skill or skill group in the knowledge base.")
                        % {"value": uri[:100]},
                    )
        return uris

    def full_clean(self, row: int, values: Mapping[str, Any]) -> None:
        """The model's own rules (lengths, the link), for what the checks above do not cover."""
        try:
            Course(**values).full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for problem in problems_of(row, error, self.headers):
                self.problems.append(problem)


def read_courses(data: bytes) -> CourseFile:
    """Check a course file without writing anything; every problem is in ``.problems``."""
    result = CourseFile()
    table = read_table(
        data,
        result.problems,
        columns={column.header: column.field for column in COLUMNS},
        required={column.field for column in COLUMNS if column.required},
        aliases={column.field: column.field for column in COLUMNS},
        limit=MAX_ROWS,
        too_many=_("At most %(max)d courses per file; this file has %(count)d rows."),
        multiline={"description"},
    )
    if table is None:
        return result
    result.headers = table.written
    checker = _Checker(result.headers, result.problems)
    for number, values in table.rows:
        row = checker.check(number, values)
        if row is not None:
            result.rows.append(row)
    if not result.rows and not result.problems:
        result.problems.append(Problem(HEADER_ROW + 1, "", _("The file has no courses in it.")))
    return result


@transaction.atomic
def import_courses(*, by: User, data: bytes) -> CourseImport:
    """Save every course of a checked file, or none (:class:`CourseImportError`)."""
    if not can_keep_catalogue(by):
        raise PermissionDenied("this user may not keep the course catalogue")
    checked = read_courses(data)
    if not checked.ok:
        raise CourseImportError(checked.problems)
    catalogue = {_key(course.title, course.provider): course for course in Course.objects.all()}
    done = CourseImport(created=[], updated=[], unchanged=[])
    for row in checked.rows:
        course = catalogue.get(row.key)
        if course is None:
            course, kept = Course(), done.created
        elif any(getattr(course, name) != value for name, value in row.values.items()):
            kept = done.updated
        else:
            done.unchanged.append(course)
            continue
        for name, value in row.values.items():
            setattr(course, name, value)
        try:
            kept.append(save_course(by=by, course=course))
        except ValidationError as error:
            # Checked above; only a change made meanwhile gets here.
            raise CourseImportError(problems_of(row.row, error, checked.headers)) from None
    record(
        by=by,
        action=AuditAction.COURSES_IMPORTED,
        fields=list(checked.headers),
        detail=f"{len(done.created)} created, {len(done.updated)} updated, "
        f"{len(done.unchanged)} unchanged",
    )
    return done
