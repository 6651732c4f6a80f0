"""Sending the plan to the commissioning party (#16): only on the client's consent, always a
recorded act of the version sent, and never with the coach's own notes."""

from __future__ import annotations

import datetime
import io
import re
from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import RestrictedError
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import create_traject, give_consent, revoke_consent
from koers.web.clients.models import Client, Consent, Opdrachtgever, Traject
from koers.web.plans import actions
from koers.web.plans.client_copy import client_copy_html
from koers.web.plans.models import Plan, PlanShare, PlanVersion
from koers.web.plans.sharing import share_plan
from koers.web.privacy.erasure import erase_client
from tests.web.conftest import People, make_client

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def plan(people: People, traject: Traject) -> Plan:
    """Sandra's plan in version 2: a note for her and one that stays with Anna."""
    plan = actions.start_plan(by=people.anna, client=traject.client)
    return actions.update_plan(
        by=people.anna,
        plan=plan,
        version=plan.version,
        values={"client_notes": "Goed gedaan, Sandra!", "coach_notes": "alleen voor Anna"},
    )


def consent(people: People, client: Client, **dates: datetime.date | None) -> Consent:
    given_on = dates.pop("given_on", None) or TODAY() - 10 * DAY
    return give_consent(
        by=people.anna,
        client=client,
        recipient="opdrachtgever",
        given_on=given_on,
        expires_on=dates.get("expires_on"),
    )


def current(plan: Plan) -> PlanVersion:
    return plan.versions.get(number=plan.version)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_it_sends_the_plan_with_consent_and_records_what_went_where(
    people: People, traject: Traject, plan: Plan
) -> None:
    given = consent(people, traject.client)

    share = share_plan(by=people.anna, version=current(plan), traject=traject, note="na overleg")

    assert (share.version.number, share.traject, share.opdrachtgever) == (
        2,
        traject,
        traject.opdrachtgever,
    )
    assert (share.recipient_kind, share.consent, share.sent_by) == ("oo_fonds", given, people.anna)
    assert (share.how, share.note) == ("download", "na overleg")


def test_the_audit_entry_names_the_version_sent(
    people: People, traject: Traject, plan: Plan
) -> None:
    consent(people, traject.client)

    share_plan(by=people.anna, version=current(plan), traject=traject)

    entry = AuditEvent.objects.get(action=AuditAction.PLAN_SHARED)
    assert (entry.actor, entry.client_id, entry.target) == (
        people.anna,
        traject.client_id,
        f"planversion:{current(plan).pk}",
    )
    assert entry.detail == f"v2 to opdrachtgever {traject.opdrachtgever_id}"


@pytest.mark.parametrize(
    "dates",
    [
        pytest.param(None, id="never-given"),
        pytest.param({"expires_on": TODAY() - DAY}, id="run-out-yesterday"),
        pytest.param({"given_on": TODAY() + DAY}, id="given-from-tomorrow"),
    ],
)
def test_it_refuses_without_a_consent_that_holds_today(
    people: People, traject: Traject, plan: Plan, dates: dict[str, datetime.date] | None
) -> None:
    if dates is not None:
        consent(people, traject.client, **dates)

    with pytest.raises(ValidationError) as refused:
        share_plan(by=people.anna, version=current(plan), traject=traject)

    assert "toestemming" in refused.value.message_dict["traject"][0]
    assert not PlanShare.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.PLAN_SHARED).exists()


def test_a_consent_that_runs_until_today_still_holds(
    people: People, traject: Traject, plan: Plan
) -> None:
    consent(people, traject.client, expires_on=TODAY())

    assert share_plan(by=people.anna, version=current(plan), traject=traject).pk


def test_consent_for_the_employer_is_not_consent_for_the_commissioning_party(
    people: People, traject: Traject, plan: Plan
) -> None:
    give_consent(by=people.anna, client=traject.client, recipient="werkgever", given_on=TODAY())

    with pytest.raises(ValidationError):
        share_plan(by=people.anna, version=current(plan), traject=traject)


