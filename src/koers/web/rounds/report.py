"""The round report: who was reached, what changed, what was planned."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import Q, TextChoices
from django.utils import dateformat, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.web.clients.choices import FAILED_ATTEMPTS, ContactOutcome, Situation, Urgency
from koers.web.clients.models import Client, Contact, Pause
from koers.web.common.choice_labels import choice_label
from koers.web.common.csv_download import text_cell
from koers.web.rounds.models import Round

# How much of a shareable call summary the report shows.
NOTE_LENGTH = 120
CSV_HEADER = [
    gettext_lazy("Client"),
    gettext_lazy("Calls"),
    gettext_lazy("Last outcome"),
    gettext_lazy("Situation before"),
    gettext_lazy("Situation"),
    gettext_lazy("Urgency before"),
    gettext_lazy("Urgency"),
    gettext_lazy("Paused"),
    gettext_lazy("Call back at"),
    gettext_lazy("Follow-up on"),
]


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One client of the round: the calls made, the last outcome and what changed."""

    client: Client
    attempts: int
    outcome: str
    situation_before: str
    situation: str
    situation_changed: bool
    urgency_before: str
    urgency: str
    paused: bool
    callback_at: datetime.datetime | None
    next_action_on: datetime.date | None
    # The last call's summary, shortened, only when it may be shared (contacts are confidential
    # by default); and the next action agreed in it.
    note: str = ""
    next_action: str = ""


@dataclass(frozen=True, slots=True)
class ToDo:
    """Something the round left to do for a client: what, and by when if it has a day."""

    client: Client
    what: str
    day: datetime.date | None = None
    moment: datetime.datetime | None = None


@dataclass
class RoundReport:
    clients: int = 0
    called: int = 0
    reached: int = 0
    not_reached: int = 0
    other_route: int = 0
    situation_changed: int = 0
    urgency_grew: int = 0
    urgency_fell: int = 0
    pauses: int = 0
    callbacks: int = 0
    follow_ups: int = 0
    left_out: int = 0
    rows: list[ReportRow] = field(default_factory=list)
    todo: list[ToDo] = field(default_factory=list)

    @property
    def not_called(self) -> int:
        return self.clients - self.called

    @property
    def called_rows(self) -> list[ReportRow]:
        """The clients called in the round (the page lists these; the CSV has everyone)."""
        return [row for row in self.rows if row.attempts]


def round_report(round_: Round, *, coach_ids: Collection[int]) -> RoundReport:
    """Counts over the round's clients and the calls made in it (contacts since its start).

    Only the clients of ``coach_ids`` (``access.workable_coach_ids``: whom the viewer may still
    open); the others are only counted in ``left_out``.
    """
    report = RoundReport()
    entries = list(round_.entries.filter(client__coach_id__in=coach_ids).select_related("client"))
    report.left_out = round_.entries.count() - len(entries)
    report.clients = len(entries)
    ids = [entry.client_id for entry in entries]
    during = Q(at__gte=round_.started_at)
    if round_.closed_at is not None:
        during &= Q(at__lte=round_.closed_at)
    calls: dict[int, list[Contact]] = {}
    for contact in Contact.objects.filter(during, client_id__in=ids, by=round_.coach_id).order_by(
        "at"
    ):
        calls.setdefault(contact.client_id, []).append(contact)
    paused = set(
        Pause.objects.filter(client_id__in=ids, created_at__gte=round_.started_at).values_list(
            "client_id", flat=True
        )
    )
    for entry in entries:
        client = entry.client
        made = calls.get(client.pk, [])
        outcomes = [c.outcome for c in made]
        reached = ContactOutcome.REACHED in outcomes
        report.called += bool(made)
        report.reached += reached
        report.not_reached += bool(made) and not reached and outcomes[-1] in FAILED_ATTEMPTS
        report.other_route += client.needs_other_route
        situation_changed = (
            bool(entry.situation_before) and entry.situation_before != client.situation
        )
        report.situation_changed += situation_changed
        if entry.urgency_before:
            before = Urgency(entry.urgency_before).rank
            after = Urgency(client.urgency).rank
            report.urgency_grew += after < before
            report.urgency_fell += after > before
        report.pauses += client.pk in paused
        report.callbacks += any(c.callback_at for c in made)
        report.follow_ups += any(c.next_action_on for c in made)
        last = made[-1] if made else None
        report.rows.append(
            ReportRow(
                client=client,
                attempts=len(made),
                outcome=last.get_outcome_display() if last else "",
                situation_before=entry.situation_before,
                situation=client.get_situation_display(),
                situation_changed=situation_changed,
                urgency_before=entry.urgency_before,
                urgency=client.get_urgency_display(),
                paused=client.pk in paused,
                callback_at=last.callback_at if last else None,
                next_action_on=last.next_action_on if last else None,
                note=Truncator(last.summary).chars(NOTE_LENGTH) if last and last.shareable else "",
                next_action=last.next_action if last else "",
            )
        )
        if last is not None:
            report.todo += _left_to_do(client, last)
    report.todo.sort(key=lambda item: item.client.name)
    return report


def _left_to_do(client: Client, last: Contact) -> list[ToDo]:
    """What the round's last call with ``client`` leaves to do."""
    todo = []
    if last.outcome == ContactOutcome.WRONG_NUMBER:
        todo.append(ToDo(client, _("wrong number: find the right one")))
    if last.outcome == ContactOutcome.WANTS_TO_STOP:
        todo.append(ToDo(client, _("wants to stop: close the traject and ask about consent")))
    if last.callback_at:
        todo.append(ToDo(client, _("call back"), moment=timezone.localtime(last.callback_at)))
    if last.next_action_on or last.next_action:
        todo.append(ToDo(client, last.next_action or _("follow-up"), day=last.next_action_on))
    return todo


def _label(choices: type[TextChoices], code: str) -> str:
    return choice_label(choices, code) if code else ""


def report_table(report: RoundReport) -> list[list[str]]:
    """The report's rows for a spreadsheet, in the page's language: the header, then a row per
    client (labels, not codes; dates as 2026-12-02 and 2026-12-02 14:30)."""
    rows = [[str(title) for title in CSV_HEADER]]
    for row in report.rows:
        callback = timezone.localtime(row.callback_at) if row.callback_at else None
        rows.append(
            [
                text_cell(row.client.name),
                str(row.attempts),
                row.outcome,
                _label(Situation, row.situation_before),
                row.situation,
                _label(Urgency, row.urgency_before),
                row.urgency,
                _("yes") if row.paused else _("no"),
                dateformat.format(callback, "Y-m-d H:i") if callback else "",
                row.next_action_on.isoformat() if row.next_action_on else "",
            ]
        )
    return rows
