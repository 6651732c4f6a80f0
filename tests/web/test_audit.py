"""The audit trail: every view and change of a client's data leaves an entry, and entries stay."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from koers.web.audit.models import AppendOnlyError, AuditAction, AuditEvent
from koers.web.audit.trail import channel, record
from koers.web.clients import actions
from koers.web.clients.models import Opdrachtgever
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db

# Every page that shows one client's data, opened with GET.
CLIENT_PAGES = [
    "casework:client",
    "clients:edit",
    "clients:log_contact",
    "clients:give_consent",
    "clients:traject_create",
    "clients:reassign",
]


def test_every_client_page_records_the_view(people: People, client: Browser) -> None:
    petra = make_client(people.anna)
    client.force_login(people.bram)
    for name in CLIENT_PAGES:
        before = AuditEvent.objects.filter(action=AuditAction.CLIENT_VIEWED).count()
        assert client.get(reverse(name, args=[petra.pk])).status_code == 200, name
        viewed = AuditEvent.objects.filter(action=AuditAction.CLIENT_VIEWED)
        assert viewed.count() == before + 1, name
        assert viewed.first().actor == people.bram  # type: ignore[union-attr]


def test_every_change_records_what_changed_but_never_the_values(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    petra = make_client(people.anna, email="petra@example.org")
    petra = actions.update_client(
        by=people.anna,
        client=petra,
        version=petra.version,
        values={"phone": "06 55555555", "urgency": "high"},
    )
    traject = actions.create_traject(
        by=people.anna,
        client=petra,
        values={"opdrachtgever": opdrachtgever, "starts": timezone.localdate()},
    )
    actions.update_traject(
        by=people.anna, traject=traject, version=traject.version, values={"order_number": "X1"}
    )
    actions.change_traject_status(by=people.anna, traject=traject, status="intake")
    actions.log_contact(
        by=people.anna,
        client=petra,
        values={"at": timezone.now(), "outcome": "bereikt", "summary": "Gesprek over zorg."},
    )
    consent = actions.give_consent(
        by=people.anna, client=petra, recipient="vakbond", given_on=timezone.localdate()
    )
    actions.revoke_consent(by=people.anna, consent=consent)
    actions.reassign_client(by=people.bram, client=petra, coach=people.eva)
    expected = {
        AuditAction.CLIENT_CREATED,
        AuditAction.CLIENT_CHANGED,
        AuditAction.TRAJECT_CREATED,
        AuditAction.TRAJECT_CHANGED,
        AuditAction.TRAJECT_STATUS,
        AuditAction.CONTACT_LOGGED,
        AuditAction.CONSENT_GIVEN,
        AuditAction.CONSENT_REVOKED,
        AuditAction.CLIENT_REASSIGNED,
    }
    entries = AuditEvent.objects.filter(client_id=petra.pk)
    assert {entry.action for entry in entries} == expected
    changed = entries.get(action=AuditAction.CLIENT_CHANGED)
    assert changed.fields == ["phone", "urgency"]
    text = " ".join(f"{e.fields} {e.detail} {e.target}" for e in entries)
    for value in ("06 55555555", "petra@example.org", "Gesprek", "X1", "Petra"):
        assert value not in text


def test_a_change_that_fails_leaves_no_entry(people: People) -> None:
    petra = make_client(people.anna)
    before = AuditEvent.objects.count()
    with pytest.raises(actions.ConflictError):
        actions.update_client(by=people.anna, client=petra, version=99, values={"urgency": "low"})
    assert AuditEvent.objects.count() == before


def test_an_entry_rolls_back_with_its_change(people: People) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_client(people.anna)
        raise RuntimeError("the request failed after the write")
    assert AuditEvent.objects.count() == before


def test_entries_cannot_be_changed_or_deleted(people: People) -> None:
    entry = record(by=people.anna, action=AuditAction.CLIENT_VIEWED, client_id=1)
    entry.detail = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_entries_from_the_command_line_say_so(people: People) -> None:
    with channel("cli"):
        entry = record(by=people.carla, action=AuditAction.CLIENT_EXPORTED, client_id=7)
    assert entry.via == "cli"
    assert record(by=None, action=AuditAction.CLIENT_ANONYMISED).actor_name == "system"


def test_the_timeline_shows_contacts_and_changes(people: People, client: Browser) -> None:
    petra = make_client(people.anna)
    actions.log_contact(
        by=people.anna,
        client=petra,
        values={
            "at": timezone.now() - datetime.timedelta(hours=1),
            "outcome": "voicemail",
            "situation_after": "lost_job",
        },
    )
    client.force_login(people.anna)
    page = client.get(reverse("casework:client", args=[petra.pk])).content.decode()
    assert "voicemail" in page.lower()
    assert "werk verloren" in page.lower()  # the Dutch page (the default language)
