"""A small organisation with a November 2025 to report on (issue 20), written straight to the
database: the dates are in the past, which the actions (that stamp today) cannot make.

Noord: Anna (coach, covers for Eva), Eva, Bram (team lead). Zuid: Dirk. Carla is the admin.
Moments sit on both sides of the month's borders, in Dutch local time.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from koers.web.accounts.models import User
from koers.web.clients.actions import count_minutes
from koers.web.clients.models import (
    Client,
    Contact,
    Opdrachtgever,
    Pause,
    StatusChange,
    Traject,
)
from koers.web.plans.models import Plan, PlanVersion
from koers.web.rounds.models import Entry, Round
from koers.web.training.models import Application, ApplicationStep, FundingLine, Scheme
from tests.web.conftest import People

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOVEMBER = "2025-11"


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def _client(coach: User, first: str, situation: str, urgency: str) -> Client:
    client = Client.objects.create(
        coach=coach, first_name=first, last_name="Test", situation=situation, urgency=urgency
    )
    Client.objects.filter(pk=client.pk).update(created_at=local(2025, 9, 1, 12))
    return client


def _contact(client: Client, at: datetime.datetime, outcome: str, **extra: object) -> Contact:
    contact = Contact.objects.create(
        client=client, at=at, outcome=outcome, by=client.coach, **extra
    )
    count_minutes(contact)
    return contact


def _change(client: Client, field: str, old: str, new: str, at: datetime.datetime) -> None:
    change = StatusChange.objects.create(client=client, field=field, old=old, new=new)
    StatusChange.objects.filter(pk=change.pk).update(at=at)


def build_world(people: People, opdrachtgever: Opdrachtgever) -> dict[str, Client]:
    """Clients of Anna, Eva and Dirk with contacts, changes, pauses, trajecten, applications,
    a round and a plan; returns the clients by first name."""
    anna, eva, dirk = people.anna, people.eva, people.dirk
    clients = {
        "Ali": _client(anna, "Ali", "at_risk", "high"),
        "Bea": _client(anna, "Bea", "lost_job", "medium"),
        "Cor": _client(anna, "Cor", "working", "low"),
        "Eef": _client(eva, "Eef", "at_risk", "medium"),
        "Dop": _client(dirk, "Dop", "lost_job", "high"),
        "Dia": _client(dirk, "Dia", "in_training", "low"),
    }
    ali, bea, cor, eef, dop, dia = clients.values()
    traject = Traject.objects.create(
        client=ali,
        opdrachtgever=opdrachtgever,
        order_number="A-1",
        budget=Decimal(10),
        hourly_rate=Decimal(90),
        starts=datetime.date(2025, 11, 3),
        status="afgesloten",
        outcome="werk_behouden",
        closed_on=datetime.date(2025, 11, 28),
    )
    Traject.objects.create(
        client=eef, opdrachtgever=opdrachtgever, starts=datetime.date(2025, 10, 1), status="actief"
    )
    zuid = Traject.objects.create(
        client=dop,
        opdrachtgever=opdrachtgever,
        budget_unit="euro",
        budget=Decimal(2000),
        starts=datetime.date(2025, 11, 30),
    )
    # Borders: 1 Nov 00:00 and 30 Nov 23:30 are in; 31 Oct 23:30 and 1 Dec 00:30 are out
    # (1 Dec 00:30 is still 30 Nov in UTC).
    reached = _contact(ali, local(2025, 11, 1, 0, 0), "bereikt", minutes=60, traject=traject)
    _contact(ali, local(2025, 10, 31, 23, 30), "bereikt", minutes=30, traject=traject)
    _contact(ali, local(2025, 11, 12, 10), "niet_bereikt", channel="whatsapp", traject=traject)
    _contact(bea, local(2025, 11, 30, 23, 30), "voicemail")
    _contact(bea, local(2025, 12, 1, 0, 30), "bereikt")
    _contact(cor, local(2025, 11, 20, 9), "bereikt", with_whom="werkgever")
    _contact(eef, local(2025, 11, 14, 15), "bereikt", channel="beeldbellen", minutes=45)
    _contact(dop, local(2025, 11, 30, 10), "bereikt", minutes=90, traject=zuid)
    _contact(dia, local(2025, 11, 5, 10), "niet_bereikt")
    _change(ali, "urgency", "medium", "high", local(2025, 11, 12, 10))
    _change(bea, "situation", "working", "lost_job", local(2025, 11, 1, 0, 0))
    _change(eef, "urgency", "high", "medium", local(2025, 10, 31, 23, 30))
    _change(dop, "urgency", "low", "high", local(2025, 11, 15, 10))
    for client, starts, until, ended in (
        (
            bea,
            datetime.date(2025, 11, 10),
            datetime.date(2025, 12, 20),
            datetime.date(2025, 11, 20),
        ),
        (cor, datetime.date(2025, 10, 1), datetime.date(2025, 11, 30), None),
        (dia, datetime.date(2025, 11, 1), datetime.date(2026, 1, 31), None),
    ):
        Pause.objects.create(
            client=client, starts=starts, until=until, ended_early_on=ended, reason="gevraagd"
        )
    scheme = Scheme.objects.create(name="NL leert door", financier="Rijk")
    application = Application.objects.create(
        traject=traject,
        course_title="Kassa",
        provider="ROC",
        cost=Decimal(600),
        status="toegekend",
        status_on=datetime.date(2025, 11, 20),
        created_by=anna,
    )
    for status, on in (("ingediend", 5), ("toegekend", 20)):
        ApplicationStep.objects.create(
            application=application, status=status, on=datetime.date(2025, 11, on)
        )
    FundingLine.objects.create(
        application=application, scheme=scheme, asked=Decimal(500), granted=Decimal(400)
    )
    round_ = Round.objects.create(coach=anna, title="November", started_by=anna)
    Entry.objects.create(
        round=round_, client=ali, done_at=local(2025, 11, 1, 0, 5), contact=reached
    )
    Entry.objects.create(round=round_, client=bea, done_at=local(2025, 12, 1, 0, 30))
    plan = Plan.objects.create(client=ali)
    Plan.objects.filter(pk=plan.pk).update(created_at=local(2025, 11, 2, 10))
    PlanVersion.objects.create(
        plan=plan,
        number=1,
        change="started",
        answered_at=local(2025, 11, 25, 10),
        agreed_at=local(2025, 11, 25, 10),
    )
    return clients
