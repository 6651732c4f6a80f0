"""The minutes of contact kept on each traject (Traject.contact_minutes, which reports read
for the budget used) always equal the sum of its contacts' minutes, counted here another way."""

from __future__ import annotations

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from koers.web.clients.actions import create_traject, log_contact
from koers.web.clients.inputs import ContactValues
from koers.web.clients.models import Client, Contact, Opdrachtgever, Traject
from koers.web.demo_data import create_demo_data
from koers.web.privacy.erasure import erase_client
from koers.web.privacy.retention import anonymise_expired
from koers.web.rounds.actions import record_call, start_round
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db


def summed_per_traject() -> dict[int, int]:
    """Every traject's minutes, added up in Python from its contacts."""
    minutes = dict.fromkeys(Traject.objects.values_list("pk", flat=True), 0)
    for contact in Contact.objects.filter(traject__isnull=False):
        assert contact.traject_id is not None
        minutes[contact.traject_id] += contact.minutes
    return minutes


def stored_per_traject() -> dict[int, int]:
    return dict(Traject.objects.values_list("pk", "contact_minutes"))


def two_trajecten(people: People, opdrachtgever: Opdrachtgever) -> tuple[Client, Traject, Traject]:
    client = make_client(people.anna)
    starts = timezone.localdate() - datetime.timedelta(days=60)
    first, second = (
        create_traject(
            by=people.anna, client=client, values={"opdrachtgever": opdrachtgever, "starts": starts}
        )
        for _ in range(2)
    )
    return client, first, second


def test_it_adds_each_logged_contact_to_its_traject_only(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    client, first, second = two_trajecten(people, opdrachtgever)
    now = timezone.now()
    for minutes, traject in ((30, first), (45, first), (20, second), (15, None), (0, second)):
        log_contact(
            by=people.anna,
            client=client,
            values={"at": now, "outcome": "bereikt", "minutes": minutes, "traject": traject},
        )
    assert stored_per_traject() == summed_per_traject() == {first.pk: 75, second.pk: 20}


def test_a_retried_submit_counts_the_minutes_once(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    client, first, _second = two_trajecten(people, opdrachtgever)
    values: ContactValues = {
        "at": timezone.now(),
        "outcome": "bereikt",
        "minutes": 25,
        "traject": first,
    }
    for _ in range(2):
        log_contact(by=people.anna, client=client, values=values, token="same-form")
    assert stored_per_traject()[first.pk] == summed_per_traject()[first.pk] == 25


def test_a_call_in_a_calling_round_counts_its_minutes(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    client, first, _second = two_trajecten(people, opdrachtgever)
    round_ = start_round(
        by=people.anna,
        coach=people.anna,
        title="Budget",
        clients=Client.objects.filter(pk=client.pk),
    )
    entry = round_.entries.get(client=client)
    record_call(
        by=people.anna,
        entry=entry,
        values={"at": timezone.now(), "outcome": "bereikt", "minutes": 12, "traject": first},
    )
    assert stored_per_traject() == summed_per_traject()
    assert stored_per_traject()[first.pk] == 12


def test_erasure_and_anonymising_keep_the_minutes_and_their_total(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    erased, anonymised = (two_trajecten(people, opdrachtgever) for _ in range(2))
    for client, first, second in (erased, anonymised):
        for traject in (first, second):
            log_contact(
                by=people.anna,
                client=client,
                values={
                    "at": timezone.now(),
                    "outcome": "bereikt",
                    "minutes": 40,
                    "traject": traject,
                },
            )
    before = stored_per_traject()
    erase_client(by=people.carla, client=erased[0])
    Traject.objects.filter(client=anonymised[0]).update(
        status="afgesloten", outcome="vwnw", closed_on=datetime.date(2020, 1, 1)
    )
    assert anonymise_expired(by=None, today=timezone.localdate(), apply=True) == [anonymised[0].pk]
    assert stored_per_traject() == summed_per_traject() == before


def test_the_demo_data_writes_the_totals_of_its_contacts() -> None:
    create_demo_data(
        clients=40,
        contacts=300,
        coaches=10,
        seed=3,
        password="demo passphrase 42",
        today=datetime.date(2026, 3, 2),
        occupations=[],
    )
    stored = stored_per_traject()
    assert stored == summed_per_traject()
    assert sum(stored.values()) > 0


def test_the_migration_fills_the_totals_of_contacts_logged_before_it(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    client, first, second = two_trajecten(people, opdrachtgever)
    for minutes, traject in ((30, first), (45, first), (20, None)):
        Contact.objects.create(
            client=client, at=timezone.now(), outcome="bereikt", minutes=minutes, traject=traject
        )
    assert set(stored_per_traject().values()) == {0}
    migration = import_module("koers.web.clients.migrations.0012_fill_contact_minutes")
    migration.fill_contact_minutes(apps, None)
    assert stored_per_traject() == summed_per_traject() == {first.pk: 75, second.pk: 0}