def test_a_revoked_consent_keeps_earlier_shares_but_stops_new_ones(
    people: People, traject: Traject, plan: Plan
) -> None:
    given = consent(people, traject.client)
    earlier = share_plan(by=people.anna, version=current(plan), traject=traject)

    revoke_consent(by=people.anna, consent=given)

    with pytest.raises(ValidationError):
        share_plan(by=people.anna, version=current(plan), traject=traject)
    assert list(PlanShare.objects.all()) == [earlier]
    assert PlanShare.objects.get().consent.revoked_on == TODAY()


def test_it_refuses_a_traject_of_another_client(
    people: People, traject: Traject, plan: Plan, opdrachtgever: Opdrachtgever
) -> None:
    consent(people, traject.client)
    petra = make_client(people.anna)
    consent(people, petra)
    hers = create_traject(
        by=people.anna, client=petra, values={"opdrachtgever": opdrachtgever, "starts": TODAY()}
    )

    with pytest.raises(ValidationError) as refused:
        share_plan(by=people.anna, version=current(plan), traject=hers)

    assert refused.value.message_dict["traject"] == ["Dit traject is niet van deze cliënt."]


def test_dirk_of_another_team_cannot_send_it(people: People, traject: Traject, plan: Plan) -> None:
    consent(people, traject.client)

    with pytest.raises(PermissionDenied):
        share_plan(by=people.dirk, version=current(plan), traject=traject)

    assert not PlanShare.objects.exists()


def test_bram_her_team_lead_may_send_it_too(people: People, plan: Plan, traject: Traject) -> None:
    consent(people, traject.client)

    assert share_plan(by=people.bram, version=current(plan), traject=traject).sent_by == people.bram


def test_nothing_goes_once_the_clients_data_is_erased(
    people: People, traject: Traject, plan: Plan
) -> None:
    consent(people, traject.client)
    erase_client(by=people.carla, client=traject.client)

    with pytest.raises(ValidationError) as refused:
        share_plan(by=people.anna, version=current(plan), traject=traject)

    assert "gewist" in refused.value.messages[0]


def test_a_client_who_pays_themselves_gets_the_plan_from_the_coach_not_through_a_share(
    people: People, traject: Traject, plan: Plan
) -> None:
    consent(people, traject.client)
    Opdrachtgever.objects.filter(pk=traject.opdrachtgever_id).update(kind="particulier")

    with pytest.raises(ValidationError) as refused:
        share_plan(by=people.anna, version=current(plan), traject=traject)

    assert "zelf" in refused.value.message_dict["traject"][0]


@pytest.mark.parametrize(
    ("note", "field"), [("BSN 111222333", "note"), ("x" * 301, "note")], ids=["bsn", "too-long"]
)
def test_a_note_with_a_bsn_or_too_long_is_refused(
    people: People, traject: Traject, plan: Plan, note: str, field: str
) -> None:
    consent(people, traject.client)

    with pytest.raises(ValidationError) as refused:
        share_plan(by=people.anna, version=current(plan), traject=traject, note=note)

    assert field in refused.value.message_dict
    assert not PlanShare.objects.exists()


def test_the_shared_copy_never_holds_the_coachs_own_notes(plan: Plan) -> None:
    page = client_copy_html(current(plan))

    assert "Goed gedaan, Sandra!" in page
    assert "alleen voor Anna" not in page


def test_a_sent_plan_keeps_its_traject_and_consent_but_goes_with_the_whole_client(
    people: People, traject: Traject, plan: Plan
) -> None:
    given = consent(people, traject.client)
    share_plan(by=people.anna, version=current(plan), traject=traject)

    with pytest.raises(RestrictedError):
        Traject.objects.filter(pk=traject.pk).delete()
    with pytest.raises(RestrictedError):
        Consent.objects.filter(pk=given.pk).delete()
    Client.objects.filter(pk=traject.client_id).delete()
    assert not PlanShare.objects.exists()


# The editor and the versions page.


def sharing_page(browser: Browser, plan: Plan) -> str:
    response = browser.get(reverse("plans:sharing", args=[plan.client_id]))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def send(browser: Browser, plan: Plan, traject: Traject, version: int, note: str = "") -> Response:
    return browser.post(
        reverse("plans:share", args=[plan.client_id]),
        {"version": str(version), "traject": str(traject.pk), "note": note},
    )


