"""Carla the admin reads the audit trail: who saw or changed which client, and when."""

from __future__ import annotations

import datetime
import re

import pytest
from django.apps import apps
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone, translation

from koers.web.audit.models import AuditAction, AuditEvent, action_label
from koers.web.audit.queries import AuditFilters, audit_events
from koers.web.clients.models import Client
from tests.web.conftest import People, make_client


def url(name: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name)


@pytest.fixture
def petra(people: People) -> Client:
    return make_client(people.anna)


def rows(html: str) -> list[str]:
    """The action column of each row of the results table."""
    return re.findall(r"</time></th>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>", html)


def test_it_filters_by_user_action_and_client(
    client: Browser, people: People, petra: Client
) -> None:
    other = make_client(people.dirk, first_name="Karel")
    client.force_login(people.carla)

    by_dirk = client.get(url("audit:search"), {"user": "dirk"}).content.decode()
    created = client.get(url("audit:search"), {"action": "client.created"}).content.decode()
    of_petra = client.get(url("audit:search"), {"client": petra.pk}).content.decode()

    assert rows(by_dirk) == ["client created"]
    assert rows(created) == ["client created", "client created"]
    assert rows(of_petra) == ["client created"]
    assert other.pk != petra.pk


def test_it_filters_by_date_range(people: People, petra: Client) -> None:
    today = timezone.localdate()

    assert audit_events(AuditFilters(since=today, until=today)).count() == 1
    assert not audit_events(AuditFilters(until=today - datetime.timedelta(days=1))).exists()
    assert not audit_events(AuditFilters(since=today + datetime.timedelta(days=1))).exists()


def test_it_shows_the_newest_first_and_pages(client: Browser, people: People) -> None:
    for number in range(55):
        make_client(people.anna, first_name=f"Client {number}")
    client.force_login(people.carla)

    first = client.get(url("audit:search"), {"action": "client.created"}).content.decode()
    second = client.get(
        url("audit:search"), {"action": "client.created", "page": "2"}
    ).content.decode()

    newest = AuditEvent.objects.filter(action="client.created").order_by("-id")[0]
    assert f"<td>{newest.client_id}</td>" in first
    assert len(rows(first)) == 50
    assert len(rows(second)) == 5
    assert '<a href="?action=client.created&amp;page=2" rel="next">Older</a>' in first
    assert '<a href="?action=client.created&amp;page=1" rel="prev">Newer</a>' in second


def test_each_search_is_recorded_with_the_filters_used(
    client: Browser, people: People, petra: Client
) -> None:
    client.force_login(people.carla)

    client.get(url("audit:search"))
    client.get(url("audit:search"), {"client": str(petra.pk), "action": "client.viewed"})

    searches = AuditEvent.objects.filter(action=AuditAction.AUDIT_SEARCHED).order_by("id")
    assert [s.fields for s in searches] == [[], ["action", "client_id"]]
    assert searches[1].client_id == petra.pk
    assert searches[1].actor == people.carla


def test_a_search_is_not_in_its_own_results(client: Browser, people: People) -> None:
    client.force_login(people.carla)

    # Filtered on searches: her sign-in is in the trail too.
    html = client.get(url("audit:search"), {"action": AuditAction.AUDIT_SEARCHED}).content.decode()

    assert rows(html) == []
    assert "No entries match these filters." in html


def test_it_refuses_an_end_before_the_start(client: Browser, people: People) -> None:
    client.force_login(people.carla)

    response = client.get(url("audit:search"), {"since": "2025-02-01", "until": "2025-01-01"})

    assert response.status_code == 400
    assert 'aria-describedby="id_until_error"' in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.AUDIT_SEARCHED).exists()


@pytest.mark.parametrize("who", ["anna", "bram", "dirk"])
def test_only_admins_read_the_audit_trail(client: Browser, people: People, who: str) -> None:
    client.force_login(getattr(people, who))

    assert client.get(url("audit:search")).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.AUDIT_SEARCHED).exists()


def test_a_new_action_needs_no_migration() -> None:
    # The column holds the value only: the words come from AuditAction when shown.
    _, _, _, options = AuditEvent._meta.get_field("action").deconstruct()
    loader = MigrationLoader(None, ignore_no_migrations=True)
    with translation.override(None):  # as makemigrations compares: words untranslated
        changes = MigrationAutodetector(
            loader.project_state(), ProjectState.from_apps(apps)
        ).changes(graph=loader.graph, trim_to_apps={"audit"})

    assert "choices" not in options
    assert "audit" not in changes


def test_it_shows_each_action_in_the_words_of_the_page_language(
    client: Browser, people: People, petra: Client
) -> None:
    client.force_login(people.carla)

    html = client.get(url("audit:search", "nl"), {"action": "client.created"}).content.decode()

    assert rows(html) == ["cliënt aangemaakt"]


def test_an_action_this_version_does_not_know_reads_as_stored(
    client: Browser, people: People
) -> None:
    AuditEvent.objects.create(actor_name="system", action="plan.retired")
    client.force_login(people.carla)

    html = client.get(url("audit:search"), {"user": ""}).content.decode()

    assert "plan.retired" in rows(html)
    assert action_label("plan.retired") == "plan.retired"
    assert action_label(AuditAction.CLIENT_CREATED) == "client created"
