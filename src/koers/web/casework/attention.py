"""'Aandacht nodig': the clients that need attention now, and why, per coach or team."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.db.models import (
    DecimalField,
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

from koers.web.accounts.models import User
from koers.web.clients.choices import DEADLINE_DAYS, BudgetUnit, ContactOutcome, Recipient
from koers.web.clients.models import Client, Consent, Contact, Pause, Traject
from koers.web.plans.queries import actions_due
from koers.web.training.deadlines import training_deadline_words
from koers.web.training.queries import deadlines_soon

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


def _listed(clients: QuerySet[Client]) -> dict[int, tuple[Listed, datetime.datetime | None]]:
    """Every client in scope as shown, with the last time they were reached.

    Plain values, read once: the sections then need no client models (a team lead's page
    built hundreds, with their coach) and the quiet section no query of its own.
    """
    rows = list(clients.values_list("pk", "first_name", "last_name", "coach_id", "last_reached_at"))
    coaches = User.objects.only(*User.DISPLAY_NAME_FIELDS).in_bulk({row[3] for row in rows})
    return {
        pk: (Listed(pk, first, last, coaches[coach_id].display_name), reached)
        for pk, first, last, coach_id, reached in rows
    }


def _paused_on(clients: QuerySet[Client], today: datetime.date) -> set[int]:
    """The few clients in scope paused today, left out of every section but "pauses ending"."""
    return set(
        Pause.objects.active_on(today)
        .filter(client__in=clients)
        .values_list("client_id", flat=True)
    )


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


class PlannedContact(TypedDict):
    callback: datetime.datetime | None
    follow_up: datetime.date | None
    follow_up_what: str | None


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


def _due_contacts(active: QuerySet[Client], *, today: datetime.date) -> Due:
    """Each client's latest call-back and follow-up, where one is due: one read for both."""
    return list(
        with_planned_contact(active)
        .filter(Q(callback__lte=_end_of(today)) | Q(follow_up__lte=today))
        .values_list("pk", "callback", "follow_up")
    )


def _callbacks_due(due: Due, *, today: datetime.date, read: int) -> list[tuple[int, Why]]:
    """Call-backs planned for today or earlier, the oldest first."""
    end_of_today = _end_of(today)
    callbacks = sorted((at, pk) for pk, at, _on in due if at is not None and at <= end_of_today)
    return [(pk, Why(moment=at)) for at, pk in callbacks[:read]]


def _follow_ups_due(due: Due, *, today: datetime.date, read: int) -> list[tuple[int, Why]]:
    """Follow-ups planned for today or earlier, the oldest first."""
    follow_ups = sorted((on, pk) for pk, _at, on in due if on is not None and on <= today)
    return [(pk, Why(day=on)) for on, pk in follow_ups[:read]]


def _trajecten_ending(
    active: QuerySet[Client], *, today: datetime.date, read: int
) -> list[tuple[datetime.date, int, Why]]:
    """Open trajecten that end within DEADLINE_DAYS."""
    ending = []
    for pk, ends, party, number in (
        Traject.objects.open()
        .filter(
            client__in=active,
            ends__range=(today, today + datetime.timedelta(days=DEADLINE_DAYS)),
        )
        .order_by("ends", "pk")
        .values_list("client_id", "ends", "opdrachtgever__name", "order_number")[:read]
    ):
        assert ends is not None  # within the range above
        ending.append((ends, pk, Why(Traject.label_of(party, number), day=ends)))
    return ending


def _training_deadlines(
    active: QuerySet[Client], *, today: datetime.date, read: int
) -> list[tuple[datetime.date, int, Why]]:
    """Training applications with a deadline within DEADLINE_DAYS (or just passed)."""
    deadlines = []
    for pk, on, kind in deadlines_soon(active, today=today).values_list(
        "traject__client_id", "deadline_on", "deadline_kind"
    )[:read]:
        assert on is not None  # within DEADLINE_DAYS
        deadlines.append((on, pk, Why(training_deadline_words(kind), day=on)))
    return deadlines


