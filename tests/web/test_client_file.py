"""Anna keeps her clients' files: details, trajecten, contacts and consent, each change audited."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients import actions, queries
from koers.web.clients.inputs import ContactValues
from koers.web.clients.models import Client, Contact, Opdrachtgever, StatusChange, Traject
from koers.web.clients.queries import ChangeOnTimeline, ContactOnTimeline
from koers.web.common.bsn import contains_bsn, refuse_bsn
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db
KAPPER = "http://data.europa.eu/esco/occupation/099c6bb0-22d3-4c5d-8bf5-70910af381ef"


def signed_in(browser: Browser, username: str) -> Browser:
    browser.force_login(User.objects.get(username=username))
    return browser


def post_client(browser: Browser, **values: Any) -> Any:
    data = {
        "first_name": "Sandra",
        "last_name": "Bakker",
        "phone": "06 11223344",
        "situation": "home_waiting",
        "question_type": "short",
        "urgency": "high",
        "channel": "telefoon",
        "language": "nl",
    }
    data.update(values)
    return browser.post(reverse("clients:create"), data)


def test_it_creates_a_client_and_records_history_and_audit(people: People, client: Browser) -> None:
    response = post_client(signed_in(client, "anna"), call_times=["ochtend", "avond"])
    sandra = Client.objects.get(first_name="Sandra")
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:client", args=[sandra.pk])
    assert sandra.coach == people.anna
    assert sandra.call_times == ["ochtend", "avond"]
    assert sorted(StatusChange.objects.filter(client=sandra).values_list("field", "new")) == [
        ("situation", "home_waiting"),
        ("urgency", "high"),
    ]
    created = AuditEvent.objects.get(action=AuditAction.CLIENT_CREATED)
    assert created.actor == people.anna and created.client_id == sandra.pk
    assert "phone" in created.fields
    assert "06 11223344" not in str(created.fields) + created.detail


def test_it_refuses_a_bsn_in_any_field_and_stores_nothing(people: People, client: Browser) -> None:
    response = post_client(signed_in(client, "anna"), notes="BSN 111222333 staat op de brief")
    assert response.status_code == 200
    assert "BSN" in response.content.decode()
    assert not Client.objects.exists()
    with pytest.raises(ValidationError):
        make_client(people.anna, notes="123456782")


def test_it_does_not_mistake_a_phone_number_for_a_bsn(people: People) -> None:
    assert make_client(people.anna, phone="0612345678").phone == "0612345678"


def test_it_finds_the_occupation_with_the_title_search(people: People, client: Browser) -> None:
    browser = signed_in(client, "anna")
    response = post_client(browser, occupation_query="kapper", choose="1")
    page = response.content.decode()
    assert response.status_code == 200 and not Client.objects.exists()
    assert KAPPER in page
    post_client(browser, occupation_query="kapper", occupation_uri=KAPPER)
    assert Client.objects.get().occupation_uri == KAPPER


def test_the_client_page_links_the_engine_and_is_audited(people: People, client: Browser) -> None:
    petra = make_client(people.anna, occupation_uri=KAPPER)
    response = signed_in(client, "anna").get(reverse("casework:client", args=[petra.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Petra de Vries" in page
    assert reverse("explorer:next_steps", args=[KAPPER.rsplit("/", 1)[1]]) in page
    assert AuditEvent.objects.filter(
        action=AuditAction.CLIENT_VIEWED, client_id=petra.pk, actor=people.anna
    ).exists()


def test_two_editors_get_a_conflict_and_lose_nothing(people: People, client: Browser) -> None:
    petra = make_client(people.anna)
    form = {
        "version": str(petra.version),
        "first_name": "Petra",
        "last_name": "de Vries",
        "situation": "lost_job",
        "question_type": "short",
        "urgency": "high",
        "channel": "telefoon",
        "language": "nl",
    }
    actions.update_client(
        by=people.bram, client=petra, version=petra.version, values={"phone": "06 99999999"}
    )
    response = signed_in(client, "anna").post(reverse("clients:edit", args=[petra.pk]), form)
    assert response.status_code == 409
    page = response.content.decode()
    # The situation Anna chose stands in the column "Jouw versie".
    assert '<th scope="row">Situatie</th> <td>werk verloren</td>' in " ".join(page.split())
    petra.refresh_from_db()
    assert petra.phone == "06 99999999" and petra.situation == "at_risk"
    # Saving again (with the version the conflict page carries) keeps Anna's version.
    form["version"] = str(petra.version)
    response = client.post(reverse("clients:edit", args=[petra.pk]), form)
    assert response.status_code == 302
    petra.refresh_from_db()
    assert petra.situation == "lost_job"


def test_an_action_with_an_old_version_changes_nothing(people: People) -> None:
    petra = make_client(people.anna)
    actions.update_client(by=people.anna, client=petra, version=1, values={"urgency": "low"})
    with pytest.raises(actions.ConflictError):
        actions.update_client(by=people.anna, client=petra, version=1, values={"urgency": "high"})
    petra.refresh_from_db()
    assert petra.urgency == "low" and petra.version == 2


def test_a_contact_counts_against_the_budget_and_updates_situation(
    people: People, client: Browser, opdrachtgever: Opdrachtgever
) -> None:
    petra = make_client(people.anna)
    traject = actions.create_traject(
        by=people.anna,
        client=petra,
        values={
            "opdrachtgever": opdrachtgever,
            "starts": datetime.date(2026, 11, 1),
            "budget": Decimal(10),
            "budget_unit": "uren",
        },
    )
    response = signed_in(client, "anna").post(
        reverse("clients:log_contact", args=[petra.pk]),
        {
            "at": "2026-11-20T10:30",
            "channel": "telefoon",
            "with_whom": "client",
            "outcome": "bereikt",
            "minutes": "45",
            "traject": str(traject.pk),
            "situation_after": "lost_job",
            "urgency_after": "high",
            "summary": "Winkel sluit per 1 januari.",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.traject == traject and contact.by == people.anna and not contact.shareable
    petra.refresh_from_db()
    assert (petra.situation, petra.urgency) == ("lost_job", "high")
    assert StatusChange.objects.filter(client=petra, field="situation", new="lost_job").exists()
    page = client.get(reverse("casework:client", args=[petra.pk])).content.decode()
    assert "<p>0,8 uur gebruikt van 10,0 uur</p>" in page  # 45 minutes of the 10 hours
    logged = AuditEvent.objects.get(action=AuditAction.CONTACT_LOGGED)
    assert "summary" in logged.fields and "Winkel" not in str(logged.fields)


def test_a_call_back_needs_a_time(people: People, client: Browser) -> None:
    petra = make_client(people.anna)
    response = signed_in(client, "anna").post(
        reverse("clients:log_contact", args=[petra.pk]),
        {
            "at": "2026-11-20T10:30",
            "channel": "telefoon",
            "with_whom": "client",
            "outcome": "terugbellen",
            "minutes": "2",
        },
    )
    assert response.status_code == 200 and not Contact.objects.exists()


def test_a_traject_moves_step_by_step_and_closes_with_an_outcome(
    people: People, client: Browser, opdrachtgever: Opdrachtgever
) -> None:
    petra = make_client(people.anna)
    traject = actions.create_traject(
        by=people.anna,
        client=petra,
        values={"opdrachtgever": opdrachtgever, "starts": timezone.localdate()},
    )
    browser = signed_in(client, "anna")
    url = reverse("clients:traject_status", args=[petra.pk, traject.pk])
    assert browser.post(url, {"status": "actief"}).status_code == 200  # skips the intake
    for step in ("intake", "actief", "gepauzeerd", "actief"):
        assert browser.post(url, {"status": step}).status_code == 302
    assert browser.post(url, {"status": "afgesloten"}).status_code == 200  # no outcome
    assert browser.post(url, {"status": "afgesloten", "outcome": "vwnw"}).status_code == 302
    traject.refresh_from_db()
    assert (traject.status, traject.outcome) == ("afgesloten", "vwnw")
    assert traject.closed_on == timezone.localdate()
    assert AuditEvent.objects.filter(action=AuditAction.TRAJECT_STATUS).count() == 5
    with pytest.raises(actions.StepError):
        actions.change_traject_status(by=people.anna, traject=traject, status="actief")


def test_consent_is_given_and_revoked(people: People, client: Browser) -> None:
    petra = make_client(people.anna)
    browser = signed_in(client, "anna")
    browser.post(
        reverse("clients:give_consent", args=[petra.pk]),
        {"recipient": "werkgever", "given_on": "2026-11-01"},
    )
    consent = petra.consents.get()
    assert consent.is_active
    browser.post(reverse("clients:revoke_consent", args=[petra.pk, consent.pk]))
    consent.refresh_from_db()
    assert not consent.is_active
    assert AuditEvent.objects.filter(action=AuditAction.CONSENT_REVOKED).exists()


def test_the_team_lead_hands_a_client_over(people: People, client: Browser) -> None:
    petra = make_client(people.anna)
    browser = signed_in(client, "bram")
    response = browser.post(
        reverse("clients:reassign", args=[petra.pk]), {"coach": str(people.eva.pk)}
    )
    assert response.status_code == 302
    petra.refresh_from_db()
    assert petra.coach == people.eva
    # Anna no longer sees Petra once Eva's cover by Anna ends; today she still covers Eva.
    signed_in(client, "dirk")
    assert (
        client.post(
            reverse("clients:reassign", args=[petra.pk]), {"coach": str(people.dirk.pk)}
        ).status_code
        == 404
    )


def test_traject_end_before_start_is_refused(people: People, opdrachtgever: Opdrachtgever) -> None:
    petra = make_client(people.anna)
    with pytest.raises(ValidationError):
        actions.create_traject(
            by=people.anna,
            client=petra,
            values={
                "opdrachtgever": opdrachtgever,
                "starts": datetime.date(2026, 5, 1),
                "ends": datetime.date(2026, 4, 1),
            },
        )
    assert not Traject.objects.exists()


def test_the_latest_successful_contact_is_kept_on_the_client(people: People) -> None:
    petra = make_client(people.anna)
    now = timezone.now()
    actions.log_contact(by=people.anna, client=petra, values={"at": now, "outcome": "niet_bereikt"})
    assert petra.last_reached_at is None
    actions.log_contact(by=people.anna, client=petra, values={"at": now, "outcome": "bereikt"})
    assert petra.last_reached_at == now
    earlier = now - datetime.timedelta(days=3)
    actions.log_contact(by=people.anna, client=petra, values={"at": earlier, "outcome": "bereikt"})
    petra.refresh_from_db()
    assert petra.last_reached_at == now


def test_a_retried_contact_form_logs_the_contact_once(people: People, client: Browser) -> None:
    """A worker killed after saving never answered; the coach's retry must not log it twice."""
    petra = make_client(people.anna)
    url = reverse("clients:log_contact", args=[petra.pk])
    opened = signed_in(client, "anna").get(url)
    token = opened.context["form"]["submit_token"].value()
    assert token and f'value="{token}"' in opened.content.decode()
    form = {"at": "2026-11-20T10:30", "channel": "telefoon", "with_whom": "client"}
    form.update(outcome="bereikt", minutes="10", submit_token=token)
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302
    contact = Contact.objects.get()
    assert contact.form_token == token
    assert AuditEvent.objects.filter(action=AuditAction.CONTACT_LOGGED).count() == 1
    # The next time the form opens, it has a new token.
    assert client.get(url).context["form"]["submit_token"].value() != token


