"""'Aandacht nodig': the clients that need attention now, and why, per coach or team."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.db.models import (
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_stubs_ext import StrOrPromise, WithAnnotations

from koers.web.accounts.models import User, display_name
from koers.web.clients.choices import DEADLINE_DAYS, BudgetUnit, ContactOutcome, Recipient
from koers.web.clients.models import Client, Consent, Contact, Pause, Traject
from koers.web.clients.queries import clients_in_scope
from koers.web.common.kept_queries import KeptQuery
from koers.web.plans.queries import actions_due
from koers.web.training.deadlines import training_deadline_words
from koers.web.training.queries import deadlines_until

# Sections of what should have been done by its day: the page says how late it is.
OVERDUE_SECTIONS = frozenset({"callbacks", "follow_ups", "deadlines", "agreed"})
# Rows per section; one section asked for in full shows up to ALL_SHOWN.
SHOWN = 25
ALL_SHOWN = 200
CONSENT_DAYS = 30
BUDGET_MINUTES = Decimal(60) * Decimal("0.8")


@dataclass(frozen=True, slots=True)
class Listed:
    """What the list shows of a client: the name, a link, and the coach."""

    pk: int
    first_name: str
    last_name: str
    coach_name: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class Why:
    """Why a client is listed: some words (a traject, a recipient), then the day, the moment or
    the last contact it is about, which the page writes in its language (attention.html)."""

    words: str = ""
    day: datetime.date | None = None
    moment: datetime.datetime | None = None
    last_reached: datetime.datetime | None = None
    never_reached: bool = False
    # Days since the day or moment passed (for what should have been done by then), and whether
    # it lies in another year than today (the page then writes the year too).
    late_days: int = 0
    other_year: bool = False

    @property
    def lateness(self) -> str:
        """How late, as a coach would say it: days, then weeks up to two months, then months."""
        days = self.late_days
        if days < 14:
            return ngettext("%(count)d day late", "%(count)d days late", days) % {"count": days}
        if days < 63:
            weeks = days // 7
            return ngettext("%(count)d week late", "%(count)d weeks late", weeks) % {"count": weeks}
        months = days // 30
        return ngettext("%(count)d month late", "%(count)d months late", months) % {"count": months}


Row = tuple[Listed, Why]


@dataclass
class Section:
    key: str
    title: StrOrPromise
    rows: list[Row] = field(default_factory=list)
    limit: int = SHOWN
    more: bool = False

    def keep(self, rows: list[Row]) -> None:
        """The first ``limit`` rows; ``more`` says whether there were others (read limit + 1)."""
        self.rows, self.more = rows[: self.limit], len(rows) > self.limit


def _latest(field_name: str) -> Subquery:
    """A field of the client's latest contact that plans: a message sent between calls
    ("we tried to call you") leaves the call-back or follow-up of the call before it."""
    return Subquery(
        Contact.objects.filter(client=OuterRef("pk"))
        .exclude(outcome=ContactOutcome.MESSAGE)
        .order_by("-at", "-id")
        .values(field_name)[:1]
    )


def with_planned_contact(
    clients: QuerySet[Client],
) -> QuerySet[WithAnnotations[Client, PlannedContact]]:
    """``clients`` with what their latest contact planned: ``callback`` (a moment),
    ``follow_up`` (a day) and ``follow_up_what`` (the next action); an earlier contact's plan
    no longer counts. Also read by the coach's calendar feed (outreach/agenda.py)."""
    return clients.annotate(
        callback=_latest("callback_at"),
        follow_up=_latest("next_action_on"),
        follow_up_what=_latest("next_action"),
    )


class PlannedContact(TypedDict):
    callback: datetime.datetime | None
    follow_up: datetime.date | None
    follow_up_what: str | None


# The page's reads, kept (decision 0010): each takes the days it compares with, then the scope
# (clients_in_scope's user and team), and reads one more row than a section shows (``limit``).
def _active(today: datetime.date, scope: tuple[int, ...]) -> QuerySet[Client]:
    """The clients in scope that are not paused today.

    NOT EXISTS per client (the index on pause client+until) rather than NOT IN all pauses
    running today, which SQLite read in full for each section (1.3 ms each, 100,000 clients).
    """
    return clients_in_scope(today, *scope).exclude(
        Exists(Pause.objects.active_on(today).filter(client=OuterRef("pk")))
    )


