"""Closed trajecten are kept as long as their commissioning party asks, then anonymised."""

from __future__ import annotations

import datetime
from typing import Unpack

import pytest
from django.utils import timezone

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import change_traject_status, create_traject
from koers.web.clients.inputs import ClientValues
from koers.web.clients.models import Client, Opdrachtgever, Traject
from koers.web.plans.models import LinkHit
from koers.web.privacy.erasure import erase_client
from koers.web.privacy.retention import add_months, anonymise_expired
from tests.web.conftest import People, make_client

TODAY = datetime.date(2025, 6, 15)


def closed_client(
    people: People,
    opdrachtgever: Opdrachtgever,
    *,
    closed_on: datetime.date,
    **values: Unpack[ClientValues],
) -> Client:
    client = make_client(people.anna, **values)
    traject = create_traject(
        by=people.anna,
        client=client,
        values={"opdrachtgever": opdrachtgever, "starts": closed_on - datetime.timedelta(days=90)},
    )
    change_traject_status(
        by=people.anna, traject=traject, status="afgesloten", outcome="vwnw", on=closed_on
    )
    return client


@pytest.fixture
def expired(people: People, opdrachtgever: Opdrachtgever) -> Client:
    """Closed 24 months and a day ago, with the default retention of 24 months."""
    return closed_client(
        people, opdrachtgever, closed_on=datetime.date(2023, 6, 14), first_name="Oud"
    )


def test_months_are_calendar_months() -> None:
    assert add_months(datetime.date(2023, 6, 14), 24) == datetime.date(2025, 6, 14)
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2025, 3, 31), -1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2024, 11, 5), 14) == datetime.date(2026, 1, 5)


def test_a_dry_run_lists_an_expired_client_and_changes_nothing(
    people: People, expired: Client
) -> None:
    assert anonymise_expired(by=None, today=TODAY, apply=False) == [expired.pk]

    assert Client.objects.get(pk=expired.pk).first_name == "Oud"
    assert not AuditEvent.objects.filter(action=AuditAction.CLIENT_ANONYMISED).exists()


def test_it_anonymises_an_expired_client_with_apply(people: People, expired: Client) -> None:
    assert anonymise_expired(by=None, today=TODAY, apply=True) == [expired.pk]

    client = Client.objects.get(pk=expired.pk)
    assert client.first_name == client.last_name == client.phone == ""
    assert client.erased_at is not None
    assert client.situation == "at_risk"
    traject = Traject.objects.get(client=client)
    assert traject.anonymised_at is not None
    assert traject.outcome == "vwnw"
    entry = AuditEvent.objects.get(action=AuditAction.CLIENT_ANONYMISED)
    assert (entry.actor_name, entry.client_id) == ("system", expired.pk)
    assert anonymise_expired(by=None, today=TODAY, apply=True) == []


def test_it_names_the_admin_who_ran_it(people: People, expired: Client) -> None:
    anonymise_expired(by=people.carla, today=TODAY, apply=True)

    entry = AuditEvent.objects.get(action=AuditAction.CLIENT_ANONYMISED)
    assert entry.actor == people.carla


def test_it_keeps_a_client_within_the_period(people: People, opdrachtgever: Opdrachtgever) -> None:
    closed_client(people, opdrachtgever, closed_on=datetime.date(2023, 6, 15))

    assert anonymise_expired(by=None, today=TODAY, apply=True) == []


def test_it_keeps_a_client_with_an_open_traject(
    people: People, opdrachtgever: Opdrachtgever, expired: Client
) -> None:
    create_traject(
        by=people.anna,
        client=expired,
        values={"opdrachtgever": opdrachtgever, "starts": datetime.date(2025, 1, 1)},
    )

    assert anonymise_expired(by=None, today=TODAY, apply=True) == []


def test_it_keeps_a_client_without_any_traject(people: People) -> None:
    make_client(people.anna)

    assert anonymise_expired(by=None, today=TODAY, apply=True) == []


def test_it_follows_each_party_own_period(people: People, opdrachtgever: Opdrachtgever) -> None:
    short = Opdrachtgever.objects.create(name="Gemeente", kind="gemeente", retention_months=6)
    quick = closed_client(people, short, closed_on=datetime.date(2024, 12, 1))
    slow = closed_client(people, opdrachtgever, closed_on=datetime.date(2024, 12, 1))
    both = closed_client(people, short, closed_on=datetime.date(2024, 11, 1))
    old = create_traject(
        by=people.anna,
        client=both,
        values={"opdrachtgever": opdrachtgever, "starts": datetime.date(2023, 1, 1)},
    )
    change_traject_status(
        by=people.anna,
        traject=old,
        status="afgesloten",
        outcome="vwnw",
        on=datetime.date(2024, 1, 1),
    )

    ids = anonymise_expired(by=None, today=TODAY, apply=False)

    assert quick.pk in ids
    assert slow.pk not in ids
    assert both.pk not in ids


def test_it_leaves_an_erased_client_alone(people: People, expired: Client) -> None:
    erase_client(by=people.carla, client=expired)

    assert anonymise_expired(by=None, today=TODAY, apply=True) == []


@pytest.mark.django_db
def test_the_daily_run_forgets_the_link_requests_counted_more_than_an_hour_ago() -> None:
    # The rate-limit counts of the plan links hold a keyed hash of an address: they go as soon as
    # they no longer count, also on a day when nobody opened a link.
    now = timezone.now()
    LinkHit.objects.create(key="planlink:1", at=now - datetime.timedelta(hours=2))
    LinkHit.objects.create(key="planlink:1", at=now - datetime.timedelta(minutes=5))
    anonymise_expired(by=None, today=timezone.localdate(), apply=True)
    assert list(LinkHit.objects.values_list("key", flat=True)) == ["planlink:1"]
    assert LinkHit.objects.get().at > now - datetime.timedelta(hours=1)