def test_a_submit_token_is_not_honoured_for_another_client(people: People) -> None:
    petra = make_client(people.anna)
    kees = make_client(people.anna, first_name="Kees")
    values: ContactValues = {"at": timezone.now(), "outcome": "bereikt"}
    first = actions.log_contact(by=people.anna, client=petra, values=values, token="abc")
    assert actions.log_contact(by=people.anna, client=petra, values=values, token="abc") == first
    with pytest.raises(ValidationError):
        actions.log_contact(by=people.anna, client=kees, values=values, token="abc")
    # Without a token (the command line, the demo data) every call logs a contact.
    actions.log_contact(by=people.anna, client=petra, values=values)
    actions.log_contact(by=people.anna, client=petra, values=values)
    assert Contact.objects.count() == 3


@pytest.mark.parametrize("key", ["client_id", "by_id", "id", "outcom"])
def test_a_contact_with_an_unknown_field_is_refused_and_nothing_is_written(
    people: People, key: str
) -> None:
    """Like every other action, log_contact takes only the fields of a contact: on main a
    ``client_id`` logged the contact on another client than the one whose access was checked."""
    petra = make_client(people.anna)
    kees = make_client(people.anna, first_name="Kees")
    actions.log_contact(
        by=people.anna, client=kees, values={"at": timezone.now(), "outcome": "bereikt"}
    )
    kept = Contact.objects.get()
    values: dict[str, object] = {"at": timezone.now(), "outcome": "bereikt", key: kees.pk}
    with pytest.raises(TypeError, match=f"^unknown fields: {key}$"):
        actions.log_contact(by=people.anna, client=petra, values=values)  # type: ignore[arg-type]
    assert list(Contact.objects.all()) == [kept]
    assert Contact.objects.get().client == kees and Contact.objects.get().by == people.anna
    assert AuditEvent.objects.filter(action=AuditAction.CONTACT_LOGGED).count() == 1


