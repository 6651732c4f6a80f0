"""Reads of calling rounds: the rounds a user sees, and the call list in priority order."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.accounts.queries import in_led_team
from koers.web.casework.deadlines import Deadline, earliest_deadlines, traject_ends
from koers.web.clients.actions import part_of_day
from koers.web.clients.choices import FAILED_ATTEMPTS, ContactOutcome
from koers.web.clients.models import Contact, Pause, last_day_of_pause
from koers.web.common.kept_queries import KeptQuery
from koers.web.plans.queries import first_actions_due
from koers.web.rounds.models import Entry, Round
from koers.web.rounds.priority import Candidate, Priority, call_order
from koers.web.training.queries import coming_deadlines

# How far back the call list looks for call-backs, follow-ups and failed attempts.
RECENT_DAYS = 120
ENTRY_COLUMNS = (
    "pk",
    "pinned",
    "skipped_at",
    "client_id",
    "client__first_name",
    "client__last_name",
    "client__coach_id",
    "client__urgency",
    "client__support_reasons",
    "client__call_times",
    "client__last_reached_at",
)


@dataclass(frozen=True, slots=True)
class ListedClient:
    """What the call list shows and orders by of one client."""

    pk: int
    first_name: str
    last_name: str
    coach_id: int
    urgency: str
    support_reasons: list[str]
    call_times: list[str]
    last_reached_at: datetime.datetime | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class ListedEntry:
    """An open entry of a round, read as plain values (no model objects: see call_list)."""

    pk: int
    pinned: bool
    skipped_at: datetime.datetime | None
    client: ListedClient

    @property
    def client_id(self) -> int:
        return self.client.pk


# A round's progress: its entries, and those done.
PROGRESS = {
    "total": Count("entries"),
    "done": Count("entries", filter=Q(entries__done_at__isnull=False)),
}


def rounds_for(user: User) -> QuerySet[Round]:
    """A coach's own rounds; a team lead's also those of the team."""
    scope = Q(coach=user) | in_led_team(user)
    return Round.objects.filter(scope).select_related("coach").annotate(**PROGRESS)


class RecentContact(NamedTuple):
    at: datetime.datetime
    outcome: str
    callback_at: datetime.datetime | None
    next_action_on: datetime.date | None


@dataclass(frozen=True, slots=True)
class CallListRow:
    entry: ListedEntry
    priority: Priority
    paused_until: datetime.date | None


def _open_of(round_id: int) -> QuerySet[Entry]:
    """The round's open entries, of clients not erased (whoever's clients they are now)."""
    return Entry.objects.filter(
        round_id=round_id, done_at__isnull=True, client__erased_at__isnull=True
    )


def _clients_of(round_id: int) -> QuerySet[Entry, Any]:
    # The reads below select by this subquery rather than by a list of 150 ids, which cost
    # more to send and plan than the subquery costs to run. It leaves out no erased clients:
    # their rows are never looked up, as the order is built from _ENTRIES, and checking
    # each client cost more than the read it narrows.
    return Entry.objects.filter(round_id=round_id, done_at__isnull=True).values("client_id")


# The call list's reads, compiled once per process (common/kept_queries.py): compiling them
# cost the call screen more than running them. Each reads the round's open entries; whose
# clients the user may work with is checked in call_list.
_ENTRIES = KeptQuery(lambda round_id: _open_of(round_id).values_list(*ENTRY_COLUMNS))
_CONTACTS = KeptQuery(
    lambda round_id, since: (
        Contact.objects.filter(
            Q(client__last_reached_at__isnull=True) | Q(at__gte=F("client__last_reached_at")),
            client_id__in=_clients_of(round_id),
            at__gte=since,
        )
        .order_by("at", "id")
        .values_list("client_id", "at", "outcome", "callback_at", "next_action_on")
    )
)
_TRAJECT_ENDS = KeptQuery(lambda round_id, today: traject_ends(_clients_of(round_id), today=today))
_APPLICATION_DEADLINES = KeptQuery(
    lambda round_id, today: coming_deadlines(_clients_of(round_id), today=today)
)
_ACTIONS_DUE = KeptQuery(lambda round_id: first_actions_due(_clients_of(round_id)))
_PAUSES = KeptQuery(
    lambda round_id, today: (
        Pause.objects.filter(client_id__in=_clients_of(round_id), starts__lte=today)
        .order_by("starts")
        .values_list("client_id", "starts", "until", "ended_early_on")
    )
)


def _open_entries(round_id: int, coach_ids: Collection[int] | None) -> list[ListedEntry]:
    """The round's open entries (of ``coach_ids``' clients, if given).

    Plain values, not model objects: building a round's 150 entries and clients as models
    was the biggest cost of the call screen.
    """
    entries = [
        ListedEntry(pk, pinned, skipped_at, ListedClient(*client))
        for pk, pinned, skipped_at, *client in _ENTRIES(round_id)
    ]
    if coach_ids is None:
        return entries
    return [entry for entry in entries if entry.client.coach_id in coach_ids]


def _recent_contacts(round_id: int, *, now: datetime.datetime) -> dict[int, list[RecentContact]]:
    """Per client, oldest first, what the order reads: the latest contact and the attempts
    since the client was last reached (the latest is one of those, or the reaching contact)."""
    # Plain tuples, not model objects: a round of 150 clients reads hundreds of contacts.
    recent: dict[int, list[RecentContact]] = defaultdict(list)
    for row in _CONTACTS(round_id, now - datetime.timedelta(days=RECENT_DAYS)):
        recent[row[0]].append(RecentContact(*row[1:]))
    return recent


def _pause_ends(
    round_id: int, *, today: datetime.date
) -> tuple[dict[int, datetime.date], dict[int, datetime.date]]:
    """The end of each client's pause: those paused today, and those whose pause has ended."""
    paused: dict[int, datetime.date] = {}
    ended: dict[int, datetime.date] = {}
    for client_id, starts, until, ended_early_on in _PAUSES(round_id, today):
        ends = last_day_of_pause(until, ended_early_on)
        if starts <= today <= ends:
            paused[client_id] = ends
        else:
            ended[client_id] = ends
    return paused, ended


