"""Caseload CSV import: every row checked first, then all clients created in one go, or none.

The file is the form a coordinator fills in: one header row with the Dutch column names of
:data:`COLUMNS`, then one client per row. UTF-8 with or without a byte-order mark; the
delimiter (``;`` as Dutch spreadsheets write it, or ``,``) is read from the header row.
Closed lists accept the code or the label (English or Dutch), in any case. Problems are
reported as (row, column, message) with the row number a spreadsheet shows (header = 1).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers import knowledge
from koers.taxonomy.sectors import SECTORS
from koers.taxonomy.snapshot import SnapshotError
from koers.web.accounts.models import User
from koers.web.accounts.permissions import can_work_with_clients
from koers.web.accounts.queries import coaches_of
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients.actions import create_client, create_traject
from koers.web.clients.choices import (
    CallTime,
    Channel,
    ContractType,
    DigitalSkills,
    EducationLevel,
    QuestionType,
    Situation,
    SupportReason,
    Urgency,
)
from koers.web.clients.inputs import as_client_values, as_traject_values
from koers.web.clients.models import Client, Opdrachtgever, Traject
from koers.web.common.bsn import bsn_message, contains_bsn
from koers.web.common.csv_files import (
    HEADER_ROW,
    Problem,
    choice_lookup,
    filled_rows,
    read_header,
    read_records,
    rows_after_header,
)

MAX_ROWS = 5000
LIST_SEPARATORS = re.compile(r"[;,|]")
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")

# Dutch words a coordinator types for lists whose codes are English.
ALIASES: dict[type[models.TextChoices], dict[str, str]] = {
    Urgency: {"hoog": "high", "gemiddeld": "medium", "middel": "medium", "laag": "low"},
    QuestionType: {
        "kort": "short",
        "korte termijn": "short",
        "lang": "long",
        "lange termijn": "long",
    },
}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the template: its header, where it goes, and how to fill it in."""

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


COLUMNS: tuple[Column, ...] = (
    Column(
        "voornaam", "first_name", gettext_lazy("First name."), required=True, example="Voorbeeld"
    ),
    Column("achternaam", "last_name", gettext_lazy("Last name, with prefixes."), example="Cliënt"),
    Column("email", "email", gettext_lazy("E-mail address."), example="naam@example.org"),
    Column("telefoon", "phone", gettext_lazy("Phone number."), example=""),
    Column(
        "belmomenten",
        "call_times",
        gettext_lazy("Best times to call, separated by ;"),
        choices=CallTime,
        many=True,
        example="ochtend;avond",
    ),
    Column(
        "belmomenten_toelichting",
        "call_times_note",
        gettext_lazy("Note about calling, for example 'not on Wednesdays'."),
    ),
    Column("taal", "language", gettext_lazy("Preferred language (default nl)."), example="nl"),
    Column("werkgever", "employer", gettext_lazy("Current or last employer.")),
    Column(
        "sector",
        "sector",
        gettext_lazy("Sector of the work: a NACE section letter, A to U."),
        example="G",
    ),
    Column(
        "contract", "contract_type", gettext_lazy("Contract."), choices=ContractType, example="vast"
    ),
    Column("opleiding", "education_level", gettext_lazy("Education."), choices=EducationLevel),
    Column(
        "beroep",
        "occupation_uri",
        gettext_lazy("Current occupation: an ESCO occupation URI."),
    ),
    Column(
        "situatie",
        "situation",
        gettext_lazy("Situation."),
        required=True,
        choices=Situation,
        example="at_risk",
    ),
    Column(
        "vraag", "question_type", gettext_lazy("Question (default short)."), choices=QuestionType
    ),
    Column(
        "urgentie",
        "urgency",
        gettext_lazy("Urgency (default medium)."),
        choices=Urgency,
        example="medium",
    ),
    Column(
        "kanaal", "channel", gettext_lazy("Preferred channel (default telefoon)."), choices=Channel
    ),
    Column(
        "digitale_vaardigheden",
        "digital_skills",
        gettext_lazy("Digital skills."),
        choices=DigitalSkills,
    ),
    Column(
        "redenen_extra_steun",
        "support_reasons",
        gettext_lazy("Reasons for extra support, separated by ;"),
        choices=SupportReason,
        many=True,
    ),
    Column("notities", "notes", gettext_lazy("Notes.")),
    Column(
        "opdrachtgever",
        "opdrachtgever",
        gettext_lazy("Commissioning party, by its name in Koers: creates a traject."),
    ),
    Column(
        "traject_start",
        "starts",
        gettext_lazy("Start of the traject (YYYY-MM-DD or DD-MM-YYYY); needed with opdrachtgever."),
    ),
    Column("ordernummer", "order_number", gettext_lazy("Order number of the traject.")),
)
BY_HEADER = {column.header: column for column in COLUMNS}
TRAJECT_COLUMNS = frozenset({"opdrachtgever", "traject_start", "ordernummer"})
# The columns that may hold several lines (tabs and line breaks).
MULTILINE = frozenset({"notities"})


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


