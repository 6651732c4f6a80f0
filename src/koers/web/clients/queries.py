"""Reads of the client file: the caseload a user may see, a client's timeline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar, Literal

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import OrderBy

from koers.web.accounts.models import User
from koers.web.accounts.queries import covers_in_force
from koers.web.accounts.roles import Role
from koers.web.clients.choices import Urgency
from koers.web.clients.models import Client, Consent, Contact, Pause, StatusChange, Traject
from koers.web.common.kept_rows import kept_models


def caseload_for(user: User, *, today: datetime.date) -> QuerySet[Client]:
    """The clients ``user`` works with: own, covered, and for a team lead the whole team."""
    scope = scope_of(user)
    if not scope:
        return Client.objects.none()
    return clients_in_scope(today, *scope).select_related("coach")


def scope_of(user: User, *, team: bool = True) -> tuple[int, ...]:
    """What ``clients_in_scope`` takes for ``user``: their id, then the id of the team they
    lead (left out with ``team=False``); nothing for an admin or a closed account."""
    if not user.is_active or user.role == Role.ADMIN:
        return ()
    if team and user.led_team_id is not None:
        return (user.pk, user.led_team_id)
    return (user.pk,)


def clients_in_scope(
    today: datetime.date, user_id: int, team_id: int | None = None
) -> QuerySet[Client]:
    """The clients of this user, of the coaches they cover today and, with ``team_id``, of
    that team's coaches; never erased ones. Plain values in, so that kept queries build on it.

    "coach_id IN (these coaches)", the coaches as a UNION: both databases then walk the index
    on coach_id per coach. OR-ing a join to the coach's team scanned all 100,000 clients
    (50 ms on SQLite), and so did PostgreSQL for one "id = me OR id IN (covered)" (30 ms), as it
    could not tell how few coaches that was.
    """
    coaches = [
        User.objects.filter(pk=user_id).values("pk"),
        covers_in_force(user_id, today=today).values("coach_id"),
    ]
    if team_id is not None:
        coaches.append(User.objects.filter(team_id=team_id).values("pk"))
    own, *others = (query.order_by() for query in coaches)
    return Client.objects.filter(coach_id__in=own.union(*others, all=True), erased_at__isnull=True)


@dataclass(frozen=True, slots=True)
class CaseloadFilters:
    q: str = ""
    situation: str = ""
    urgency: str = ""
    status: str = ""
    opdrachtgever: int | None = None
    coach: int | None = None
    sort: str = "name"


# Never-reached clients count as longest ago, on SQLite and PostgreSQL alike.
SORTS: dict[str, tuple[str | OrderBy, ...]] = {
    "name": ("last_name", "first_name", "id"),
    "urgency": ("urgency_rank", "last_name", "first_name", "id"),
    "last_contact": (F("last_contact").asc(nulls_first=True), "last_name", "id"),
    "-last_contact": (F("last_contact").desc(nulls_last=True), "last_name", "id"),
}


def filtered_caseload(clients: QuerySet[Client], filters: CaseloadFilters) -> QuerySet[Client]:
    """Search, filter and sort a caseload; annotates ``last_contact`` and ``urgency_rank``."""
    if filters.q:
        for word in filters.q.split()[:4]:
            clients = clients.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(employer__icontains=word)
                | Q(email__icontains=word)
            )
    if filters.situation:
        clients = clients.filter(situation=filters.situation)
    if filters.urgency:
        clients = clients.filter(urgency=filters.urgency)
    # EXISTS per client (index on traject client+status / client+opdrachtgever) rather than
    # a join + DISTINCT, from which SQLite started at every traject with that status (30 ms).
    trajecten = Traject.objects.filter(client=OuterRef("pk"))
    if filters.status:
        clients = clients.filter(Exists(trajecten.filter(status=filters.status)))
    if filters.opdrachtgever:
        clients = clients.filter(Exists(trajecten.filter(opdrachtgever_id=filters.opdrachtgever)))
    if filters.coach:
        clients = clients.filter(coach_id=filters.coach)
    clients = clients.annotate(
        last_contact=F("last_reached_at"),
        urgency_rank=Case(
            *(When(urgency=urgency, then=Value(urgency.rank)) for urgency in Urgency),
            output_field=IntegerField(),
        ),
    )
    return clients.order_by(*SORTS.get(filters.sort, SORTS["name"]))


def contacts_of(client: Client) -> QuerySet[Contact]:
    return client.contacts.select_related("by", "traject__opdrachtgever")


# How many contacts and changes a client's timeline shows.
TIMELINE_LENGTH = 100
# Who made a contact or a change: the name only, no account beyond it.
_BY = ("by", User.DISPLAY_NAME_FIELDS)

# Kept (decision 0010): the client's page reads these at every visit.
_TIMELINE_CONTACTS = kept_models(
    Contact,
    lambda client_id: Contact.objects.filter(client_id=client_id)[:TIMELINE_LENGTH],
    related=[_BY],
)
_HISTORY = kept_models(
    StatusChange,
    lambda client_id: StatusChange.objects.filter(client_id=client_id)[:TIMELINE_LENGTH],
    related=[_BY],
)
_TRAJECTEN = kept_models(
    Traject,
    lambda client_id: Traject.objects.filter(client_id=client_id),
    related=["opdrachtgever", "afspraak"],
)
_CONSENTS = kept_models(Consent, lambda client_id: Consent.objects.filter(client_id=client_id))


def trajecten_of(client: Client) -> list[Traject]:
    """The client's trajecten, newest first, with their commissioning party and agreement."""
    return _TRAJECTEN(client.pk)