_LISTED = KeptQuery(
    lambda today, *scope: clients_in_scope(today, *scope).values_list(
        "pk", "first_name", "last_name", "coach_id", "last_reached_at"
    )
)
# Names apart: joined into each client's row they cost a lead's page 3 ms more (777 clients).
_COACHES = KeptQuery(
    lambda today, *scope: User.objects.filter(
        pk__in=clients_in_scope(today, *scope).values("coach_id")
    ).values_list("pk", *User.DISPLAY_NAME_FIELDS)
)
_PAUSED = KeptQuery(
    lambda today, *scope: (
        Pause.objects.active_on(today)
        .filter(client__in=clients_in_scope(today, *scope))
        .values_list("client_id", flat=True)
    )
)
# Each client's latest call-back and follow-up, where one is due: one read for both.
_DUE_CONTACTS = KeptQuery(
    lambda end_of_today, today, *scope: (
        with_planned_contact(_active(today, scope))
        .filter(Q(callback__lte=end_of_today) | Q(follow_up__lte=today))
        .values_list("pk", "callback", "follow_up")
    )
)
_TRAJECTEN_ENDING = KeptQuery(
    lambda today, until, *scope, limit: (
        Traject.objects.open()
        .filter(client__in=_active(today, scope), ends__range=(today, until))
        .order_by("ends", "pk")
        .values_list("client_id", "ends", "opdrachtgever__name", "order_number")[:limit]
    )
)
_TRAINING_DEADLINES = KeptQuery(
    lambda today, until, *scope, limit: (
        deadlines_until(_active(today, scope), until=until)
        .order_by("deadline_on", "pk")
        .values_list("traject__client_id", "deadline_on", "deadline_kind")[:limit]
    )
)
_AGREED_ACTIONS_DUE = KeptQuery(
    lambda today, *scope, limit: actions_due(
        _active(today, scope), datetime.date.min, today
    ).values_list("plan__client_id", "what", "due_on")[:limit]
)
_PAUSES_ENDING = KeptQuery(
    lambda today, until, *scope, limit: (
        Pause.objects.filter(
            client__in=clients_in_scope(today, *scope),
            ended_early_on__isnull=True,
            until__range=(today, until),
        )
        .order_by("until", "pk")
        .values_list("client_id", "until")[:limit]
    )
)
_CONSENTS_EXPIRING = KeptQuery(
    lambda today, until, *scope, limit: (
        Consent.objects.filter(
            client__in=clients_in_scope(today, *scope),
            revoked_on__isnull=True,
            expires_on__range=(today, until),
        )
        .order_by("expires_on", "pk")
        .values_list("client_id", "recipient", "expires_on")[:limit]
    )
)


def _budgets_nearly_used(
    today: datetime.date, *scope: int, limit: int
) -> QuerySet[Traject, tuple[int, str, str]]:
    """Open trajecten with 80 % of their budget used (in hours, or in euros at the rate)."""
    money: DecimalField[Decimal, Decimal] = DecimalField(max_digits=14, decimal_places=2)
    # Minutes against 80 % of the budget: hours x 60 x 0.8, or euros / rate x 60 x 0.8.
    threshold = ExpressionWrapper(F("budget") * Value(BUDGET_MINUTES), output_field=money)
    return (
        Traject.objects.open()
        .filter(client__in=_active(today, scope), budget__gt=0)
        .values("pk", "client_id", "opdrachtgever__name", "order_number")
        # The minutes of all its contacts, kept on the traject (clients.actions.count_minutes).
        .annotate(
            cost_minutes=ExpressionWrapper(
                F("contact_minutes") * F("hourly_rate"), output_field=money
            ),
        )
        .filter(
            Q(budget_unit=BudgetUnit.HOURS, contact_minutes__gte=threshold)
            | Q(budget_unit=BudgetUnit.EUROS, hourly_rate__gt=0, cost_minutes__gte=threshold)
        )
        .order_by("pk")
        .values_list("client_id", "opdrachtgever__name", "order_number")[:limit]
    )


_BUDGETS_NEARLY_USED = KeptQuery(_budgets_nearly_used)


def _listed(
    today: datetime.date, scope: tuple[int, ...]
) -> dict[int, tuple[Listed, datetime.datetime | None]]:
    """Every client in scope as shown, with the last time they were reached.

    Plain values, read once: the sections then need no client models (a team lead's page
    built hundreds, with their coach) and the quiet section no query of its own.
    """
    coaches = {pk: display_name(*names) for pk, *names in _COACHES(today, *scope)}
    return {
        pk: (Listed(pk, first, last, coaches[coach_id]), reached)
        for pk, first, last, coach_id, reached in _LISTED(today, *scope)
    }


def _sections() -> list[Section]:
    return [
        Section("callbacks", _("Call-backs due")),
        Section("follow_ups", _("Follow-ups due")),
        Section("deadlines", _("Deadlines within 14 days")),
        Section("agreed", _("Agreed actions due")),
        Section(
            "quiet",
            _("No successful contact for %(days)d days") % {"days": settings.KOERS_ATTENTION_DAYS},
        ),
        Section("pauses", _("Pauses ending this week")),
        Section("consent", _("Consent expiring within 30 days")),
        Section("budget", _("Traject budget nearly used")),
    ]


Due = list[tuple[int, datetime.datetime | None, datetime.date | None]]


def _end_of(today: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))


def _callbacks_due(due: Due, *, today: datetime.date, read: int) -> list[tuple[int, Why]]:
    """Call-backs planned for today or earlier, the oldest first."""
    end_of_today = _end_of(today)
    callbacks = sorted((at, pk) for pk, at, _on in due if at is not None and at <= end_of_today)
    return [(pk, Why(moment=at)) for at, pk in callbacks[:read]]


