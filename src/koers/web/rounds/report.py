"""The round report: who was reached, what changed, what was planned."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import Q

from koers.web.clients.choices import FAILED_ATTEMPTS, ContactOutcome, Urgency
from koers.web.clients.models import Client, Contact, Pause
from koers.web.rounds.models import Round


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
            )
        )
    return report