class CaseloadError(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the caseload file")
        self.problems = list(problems)


def assignable_coaches(user: User) -> QuerySet[User]:
    """Whose caseload ``user`` may import into: a coach their own, a team lead the team's."""
    if not can_work_with_clients(user):
        return User.objects.none()
    if user.is_teamlead:
        return coaches_of(user.led_team_id) | User.objects.filter(pk=user.pk)
    return User.objects.filter(pk=user.pk)


def template_csv() -> str:
    """The header row and one example row (no real personal data), ``;``-separated."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    writer.writerow([column.example for column in COLUMNS])
    return out.getvalue()


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

    def __init__(self) -> None:
        self.lookups = {
            column.header: choice_lookup(column.choices, ALIASES.get(column.choices))
            for column in COLUMNS
            if column.choices
        }
        self.sectors = {sector.letter for sector in SECTORS}
        self.opdrachtgevers = {o.name.casefold(): o for o in Opdrachtgever.objects.all()}
        self._occupations: set[str] | None = None
        self.problems: list[Problem] = []

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
    records = read_records(data, result.problems)
    if records is None:
        return result
    header_cells = [cell.strip() for cell in records[0]]
    headers, _written = read_header(
        header_cells,
        {header: header for header in BY_HEADER},
        result.problems,
        required={column.header for column in COLUMNS if column.required},
    )
    result.headers = [header for header in headers if header]
    if result.problems:
        return result
    data_rows = rows_after_header(
        records,
        result.problems,
        limit=MAX_ROWS,
        too_many=_("At most %(max)d clients per file; this file has %(count)d rows."),
    )
    if data_rows is None:
        return result
    checker = _Checker()
    for number, values in filled_rows(
        data_rows, headers, checker.problems, multiline=MULTILINE, written=header_cells
    ):
        row = checker.check(number, values)
        if row is not None:
            result.rows.append(row)
    result.problems = checker.problems
    if not result.rows and not result.problems:
        result.problems.append(Problem(HEADER_ROW + 1, "", _("The file has no clients in it.")))
    return result


def _name_key(first_name: str, last_name: str) -> str:
    """A name as people match it: without accents, case or extra spaces."""
    text = unicodedata.normalize("NFKD", f"{first_name} {last_name}")
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _phone_key(phone: str) -> str:
    """The digits of a Dutch phone number, +31 and 0031 written as 0 ('' if too short)."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+") and digits.startswith("31"):
        digits = "0" + digits[2:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    return digits if len(digits) >= 6 else ""


def _person_keys(values: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """What makes two clients likely the same person: the same name and phone, or name and
    e-mail address (a name alone is shared by too many people)."""
    name = _name_key(values.get("first_name", ""), values.get("last_name", ""))
    phone = _phone_key(values.get("phone", ""))
    email = values.get("email", "").strip().casefold()
    return [(name, what, key) for what, key in (("phone", phone), ("email", email)) if key]


def likely_duplicates(rows: Sequence[CaseloadRow], existing: QuerySet[Client]) -> list[Problem]:
    """Rows that are likely the same person as an earlier row or a client in ``existing``."""
    means = {"phone": _("phone number"), "email": _("e-mail address")}
    known: dict[tuple[str, str, str], int] = {}
    for pk, first_name, last_name, phone, email in existing.values_list(
        "pk", "first_name", "last_name", "phone", "email"
    ).order_by("pk"):
        values = {"first_name": first_name, "last_name": last_name, "phone": phone, "email": email}
        for key in _person_keys(values):
            known.setdefault(key, pk)
    seen: dict[tuple[str, str, str], int] = {}
    problems = []
    for row in rows:
        keys = _person_keys(row.client)
        client = next(((key, known[key]) for key in keys if key in known), None)
        earlier = next(((key, seen[key]) for key in keys if key in seen), None)
        if client is not None:
            problems.append(
                Problem(
                    row.row,
                    "",
                    _(
                        "Likely already in the caseload as client %(number)d (same name and "
                        "%(what)s). If these are two people, allow duplicates."
                    )
                    % {"number": client[1], "what": means[client[0][1]]},
                )
            )
        elif earlier is not None:
            problems.append(
                Problem(
                    row.row,
                    "",
                    _(
                        "Likely the same person as row %(row)d (same name and %(what)s). "
                        "If these are two people, allow duplicates."
                    )
                    % {"row": earlier[1], "what": means[earlier[0][1]]},
                )
            )
        for key in keys:
            seen.setdefault(key, row.row)
    return problems


@transaction.atomic
def import_caseload(
    *, by: User, coach: User, data: bytes, allow_duplicates: bool = False
) -> list[Client]:
    """Create every client of a checked file for ``coach``, or none (:class:`CaseloadError`).

    Likely duplicates, within the file or of a client already in the caseloads ``by`` imports
    into, are refused unless ``allow_duplicates``.
    """
    scope = assignable_coaches(by)
    if not scope.filter(pk=coach.pk).exists():
        raise PermissionDenied("this user may not import clients for this coach")
    caseload = read_caseload(data)
    if not caseload.ok:
        raise CaseloadError(caseload.problems)
    if not allow_duplicates:
        existing = Client.objects.filter(coach__in=scope, erased_at__isnull=True)
        duplicates = likely_duplicates(caseload.rows, existing)
        if duplicates:
            raise CaseloadError(duplicates)
    clients = _create(by=by, coach=coach, rows=caseload.rows)
    record(
        by=by,
        action=AuditAction.CLIENTS_IMPORTED,
        fields=(BY_HEADER[header].field for header in caseload.headers),
        detail=f"{len(clients)} clients for {coach.username}",
    )
    return clients


def _create(*, by: User, coach: User, rows: Iterable[CaseloadRow]) -> list[Client]:
    clients = []
    for row in rows:
        try:
            client = create_client(by=by, coach=coach, values=as_client_values(row.client))
            if row.traject is not None:
                create_traject(by=by, client=client, values=as_traject_values(row.traject))
        except ValidationError as error:
            # Checked above; only a change made meanwhile (a party renamed) gets here.
            raise CaseloadError(_problems_of(row.row, error)) from None
        clients.append(client)
    return clients


def _problems_of(row: int, error: ValidationError) -> list[Problem]:
    headers: dict[str, str] = {column.field: column.header for column in COLUMNS}
    if not hasattr(error, "error_dict"):
        return [Problem(row, "", message) for message in error.messages]
    return [
        Problem(row, headers.get(name, name), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]