def _follow_ups_due(due: Due, *, today: datetime.date, read: int) -> list[tuple[int, Why]]:
    """Follow-ups planned for today or earlier, the oldest first."""
    follow_ups = sorted((on, pk) for pk, _at, on in due if on is not None and on <= today)
    return [(pk, Why(day=on)) for on, pk in follow_ups[:read]]


def _deadlines(today: datetime.date, scope: tuple[int, ...], *, read: int) -> list[tuple[int, Why]]:
    """Trajecten ending and training deadlines within DEADLINE_DAYS (or, for training, just
    passed), together by date."""
    until = today + datetime.timedelta(days=DEADLINE_DAYS)
    deadlines: list[tuple[datetime.date, int, Why]] = [
        (ends, pk, Why(Traject.label_of(party, number), day=ends))
        for pk, ends, party, number in _TRAJECTEN_ENDING(today, until, *scope, limit=read)
        if ends is not None  # within the range read
    ]
    deadlines += [
        (on, pk, Why(training_deadline_words(kind), day=on))
        for pk, on, kind in _TRAINING_DEADLINES(today, until, *scope, limit=read)
        if on is not None  # within DEADLINE_DAYS
    ]
    deadlines.sort(key=lambda row: row[0])
    return [(pk, why) for _on, pk, why in deadlines]


def _not_reached(
    listed: dict[int, tuple[Listed, datetime.datetime | None]],
    *,
    paused: set[int],
    today: datetime.date,
    read: int,
) -> list[tuple[int, Why]]:
    """Clients not reached for KOERS_ATTENTION_DAYS: never reached first, then the longest ago."""
    quiet_since = timezone.make_aware(
        datetime.datetime.combine(
            today - datetime.timedelta(days=settings.KOERS_ATTENTION_DAYS), datetime.time.min
        )
    )
    quiet = sorted(
        (reached is not None, reached, pk)
        for pk, (_client, reached) in listed.items()
        if (reached is None or reached < quiet_since) and pk not in paused
    )
    return [
        (pk, Why(last_reached=reached, never_reached=reached is None))
        for _never, reached, pk in quiet[:read]
    ]


def attention(scope: tuple[int, ...], *, today: datetime.date, expand: str = "") -> list[Section]:
    """Each reason a section; a client may be in several. Paused clients only when returning.

    ``scope``: whose clients (``clients.queries.scope_of``). Each section lists SHOWN clients,
    the section ``expand`` up to ALL_SHOWN.
    """
    sections = _sections()
    if not scope:
        return sections
    listed = _listed(today, scope)
    paused = set(_PAUSED(today, *scope))
    by_key = {section.key: section for section in sections}
    if expand in by_key:
        by_key[expand].limit = ALL_SHOWN
    # One more than shown, so that a section knows whether there is more.
    read = {key: section.limit + 1 for key, section in by_key.items()}
    due = _DUE_CONTACTS(_end_of(today), today, *scope)
    week, month = today + datetime.timedelta(days=7), today + datetime.timedelta(days=CONSENT_DAYS)
    found = {
        "callbacks": _callbacks_due(due, today=today, read=read["callbacks"]),
        "follow_ups": _follow_ups_due(due, today=today, read=read["follow_ups"]),
        "deadlines": _deadlines(today, scope, read=read["deadlines"]),
        "agreed": [
            (pk, Why(what, day=due_on))
            for pk, what, due_on in _AGREED_ACTIONS_DUE(today, *scope, limit=read["agreed"])
            if due_on is not None
        ],
        "quiet": _not_reached(listed, paused=paused, today=today, read=read["quiet"]),
        "pauses": [
            (pk, Why(day=until))
            for pk, until in _PAUSES_ENDING(today, week, *scope, limit=read["pauses"])
        ],
        "consent": [
            (pk, Why(str(Recipient(recipient).label), day=expires))
            for pk, recipient, expires in _CONSENTS_EXPIRING(
                today, month, *scope, limit=read["consent"]
            )
        ],
        "budget": [
            (pk, Why(Traject.label_of(party, number)))
            for pk, party, number in _BUDGETS_NEARLY_USED(today, *scope, limit=read["budget"])
        ],
    }
    for section in sections:
        late = section.key in OVERDUE_SECTIONS
        section.keep(
            [(listed[pk][0], _dated(why, today, late=late)) for pk, why in found[section.key]]
        )
    return sections


def _dated(why: Why, today: datetime.date, *, late: bool) -> Why:
    """``why`` with how late it is (in a section of things to have done by a day) and whether
    its day lies in another year."""
    day = why.day or (timezone.localdate(why.moment) if why.moment else None)
    if day is None:
        return why
    return replace(
        why,
        late_days=(today - day).days if late and day < today else 0,
        other_year=day.year != today.year,
    )
