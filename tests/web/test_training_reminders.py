"""A training deadline within 14 days reminds the coach: calling round, 'Aandacht nodig', pause."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from koers.web.casework import pauses
from koers.web.casework.attention import Why, attention
from koers.web.clients import actions as client_actions
from koers.web.clients.models import Client, Traject
from koers.web.clients.queries import scope_of
from koers.web.rounds import actions as round_actions
from koers.web.rounds import queries as round_queries
from koers.web.training.actions import change_application_status, create_application
from koers.web.training.models import Application, Scheme

from .conftest import People, make_client

pytestmark = pytest.mark.usefixtures("in_english")
TODAY = timezone.localdate()


def _claim_due(people: People, traject: Traject, scheme: Scheme, days: int) -> Application:
    """An application completed and to be claimed within ``days``."""
    application = create_application(
        by=people.anna,
        traject=traject,
        values={
            "course_title": "Instroom zorg",
            "provider": "ROC",
            "cost": Decimal(900),
            "claim_on": TODAY + datetime.timedelta(days=days),
        },
        lines=[{"scheme": scheme, "window": scheme.windows.get(), "asked": Decimal(900)}],
    )
    for status in ("ingediend", "toegekend", "gestart", "afgerond"):
        application = change_application_status(
            by=people.anna, application=application, status=status
        )
    return application


def test_a_claim_due_within_14_days_raises_the_client_in_the_round(
    people: People, traject: Traject, scheme: Scheme
) -> None:
    for i in range(4):
        make_client(people.anna, first_name=f"Ander{i}")
    round_ = round_actions.start_round(
        by=people.anna,
        coach=people.anna,
        title="Ronde",
        clients=Client.objects.filter(coach=people.anna),
    )
    # Sandra was reached 10 days ago (5 points + 20 for medium urgency); the others, never
    # reached but of low urgency, score 30 each.
    Client.objects.exclude(pk=traject.client_id).update(urgency="low")
    client_actions.log_contact(
        by=people.anna,
        client=traject.client,
        values={"at": timezone.now() - datetime.timedelta(days=10), "outcome": "bereikt"},
    )
    before = [row.entry.client_id for row in round_queries.call_list(round_)]
    _claim_due(people, traject, scheme, days=10)
    first = round_queries.next_call(round_queries.call_list(round_))
    assert before[0] != traject.client_id
    assert first is not None and first.entry.client_id == traject.client_id
    assert any("training application" in reason for reason in first.priority.reasons)


def test_a_claim_due_later_does_not_count_yet(
    people: People, traject: Traject, scheme: Scheme
) -> None:
    round_ = round_actions.start_round(
        by=people.anna,
        coach=people.anna,
        title="Ronde",
        clients=Client.objects.filter(coach=people.anna),
    )
    _claim_due(people, traject, scheme, days=30)
    (row,) = round_queries.call_list(round_)
    assert not any("training" in reason for reason in row.priority.reasons)


def test_it_lists_a_training_deadline_under_needs_attention(
    people: People, traject: Traject, scheme: Scheme
) -> None:
    _claim_due(people, traject, scheme, days=3)
    with translation.override("nl"):
        sections = {s.key: s for s in attention(scope_of(people.anna), today=TODAY)}
    ((client, why),) = sections["deadlines"].rows
    assert client.pk == traject.client_id
    claim_on = TODAY + datetime.timedelta(days=3)
    assert why == Why("scholingsaanvraag: declareren", day=claim_on)


def test_a_passed_deadline_stays_under_needs_attention_until_acted_on(
    people: People, traject: Traject, scheme: Scheme
) -> None:
    application = _claim_due(people, traject, scheme, days=3)
    later = TODAY + datetime.timedelta(days=5)
    sections = {s.key: s for s in attention(scope_of(people.anna), today=later)}
    ((_client, why),) = sections["deadlines"].rows
    assert why.late_days == 2 and why.day == TODAY + datetime.timedelta(days=3)
    change_application_status(by=people.anna, application=application, status="gedeclareerd")
    sections = {s.key: s for s in attention(scope_of(people.anna), today=later)}
    assert sections["deadlines"].rows == []


def test_pausing_across_a_training_deadline_needs_a_confirmation(
    people: People, traject: Traject, scheme: Scheme
) -> None:
    _claim_due(people, traject, scheme, days=10)
    client = traject.client
    until = TODAY + datetime.timedelta(days=20)
    with pytest.raises(pauses.DeadlineInPauseError) as refused:
        pauses.pause_client(by=people.anna, client=client, until=until, reason="gevraagd")
    assert any("Instroom zorg" in deadline.what for deadline in refused.value.deadlines)
    pause = pauses.pause_client(
        by=people.anna, client=client, until=until, reason="gevraagd", deadlines_confirmed=True
    )
    assert pause.until == until