def history_of(client: Client) -> list[StatusChange]:
    """The client's latest changes of situation and urgency (``TIMELINE_LENGTH``), newest
    first, with who made them."""
    return _HISTORY(client.pk)


def consents_of(client: Client) -> list[Consent]:
    """Every consent the client gave, the latest first, in force or not."""
    return _CONSENTS(client.pk)


@dataclass(frozen=True, slots=True)
class ContactOnTimeline:
    """A contact on the client's timeline."""

    contact: Contact
    kind: ClassVar[Literal["contact"]] = "contact"

    @property
    def at(self) -> datetime.datetime:
        return self.contact.at


@dataclass(frozen=True, slots=True)
class ChangeOnTimeline:
    """A change of situation or urgency on the client's timeline."""

    change: StatusChange
    kind: ClassVar[Literal["change"]] = "change"

    @property
    def at(self) -> datetime.datetime:
        return self.change.at


TimelineEntry = ContactOnTimeline | ChangeOnTimeline


def timeline(client: Client, *, changes: list[StatusChange] | None = None) -> list[TimelineEntry]:
    """The latest contacts and situation/urgency changes (``TIMELINE_LENGTH``), newest first,
    as one list, each with who made it. ``changes``: ``history_of(client)``, when the caller
    has read it already."""
    entries: list[TimelineEntry] = [
        ContactOnTimeline(contact) for contact in _TIMELINE_CONTACTS(client.pk)
    ]
    if changes is None:
        changes = history_of(client)
    entries += [ChangeOnTimeline(change) for change in changes]
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:TIMELINE_LENGTH]


# Kept (decision 0010): the client page shows it at every visit.
_ACTIVE_PAUSE = kept_models(
    Pause,
    lambda client_id, today: (
        Pause.objects.active_on(today).filter(client_id=client_id).order_by("-until", "-id")[:1]
    ),
)


def active_pause(client: Client, *, today: datetime.date) -> Pause | None:
    """The client's pause running today (the one that runs longest, if several do)."""
    found = _ACTIVE_PAUSE(client.pk, today)
    return found[0] if found else None


def consent_holds(today: datetime.date) -> Q:
    """Consents that hold on ``today``: given by then, not revoked, and valid until today or
    later (or without an end)."""
    return Q(given_on__lte=today, revoked_on__isnull=True) & (
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    )


def consents_in_force(client: Client, *, today: datetime.date) -> QuerySet[Consent]:
    """The client's consents that hold on ``today`` (``consent_holds``), the latest given first."""
    return client.consents.filter(consent_holds(today)).order_by("-given_on", "-id")


def consent_in_force(client: Client, recipient: str, *, today: datetime.date) -> Consent | None:
    """The client's consent to share with ``recipient`` that holds on ``today``, if any."""
    return consents_in_force(client, today=today).filter(recipient=recipient).first()
