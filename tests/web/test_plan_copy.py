"""The client's copy of the plan: a printable page and a PDF from one template, in the client's
language, without scores or the coach's own notes; every print audited."""

from __future__ import annotations

import io

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from koers import knowledge
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.models import Client
from koers.web.plans import actions
from koers.web.plans.models import Plan
from koers.web.plans.queries import personal_transitions
from tests.web.conftest import People, make_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("explorer_knowledge")]
HAIRDRESSER = "http://data.europa.eu/esco/occupation/099c6bb0-22d3-4c5d-8bf5-70910af381ef"


def sandras_plan(people: People, **client: str) -> Plan:
    sandra = make_client(
        people.anna,
        first_name="Sandra",
        occupation_uri=HAIRDRESSER,
        **client,  # type: ignore[arg-type]
    )
    plan = actions.start_plan(by=people.anna, client=sandra)
    actions.update_plan(
        by=people.anna,
        plan=plan,
        version=plan.version,
        values={"coach_notes": "alleen voor mij", "client_notes": "Goed gedaan!"},
    )
    best = personal_transitions(plan, 1)[0]
    actions.add_direction(
        by=people.anna,
        plan=plan,
        version=plan.version,
        kind="new",
        occupation_uri=best.uri,
        why="ik werk graag met mensen",
    )
    actions.add_action(
        by=people.anna,
        plan=plan,
        version=plan.version,
        what="proefdag regelen",
        who="client",
        due_on=timezone.localdate(),
    )
    return plan


def page_of(browser: Browser, plan: Plan, **query: str) -> str:
    response = browser.get(reverse("plans:client_copy", args=[plan.client_id]), query)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_anna_prints_sandras_plan_in_dutch_without_her_own_notes(
    people: People, client: Browser
) -> None:
    plan = sandras_plan(people)
    client.force_login(people.anna)
    page = page_of(client, plan)
    direction = knowledge.taxonomy().occupation(plan.directions.get().occupation_uri)
    assert '<html lang="nl">' in page
    assert "<h1>Loopbaanplan van Sandra</h1>" in page
    assert f'<span lang="nl">{direction.label("nl")}</span>' in page
    assert "Waarom dit bij je past: ik werk graag met mensen" in page
    assert "proefdag regelen · dit doe jij · uiterlijk" in page
    assert "Goed gedaan!" in page
    assert "alleen voor mij" not in page
    assert "score" not in page.lower()
    entry = AuditEvent.objects.get(action=AuditAction.PLAN_PRINTED)
    assert (entry.actor, entry.client_id, entry.target) == (
        people.anna,
        plan.client_id,
        f"planversion:{plan.versions.get(number=plan.version).pk}",
    )


def test_a_client_who_reads_english_gets_it_in_english(people: People, client: Browser) -> None:
    plan = sandras_plan(people, language="en")
    client.force_login(people.anna)
    page = page_of(client, plan)
    assert '<html lang="en">' in page
    assert "<h1>Career plan of Sandra</h1>" in page
    assert "proefdag regelen · you do this · by" in page


def test_an_earlier_version_prints_as_it_was(people: People, client: Browser) -> None:
    plan = sandras_plan(people)
    client.force_login(people.anna)
    first = page_of(client, plan, versie="1")
    assert "Versie 1 van" in first
    assert "proefdag regelen" not in first
    assert (
        client.get(
            reverse("plans:client_copy", args=[plan.client_id]), {"versie": "99"}
        ).status_code
        == 404
    )


def test_the_pdf_is_the_same_copy_made_on_the_server(people: People, client: Browser) -> None:
    plan = sandras_plan(people)
    client.force_login(people.anna)
    response = client.get(reverse("plans:client_copy_pdf", args=[plan.client_id]))
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="loopbaanplan-v{plan.version}.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    direction = knowledge.taxonomy().occupation(plan.directions.get().occupation_uri)
    assert "Loopbaanplan van Sandra" in text
    assert direction.label("nl") in text
    assert "alleen voor mij" not in text


def test_dirk_of_another_team_gets_nothing(people: People, client: Browser) -> None:
    plan = sandras_plan(people)
    client.force_login(people.dirk)
    for name in ("plans:client_copy", "plans:client_copy_pdf"):
        assert client.get(reverse(name, args=[plan.client_id])).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.PLAN_PRINTED).exists()


def test_a_client_without_a_plan_has_no_copy(people: People, client: Browser) -> None:
    petra = make_client(people.anna)
    client.force_login(people.anna)
    assert client.get(reverse("plans:client_copy", args=[petra.pk])).status_code == 404
    assert Client.objects.filter(pk=petra.pk).exists()


def test_the_editor_links_to_the_clients_copy_and_its_pdf(people: People, client: Browser) -> None:
    plan = sandras_plan(people)
    client.force_login(people.anna)
    page = client.get(reverse("plans:plan", args=[plan.client_id])).content.decode()
    copy = reverse("plans:client_copy", args=[plan.client_id])
    pdf = reverse("plans:client_copy_pdf", args=[plan.client_id])
    assert f'<a href="{copy}" class="no-print">Het plan voor de cliënt</a>' in page
    assert f'<a href="{pdf}" class="no-print">pdf</a>' in page