def _deadlines(
    active: QuerySet[Client], *, today: datetime.date, read: int
) -> list[tuple[int, Why]]:
    """Trajecten ending and training deadlines, together by date."""
    deadlines = _trajecten_ending(active, today=today, read=read)
    deadlines += _training_deadlines(active, today=today, read=read)
    deadlines.sort(key=lambda row: row[0])
    return [(pk, why) for _on, pk, why in deadlines]


def _agreed_actions_due(
    active: QuerySet[Client], *, today: datetime.date, read: int
) -> list[tuple[int, Why]]:
    """Actions agreed in the career plan, due today or earlier and not done, the oldest first."""
    return [
        (pk, Why(what, day=due_on))
        for pk, what, due_on in actions_due(active, datetime.date.min, today).values_list(
            "plan__client_id", "what", "due_on"
        )[:read]
        if due_on is not None
    ]


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


def _pauses_ending(
    clients: QuerySet[Client], *, today: datetime.date, read: int
) -> list[tuple[int, Why]]:
    """Pauses that end within a week."""
    return [
        (pk, Why(day=until))
        for pk, until in Pause.objects.filter(
            client__in=clients,
            ended_early_on__isnull=True,
            until__range=(today, today + datetime.timedelta(days=7)),
        )
        .order_by("until", "pk")
        .values_list("client_id", "until")[:read]
    ]


def _consents_expiring(
    clients: QuerySet[Client], *, today: datetime.date, read: int
) -> list[tuple[int, Why]]:
    """Consents that expire within CONSENT_DAYS."""
    return [
        (pk, Why(str(Recipient(recipient).label), day=expires))
        for pk, recipient, expires in Consent.objects.filter(
            client__in=clients,
            revoked_on__isnull=True,
            expires_on__range=(today, today + datetime.timedelta(days=CONSENT_DAYS)),
        )
        .order_by("expires_on", "pk")
        .values_list("client_id", "recipient", "expires_on")[:read]
    ]


def _budgets_nearly_used(active: QuerySet[Client], *, read: int) -> list[tuple[int, Why]]:
    """Open trajecten with 80 % of their budget used (in hours, or in euros at the rate)."""
    money: DecimalField[Decimal, Decimal] = DecimalField(max_digits=14, decimal_places=2)
    # Minutes against 80 % of the budget: hours x 60 x 0.8, or euros / rate x 60 x 0.8.
    threshold = ExpressionWrapper(F("budget") * Value(BUDGET_MINUTES), output_field=money)
    used_up = (
        Traject.objects.open()
        .filter(client__in=active, budget__gt=0)
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
        .values_list("client_id", "opdrachtgever__name", "order_number")[:read]
    )
    return [(pk, Why(Traject.label_of(party, number))) for pk, party, number in used_up]


def attention(
    clients: QuerySet[Client], *, today: datetime.date, expand: str = ""
) -> list[Section]:
    """Each reason a section; a client may be in several. Paused clients only when returning.

    Each section lists SHOWN clients, the section ``expand`` up to ALL_SHOWN.
    """
    listed = _listed(clients)
    paused = _paused_on(clients, today)
    active = clients.exclude(pk__in=paused)
    sections = _sections()
    by_key = {section.key: section for section in sections}
    if expand in by_key:
        by_key[expand].limit = ALL_SHOWN
    # One more than shown, so that a section knows whether there is more.
    read = {key: section.limit + 1 for key, section in by_key.items()}
    due = _due_contacts(active, today=today)
    found = {
        "callbacks": _callbacks_due(due, today=today, read=read["callbacks"]),
        "follow_ups": _follow_ups_due(due, today=today, read=read["follow_ups"]),
        "deadlines": _deadlines(active, today=today, read=read["deadlines"]),
        "agreed": _agreed_actions_due(active, today=today, read=read["agreed"]),
        "quiet": _not_reached(listed, paused=paused, today=today, read=read["quiet"]),
        "pauses": _pauses_ending(clients, today=today, read=read["pauses"]),
        "consent": _consents_expiring(clients, today=today, read=read["consent"]),
        "budget": _budgets_nearly_used(active, read=read["budget"]),
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
