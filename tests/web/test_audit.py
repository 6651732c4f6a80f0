"""The audit trail: every view and change of a client's data leaves an entry, and entries stay."""

from __future__ import annotations

import datetime

import pytest
from django.db import models, transaction
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from koers.web.accounts.models import Cover, Team, User
from koers.web.audit.models import AppendOnlyError, AuditAction, AuditEvent
from koers.web.audit.trail import channel, record, target_by_id, target_of
from koers.web.clients import actions
from koers.web.clients.models import (
    Afspraak,
    Client,
    Consent,
    Contact,
    Opdrachtgever,
    Pause,
    Traject,
)
from koers.web.intake.models import CallbackRequest
from koers.web.rounds.actions import start_round
from koers.web.rounds.models import Round
from koers.web.training.models import Application, Course, Scheme, Window
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
    text = " ".join(page.split())
    assert "Situatie: dreigt werk te verliezen → <strong>werk verloren</strong> · Anna" in text


# The names stored entries already use: searching old entries depends on them staying so.
TARGETS = {
    Contact: "contact",
    Traject: "traject",
    Consent: "consent",
    Pause: "pause",
    Opdrachtgever: "opdrachtgever",
    Afspraak: "afspraak",
    Round: "round",
    Team: "team",
    User: "user",
    Cover: "cover",
    CallbackRequest: "callback",
    Scheme: "scheme",
    Window: "window",
    Course: "course",
    Application: "application",
}


@pytest.mark.parametrize(("model", "kind"), TARGETS.items(), ids=TARGETS.values())
def test_each_kind_of_row_is_named_as_before(model: type[models.Model], kind: str) -> None:
    assert target_of(model(pk=12)) == f"{kind}:12"
    assert target_by_id(model, 12) == f"{kind}:12"


def test_a_logged_contact_names_its_row(people: People) -> None:
    petra = make_client(people.anna)

    contact = actions.log_contact(
        by=people.anna, client=petra, values={"at": timezone.now(), "outcome": "bereikt"}
    )

    entry = AuditEvent.objects.get(action=AuditAction.CONTACT_LOGGED)
    assert entry.target == f"contact:{contact.pk}"


def test_every_list_page_records_one_entry_naming_the_list(people: People, client: Browser) -> None:
    petra = make_client(people.anna)
    round_ = start_round(
        by=people.anna, coach=people.anna, title="Ronde", clients=Client.objects.filter(pk=petra.pk)
    )
    pages = [
        (people.anna, reverse("clients:caseload"), {}),
        (people.anna, reverse("casework:attention"), {}),
        (people.anna, reverse("rounds:list", args=[round_.pk]), {}),
        (people.anna, reverse("rounds:report", args=[round_.pk]), {}),
        (people.bram, reverse("intake:queue"), {}),
        (people.bram, reverse("training:overview"), {}),
        (people.carla, reverse("data:requests"), {"q": "Petra"}),
    ]
    seen = []
    for who, url, query in pages:
        client.force_login(who)
        assert client.get(url, query).status_code == 200, url
        entry = AuditEvent.objects.latest("id")
        seen.append((entry.actor_name, entry.action, entry.target, entry.detail))

    assert seen == [
        ("anna", AuditAction.CLIENT_LISTED, "", "page 1"),
        ("anna", AuditAction.CLIENT_LISTED, "", "needs attention"),
        ("anna", AuditAction.CLIENT_LISTED, f"round:{round_.pk}", ""),
        ("anna", AuditAction.CLIENT_LISTED, f"round:{round_.pk}", "round report"),
        ("bram", AuditAction.INTAKE_LISTED, "", "page 1"),
        ("bram", AuditAction.APPLICATIONS_LISTED, "", "page 1"),
        ("carla", AuditAction.CLIENT_LISTED, "data_requests", "search: 1 found"),
    ]
