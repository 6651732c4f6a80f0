"""A report as tables with words (in the active language): the page shows each with its chart,
the CSV download and ``koers report --format csv`` write them as they are."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import TextChoices
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from koers.web.clients.choices import (
    Channel,
    Outcome,
    PauseReason,
    Reporting,
    Situation,
    TrajectStatus,
    Urgency,
)
from koers.web.common.choice_labels import choice_label
from koers.web.common.csv_download import text_cell
from koers.web.reports.charts import Chart, bar_chart
from koers.web.reports.money import BudgetUse
from koers.web.reports.party import PartyReport
from koers.web.reports.queries import Attempts, Figure
from koers.web.reports.report import Report, shown_count
from koers.web.training.choices import ApplicationStatus

Number = int | Decimal


@dataclass(frozen=True, slots=True)
class Table:
    """One table of a report: a name for its file, a title, a header and rows of text; the
    chart draws column ``charted`` (the first column names the row)."""

    slug: str
    section: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    chart: Chart | None

    def csv_rows(self) -> list[list[str]]:
        """The header and the rows for a spreadsheet (names can never run as a formula)."""
        return [list(self.header), *([text_cell(row[0]), *row[1:]] for row in self.rows)]


def _shown(value: Number, *, hide: bool) -> str:
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2)
    return str(shown_count(value, hide=hide))


def _table(
    slug: str,
    section: str,
    title: str,
    header: list[str],
    rows: list[tuple[str, list[Number]]],
    *,
    hide: bool = False,
) -> Table:
    """The chart draws the first figure of each row; a hidden count gets no bar, only "< 5"."""
    text = tuple((label, *(_shown(value, hide=hide) for value in values)) for label, values in rows)
    points = []
    for label, values in rows:
        shown = _shown(values[0], hide=hide)
        points.append((label, Decimal(0) if shown.startswith("<") else Decimal(values[0]), shown))
    return Table(slug, section, title, tuple(header), text, bar_chart(points) if rows else None)


def _figures(
    figures: tuple[Figure, ...], choices: type[TextChoices]
) -> list[tuple[str, list[Number]]]:
    return [(choice_label(choices, f.key), [f.count]) for f in figures]


def _attempts(rows: tuple[Attempts, ...], label: dict[str, str]) -> list[tuple[str, list[Number]]]:
    return [(label.get(row.key, row.key), [row.tried, row.reached]) for row in rows]


def _budget_rows(rows: tuple[BudgetUse, ...], *, count: bool) -> list[tuple[str, list[Number]]]:
    return [
        (
            row.label,
            [
                row.hours_in_period,
                *([row.trajecten] if count else []),
                row.hours_to_date,
                row.budget_hours,
                row.euros_to_date,
                row.budget_euros,
            ],
        )
        for row in rows
    ]


def _when(report: Report, key: str) -> str:
    day = datetime.date.fromisoformat(key)
    if report.period.kind == "month":
        return _("week of %(day)s") % {"day": date_format(day, "MONTH_DAY_FORMAT")}
    return date_format(day, "F Y")


def report_tables(report: Report) -> list[Table]:
    hide = report.small_groups_hidden

    def table(*args: Any) -> Table:
        return _table(*args, hide=hide)

    clients, reach, pauses, trajecten = (
        report.clients,
        report.reach,
        report.pauses,
        report.trajecten,
    )
    channels = {code: str(label) for code, label in Channel.choices}
    budget_header = [
        _("Hours in the period"),
        _("Hours up to the end of the period"),
        _("Budget (hours)"),
        _("Worth of the hours (euros)"),
        _("Budget (euros)"),
    ]
    money = report.training.by_scheme
    tables = [
        table(
            "situation",
            "clients",
            _("Clients by situation, now"),
            [_("Situation"), _("Clients")],
            _figures(clients.by_situation, Situation),
        ),
        table(
            "urgency",
            "clients",
            _("Clients by urgency, now"),
            [_("Urgency"), _("Clients")],
            _figures(clients.by_urgency, Urgency),
        ),
        table(
            "moves",
            "clients",
            _("Changes of situation in the period, by new situation"),
            [_("Situation"), _("Changes")],
            _figures(clients.moved_to_situation, Situation),
        ),
        table(
            "urgency-moves",
            "clients",
            _("Changes of urgency in the period"),
            [_("Change of urgency"), _("Clients")],
            [
                (_("more urgent"), [clients.urgency_grew]),
                (_("less urgent"), [clients.urgency_fell]),
            ],
        ),
        table(
            "reach",
            "reach",
            _("Contacts with clients, by channel"),
            [_("Channel"), _("Tried"), _("Reached")],
            _attempts(reach.by_channel, channels),
        ),
        table(
            "reach-time",
            "reach",
            _("Contacts with clients, per week")
            if report.period.kind == "month"
            else _("Contacts with clients, per month"),
            [_("From"), _("Tried"), _("Reached")],
            [(_when(report, row.key), [row.tried, row.reached]) for row in reach.by_time],
        ),
        table(
            "rounds",
            "reach",
            _("Calling rounds: clients called in the period"),
            [_("Calling round"), _("Called"), _("Reached")],
            [(row.title, [row.called, row.reached]) for row in reach.by_round],
        ),
        table(
            "not-reached",
            "not_reached",
            _("Clients not reached for %(days)s days, by urgency")
            % {"days": report.not_reached.days},
            [_("Urgency"), _("Clients")],
            _figures(report.not_reached.by_urgency, Urgency),
        ),
        table(
            "pauses",
            "pauses",
            _("Pauses"),
            [_("Pauses"), _("How many")],
            [(_("started"), [pauses.started]), (_("ended"), [pauses.ended])],
        ),
        table(
            "pause-reasons",
            "pauses",
            _("Pauses started, by reason"),
            [_("Reason"), _("Pauses")],
            _figures(pauses.started_by_reason, PauseReason),
        ),
        table(
            "trajecten",
            "trajecten",
            _("Trajecten"),
            [_("Trajecten"), _("How many")],
            [
                (_("started"), [trajecten.started]),
                (_("closed"), [trajecten.closed]),
                (_("open at the end of the period"), [trajecten.open_at_end]),
            ],
        ),
        table(
            "outcomes",
            "trajecten",
            _("Trajecten closed, by outcome"),
            [_("Outcome"), _("Trajecten")],
            _figures(trajecten.closed_by_outcome, Outcome),
        ),
        table(
            "budget",
            "budget",
            _("Budget use per commissioning party"),
            [_("Commissioning party"), budget_header[0], _("Trajecten"), *budget_header[1:]],
            _budget_rows(report.budget.per_opdrachtgever, count=True),
        ),
        table(
            "budget-trajecten",
            "budget",
            _("Budget use per traject (most time in the period first)"),
            [_("Traject"), *budget_header],
            _budget_rows(report.budget.per_traject, count=False),
        ),
        table(
            "training",
            "training",
            _("Training applications, by status reached in the period"),
            [_("Status"), _("Applications")],
            _figures(report.training.by_status, ApplicationStatus),
        ),
        table(
            "schemes",
            "training",
            _("Training applications, by scheme"),
            [
                _("Scheme"),
                _("Asked (euros)"),
                _("Applications"),
                _("Granted (euros)"),
                _("Paid (euros)"),
            ],
            [(row.scheme, [row.asked, row.applications, row.granted, row.paid]) for row in money],
        ),
        table(
            "plans",
            "plans",
            _("Career plans"),
            [_("Career plans"), _("How many")],
            [
                (_("started"), [report.plans.started]),
                (_("agreed by the client"), [report.plans.agreed]),
                (_("answered with changes"), [report.plans.answered_with_changes]),
            ],
        ),
    ]
    # Each row of the per-traject table is one person's: a party's report leaves it out.
    return [t for t in tables if not (hide and t.slug == "budget-trajecten")]


@dataclass(frozen=True, slots=True)
class Section:
    slug: str
    title: str
    tables: tuple[Table, ...]


def report_sections(report: Report) -> list[Section]:
    """The tables under the heading of their section, in the order of the report."""
    titles = {
        "clients": _("Clients"),
        "reach": _("Reach"),
        "not_reached": _("Not reached"),
        "pauses": _("Pauses"),
        "trajecten": _("Trajecten"),
        "budget": _("Budget"),
        "training": _("Training applications"),
        "plans": _("Career plans"),
    }
    tables = report_tables(report)
    return [
        Section(slug, title, tuple(table for table in tables if table.section == slug))
        for slug, title in titles.items()
    ]


def scope_title(report: Report) -> str:
    """Whose figures: "team Noord", "the whole organisation", a party's name."""
    if report.scope == "organisation":
        return _("the whole organisation")
    if report.scope == "team":
        return _("team %(name)s") % {"name": report.scope_name}
    if report.scope == "caseload":
        return _("my caseload")
    return report.scope_name


def party_sections(party: PartyReport) -> list[Section]:
    """What the agreements let be reported and whom the party may read by name, then the
    report's sections (its small counts hidden)."""
    agreements = Table(
        "agreements",
        "party",
        _("Agreements of these trajecten"),
        (_("Agreement"), _("What may be reported")),
        tuple((a.name, choice_label(Reporting, a.reporting)) for a in party.agreements),
        None,
    )
    named = Table(
        "named",
        "party",
        _("Clients who consented to be named to %(name)s") % {"name": party.opdrachtgever},
        (_("Client"), _("Order number"), _("Status"), _("Outcome"), _("Hours in the period")),
        tuple(
            (
                row.name,
                row.order_number,
                choice_label(TrajectStatus, row.status),
                choice_label(Outcome, row.outcome) if row.outcome else "",
                _shown(row.hours_in_period, hide=False),
            )
            for row in party.named
        ),
        None,
    )
    return [
        Section("party", _("For %(name)s") % {"name": party.opdrachtgever}, (agreements, named)),
        *report_sections(party.report),
    ]


def table_named(sections: list[Section], slug: str) -> Table | None:
    tables = (table for section in sections for table in section.tables)
    return next((table for table in tables if table.slug == slug), None)