def _candidate(
    entry: ListedEntry,
    contacts: list[RecentContact],
    deadline: Deadline | None,
    pause_end: datetime.date | None,
    agreed_action_on: datetime.date | None,
    local: datetime.tzinfo,
) -> Candidate:
    """What the priority order weighs of one client. An action agreed in the career plan
    counts as a follow-up: the earlier of the two is the one that falls due."""
    client = entry.client
    reached = client.last_reached_at
    # A message sent between calls leaves the call-back or follow-up of the call before it.
    planning = [c for c in contacts if c.outcome != ContactOutcome.MESSAGE]
    latest = planning[-1] if planning else None
    failed = {
        part_of_day(c.at, local)
        for c in contacts
        if c.outcome in FAILED_ATTEMPTS and (reached is None or c.at > reached)
    }
    back_from_pause = pause_end is not None and (reached is None or reached.date() <= pause_end)
    return Candidate(
        client_id=client.pk,
        urgency=client.urgency,
        support_reasons=len(client.support_reasons),
        last_reached=timezone.localtime(reached, local) if reached else None,
        failed_parts_since_reached=frozenset(failed),
        callback_at=(
            timezone.localtime(latest.callback_at, local)
            if latest is not None and latest.callback_at is not None
            else None
        ),
        follow_up_on=min(
            (
                on
                for on in (latest.next_action_on if latest else None, agreed_action_on)
                if on is not None
            ),
            default=None,
        ),
        deadline_on=deadline.on if deadline else None,
        deadline_what=deadline.what if deadline else "",
        pause_ended_on=pause_end if back_from_pause else None,
        call_times=frozenset(client.call_times),
        pinned=entry.pinned,
    )


def _skipped_and_paused_last(rows: list[CallListRow], *, now: datetime.datetime) -> None:
    """Skipped entries to the back, in the order they were skipped; paused ones after them."""
    rows.sort(
        key=lambda row: (
            row.paused_until is not None,
            row.entry.skipped_at is not None and not row.entry.pinned,
            row.entry.skipped_at or now,
        )
    )


def call_list(
    round_: Round,
    *,
    now: datetime.datetime | None = None,
    coach_ids: Collection[int] | None = None,
) -> list[CallListRow]:
    """The open entries in the order to call them now; paused clients last, marked as paused.

    ``coach_ids`` keeps only the clients of those coaches (``access.workable_coach_ids``).
    """
    # The current time zone once: looking it up for each of a round's hundreds of moments
    # cost more than turning them.
    local = timezone.get_current_timezone()
    now = timezone.localtime(now or timezone.now(), local)
    today = now.date()
    entries = _open_entries(round_.pk, coach_ids)
    recent = _recent_contacts(round_.pk, now=now)
    deadlines = earliest_deadlines(
        _TRAJECT_ENDS(round_.pk, today), _APPLICATION_DEADLINES(round_.pk, today)
    )
    agreed = dict(_ACTIONS_DUE(round_.pk))
    paused, ended = _pause_ends(round_.pk, today=today)
    candidates = [
        _candidate(
            entry,
            recent[entry.client_id],
            deadlines.get(entry.client_id),
            ended.get(entry.client_id),
            agreed.get(entry.client_id),
            local,
        )
        for entry in entries
    ]
    by_client = {entry.client_id: entry for entry in entries}
    ordered = call_order(candidates, now=now, part_of_day=part_of_day(now))
    rows = [CallListRow(by_client[p.client_id], p, paused.get(p.client_id)) for p in ordered]
    _skipped_and_paused_last(rows, now=now)
    return rows


_PROGRESS = KeptQuery(
    lambda round_id: Round.objects.filter(pk=round_id).annotate(**PROGRESS).values_list(*PROGRESS)
)


def progress(round_: Round) -> tuple[int, int]:
    """How many entries of the round are done, and how many there are."""
    (row,) = _PROGRESS(round_.pk)
    counts = dict(zip(PROGRESS, row, strict=True))
    return counts["done"], counts["total"]


def next_call(rows: list[CallListRow]) -> CallListRow | None:
    """The client to call now: the first row of a call list that is not paused."""
    return next((row for row in rows if row.paused_until is None), None)
