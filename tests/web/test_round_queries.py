"""Logging a call in a round: the client is loaded once and access is checked once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.web.clients.models import Client
from koers.web.rounds import actions
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db


def test_logging_a_call_loads_the_client_once_and_checks_access_once(
    people: People, client: Browser
) -> None:
    for n in range(3):
        make_client(people.eva, first_name=f"C{n}")
    round_ = actions.start_round(
        by=people.bram,
        coach=people.bram,
        title="Ronde",
        clients=Client.objects.filter(coach=people.eva),
    )
    client.force_login(people.bram)
    url = reverse("rounds:call", args=[round_.pk])
    entry = client.get(url).context["row"].entry
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"entry": entry.pk, "outcome": "bereikt", "minutes": "10"})
    assert response.status_code == 302
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    client_loads = [sql for sql in reads if '"clients_client"."first_name"' in sql]
    rounds_loaded = [sql for sql in reads if 'FROM "rounds_round"' in sql]
    covers_looked_up = [sql for sql in reads if 'FROM "accounts_cover"' in sql]
    team_looked_up = [sql for sql in reads if '"accounts_user"."team_id" =' in sql]
    assert len(client_loads) == 1  # with the round entry
    assert len(rounds_loaded) == 1
    assert len(covers_looked_up) == 1 and len(team_looked_up) == 1  # workable_coach_ids, once
    assert len(queries.captured_queries) <= 24  # 30 when the client was loaded five times