@pytest.mark.parametrize(
    "text",
    [
        "111 222 333",
        "111.222.333",
        "111/222/333",
        "111-222-333",
        "111 - 222 - 333",
        "111_222_333",
        "1\u200b11222333",
        "111\u200c222\u200d333",
        "111\u2060222\ufeff333",
        "111\u00a0222\u2013333",
        "1 1 1 2 2 2 3 3 3",
        "BSN: 111222333, tel 0612345678",
    ],
)
def test_it_finds_a_bsn_whatever_is_written_between_the_digits(text: str) -> None:
    assert contains_bsn(text)
    with pytest.raises(ValidationError):
        refuse_bsn(f"Brief van de gemeente: {text}.")


@pytest.mark.parametrize(
    "text",
    [
        "06 12345678",
        "06-123 456 78",
        "+31 6 12345678",
        "+31 612345678",
        "0031 6 1234 5678",
        "24-11-2026 om 10:30",
        "111 222 334",
        "Order 1234-5678",
    ],
)
def test_it_leaves_phone_numbers_dates_and_other_numbers_alone(text: str) -> None:
    assert not contains_bsn(text)


def test_the_timeline_lists_contacts_and_changes_newest_first(people: People) -> None:
    petra = make_client(people.anna)
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    contact = actions.log_contact(
        by=people.anna,
        client=petra,
        values={"at": an_hour_ago, "outcome": "bereikt", "situation_after": "lost_job"},
    )
    entries = queries.timeline(petra)
    assert [entry.kind for entry in entries] == ["change", "change", "change", "contact"]
    assert entries[-1] == ContactOnTimeline(contact)
    changes = StatusChange.objects.filter(client=petra)
    assert set(entries[:-1]) == {ChangeOnTimeline(change) for change in changes}
    assert [entry.at for entry in entries] == sorted((entry.at for entry in entries), reverse=True)