def test_anna_sends_version_2_and_gets_exactly_that_pdf_even_after_a_newer_one(
    people: People, traject: Traject, plan: Plan, client: Browser
) -> None:
    consent(people, traject.client)
    client.force_login(people.anna)
    page = sharing_page(client, plan)
    assert "Delen met de opdrachtgever" in page
    assert "Versie 2 versturen" in page
    actions.update_plan(
        by=people.anna, plan=plan, version=2, values={"client_notes": "Nieuwe notitie"}
    )

    response = send(client, plan, traject, 2, note="per mail aan het fonds")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="loopbaanplan-v2.pdf"'
    text = pdf_text(response.content)
    assert "Goed gedaan, Sandra!" in text
    assert "Nieuwe notitie" not in text
    assert "alleen voor Anna" not in text
    share = PlanShare.objects.get()
    assert (share.version.number, share.note) == (2, "per mail aan het fonds")
    page = sharing_page(client, plan)
    assert "Versie 2 aan O&amp;O-fonds Detailhandel, op" in page
    assert re.search(r"Versie 2 aan [^<]* door Anna · per mail aan het fonds", page)


def test_without_consent_the_sharing_page_says_so_links_to_the_consent_form_and_sends_nothing(
    people: People, traject: Traject, plan: Plan, client: Browser
) -> None:
    client.force_login(people.anna)
    page = sharing_page(client, plan)
    assert "De cliënt heeft geen toestemming gegeven" in page
    assert f'href="{reverse("clients:give_consent", args=[traject.client_id])}"' in page
    assert "Versie 2 versturen" not in page

    response = send(client, plan, traject, 2)

    assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert "De cliënt heeft geen toestemming gegeven" in response.content.decode()
    assert not PlanShare.objects.exists()


def test_the_sharing_page_offers_only_this_clients_trajecten(
    people: People, traject: Traject, plan: Plan, client: Browser, opdrachtgever: Opdrachtgever
) -> None:
    petra = make_client(people.anna)
    hers = create_traject(
        by=people.anna, client=petra, values={"opdrachtgever": opdrachtgever, "starts": TODAY()}
    )
    consent(people, traject.client)
    client.force_login(people.anna)
    section = sharing_page(client, plan).split('id="share"')[1]
    assert f'<option value="{traject.pk}"' in section
    assert f'<option value="{hers.pk}"' not in section

    response = send(client, plan, hers, 2)

    assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not PlanShare.objects.exists()


def test_dirk_cannot_send_sandras_plan_from_the_web(
    people: People, traject: Traject, plan: Plan, client: Browser
) -> None:
    consent(people, traject.client)
    client.force_login(people.dirk)

    assert send(client, plan, traject, 2).status_code == 404
    assert not PlanShare.objects.exists()


def test_an_unknown_version_is_not_sent(
    people: People, traject: Traject, plan: Plan, client: Browser
) -> None:
    consent(people, traject.client)
    client.force_login(people.anna)

    response = send(client, plan, traject, 9)

    assert "Deze versie van het plan bestaat niet." in response.content.decode()
    assert not PlanShare.objects.exists()


def test_the_versions_page_marks_which_version_went_to_whom(
    people: People, traject: Traject, plan: Plan, client: Browser
) -> None:
    consent(people, traject.client)
    share_plan(by=people.anna, version=current(plan), traject=traject)
    client.force_login(people.anna)

    response = client.get(reverse("plans:versions", args=[plan.client_id]))

    rows = " ".join(response.content.decode().split()).split("<tr>")
    sent = [row for row in rows if "aan O&amp;O-fonds Detailhandel op" in row]
    assert len(sent) == 1
    assert "Versie 2" in sent[0]


def test_the_consent_form_offers_the_commissioning_party(
    people: People, traject: Traject, client: Browser
) -> None:
    client.force_login(people.anna)

    page = client.get(reverse("clients:give_consent", args=[traject.client_id])).content.decode()

    assert 'value="opdrachtgever"' in page
