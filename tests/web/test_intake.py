"""Call-back requests (issue 7): Sandra asks to be called back from the explorer; Bram gives
the request to Anna, who calls and adds Sandra as a client. Nobody else sees the request."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers import knowledge
from koers.web.accounts.models import Cover
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.client_address import fingerprint_of
from koers.web.clients.models import Client
from koers.web.explorer.short_code import Place, encode
from koers.web.intake import actions, limits
from koers.web.intake.models import CallbackRequest, Status
from tests.transitions.test_ranker import COOK
from tests.web.conftest import People, make_client

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

ESCO = "http://data.europa.eu/esco/occupation/"
FORM = reverse("intake:callback")
THANKS = reverse("intake:thanks")
QUEUE = reverse("intake:queue")
SANDRA = {"first_name": "Sandra", "phone": "06 12345678", "best_time": "ochtend"}
# A number that passes the 11-proef: a BSN, which Koers never stores.
BSN = "111222333"


def send(browser: Browser, address: str = "192.0.2.10", **values: str) -> Response:
    return browser.post(FORM, {**SANDRA, **values}, REMOTE_ADDR=address)


def a_code() -> str:
    return encode(Place(0))


def a_request(**values: object) -> CallbackRequest:
    fields: dict[str, object] = {**SANDRA, "fingerprint": "x" * 64}
    fields.update(values)
    return CallbackRequest.objects.create(**fields)


def assigned_to_anna(people: People) -> CallbackRequest:
    return actions.assign_request(by=people.bram, callback=a_request(), coach=people.anna)


# The public form.


def test_it_offers_the_call_back_form_on_every_explorer_page(client: Browser) -> None:
    html = client.get("/").content.decode()
    assert f'action="{FORM}"' in html
    assert 'autocomplete="given-name"' in html
    assert 'type="tel"' in html and 'autocomplete="tel"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    # The home page shows no result, so there is no code to send.
    assert 'name="send_code"' not in html


def test_it_offers_to_send_the_code_where_a_page_shows_a_result(client: Browser) -> None:
    html = client.get(f"/beroep/{COOK.removeprefix(ESCO)}/verder/").content.decode()
    code = re.search(r'<strong class="short-code">([^<]+)</strong>', html)
    assert code is not None
    assert 'name="send_code"' in html
    assert f'name="short_code" value="{code.group(1)}"' in html


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client: Browser) -> None:
    html = client.get("/").content.decode()
    hidden = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S)
    assert hidden is not None
    assert 'name="website"' in hidden.group(1)
    assert 'tabindex="-1"' in hidden.group(1)


@pytest.mark.django_db
def test_it_stores_a_request_without_a_code(client: Browser) -> None:
    response = send(client)

    assert response.status_code == 302
    assert response["Location"] == THANKS
    stored = CallbackRequest.objects.get()
    assert (stored.first_name, stored.phone, stored.best_time) == (
        "Sandra",
        "06 12345678",
        "ochtend",
    )
    assert stored.short_code == ""
    assert stored.status == Status.NEW
    entry = AuditEvent.objects.get(action=AuditAction.INTAKE_RECEIVED)
    assert entry.actor is None
    assert entry.fields == ["best_time", "first_name", "phone"]
    assert "Sandra" not in entry.detail and "0612345678" not in str(entry.fields)


@pytest.mark.django_db
def test_it_stores_the_code_only_when_the_box_is_ticked(client: Browser) -> None:
    code = a_code()
    send(client, short_code=code)
    send(client, short_code=code.lower(), send_code="on", address="192.0.2.11")

    assert list(CallbackRequest.objects.values_list("short_code", flat=True)) == ["", code]


@pytest.mark.django_db
def test_it_refuses_a_code_that_koers_did_not_make(client: Browser) -> None:
    response = send(client, short_code="AAAAAAA", send_code="on")

    assert response.status_code == 200
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
def test_the_address_is_never_stored_only_a_hash_that_changes_daily(client: Browser) -> None:
    send(client, address="192.0.2.10")

    stored = CallbackRequest.objects.get()
    assert "192.0.2.10" not in stored.fingerprint
    today = timezone.localdate()
    assert stored.fingerprint == fingerprint_of("192.0.2.10", today=today, purpose="intake")
    tomorrow = today + datetime.timedelta(days=1)
    assert stored.fingerprint != fingerprint_of("192.0.2.10", today=tomorrow, purpose="intake")


@pytest.mark.django_db
def test_a_bot_that_fills_the_honeypot_gets_the_same_answer_and_nothing_is_stored(
    client: Browser,
) -> None:
    response = send(client, website="https://spam.example")

    assert response.status_code == 302
    assert response["Location"] == THANKS
    assert not CallbackRequest.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["first_name", "phone"])
def test_it_refuses_a_bsn(client: Browser, field: str) -> None:
    response = client.post("/en" + FORM, {**SANDRA, field: BSN})

    assert response.status_code == 200
    assert "Koers does not store a BSN" in response.content.decode()
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("phone", ["12345", "06 1234", "call me", "+31 6 1234 5678 9999 99"])
def test_it_refuses_what_is_not_a_phone_number(client: Browser, phone: str) -> None:
    response = client.post("/en" + FORM, {**SANDRA, "phone": phone})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-describedby="callback-phone_error"' in html
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("phone", ["0612345678", "06-12345678", "020 123 45 67", "+31 6 12345678"])
def test_it_takes_dutch_and_international_numbers(client: Browser, phone: str) -> None:
    assert send(client, phone=phone).status_code == 302


@pytest.mark.django_db
def test_it_asks_for_a_name_and_a_number_in_plain_words(client: Browser) -> None:
    html = client.post("/en" + FORM, {"best_time": "any"}).content.decode()

    assert "Fill in your first name." in html
    assert "Fill in your phone number." in html
    assert 'role="alert"' in html


@pytest.mark.django_db
def test_it_accepts_three_requests_an_hour_from_one_sender(client: Browser) -> None:
    for _ in range(limits.PER_SENDER_PER_HOUR):
        assert send(client).status_code == 302

    response = client.post("/en" + FORM, SANDRA, REMOTE_ADDR="192.0.2.10")

    assert response.status_code == 429
    assert "You already sent us several requests." in response.content.decode()
    assert CallbackRequest.objects.count() == limits.PER_SENDER_PER_HOUR
    # Someone else can still ask.
    assert send(client, address="198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_the_limit_of_one_sender_ends_after_an_hour(client: Browser) -> None:
    for _ in range(limits.PER_SENDER_PER_HOUR):
        send(client)
    CallbackRequest.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))

    assert send(client).status_code == 302


@pytest.mark.django_db
def test_it_limits_everyone_together(client: Browser, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "TOTAL_PER_HOUR", 2)
    send(client, address="192.0.2.1")
    send(client, address="192.0.2.2")

    response = client.post("/en" + FORM, SANDRA, REMOTE_ADDR="192.0.2.3")

    assert response.status_code == 429
    assert "Many people are asking for a call right now." in response.content.decode()
    assert CallbackRequest.objects.count() == 2


@pytest.mark.django_db
def test_csrf_works_on_the_explorer_pages() -> None:
    browser = Browser(enforce_csrf_checks=True)
    html = browser.get("/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None

    response = browser.post(FORM, {**SANDRA, "csrfmiddlewaretoken": token.group(1)})

    assert response.status_code == 302
    assert Browser(enforce_csrf_checks=True).post(FORM, SANDRA).status_code == 403


def test_the_confirmation_page_says_when_we_call_and_when_we_delete(client: Browser) -> None:
    html = client.get("/en" + THANKS).content.decode()

    assert "<h1>We will call you back</h1>" in html
    assert "within 2 working days" in html
    assert "What can you do in the meantime?" in html
    assert "we delete your request after 30 days" in html
    # The page does not offer the form a second time.
    assert f'action="/en{FORM}"' not in html


def test_the_footer_says_what_is_stored(client: Browser) -> None:
    html = client.get("/en/").content.decode()
    assert "Only if you ask us to call you back do we keep your first name and phone" in html


def test_the_form_page_opens_on_its_own_with_the_code(client: Browser) -> None:
    code = a_code()
    html = client.get(FORM, {"code": code}).content.decode()
    assert html.count('name="first_name"') == 1
    assert f'name="short_code" value="{code}"' in html


@pytest.mark.django_db
def test_it_stores_the_long_code_of_a_result_with_what_she_can_also_do(client: Browser) -> None:
    code = encode(Place(0, can=("klanten", "kassa")))
    spoken = f"{code[:3]}-{code[3:6]}-{code[6:]}"

    send(client, short_code=spoken, send_code="on")

    assert CallbackRequest.objects.get().short_code == code


# The staff side.


@pytest.mark.django_db
def test_bram_sees_every_new_request_with_its_phone_number(people: People, client: Browser) -> None:
    a_request()
    client.force_login(people.bram)

    html = client.get(QUEUE).content.decode()

    assert ">Sandra</a>" in html
    assert 'href="tel:0612345678"' in html
    assert AuditEvent.objects.filter(action=AuditAction.INTAKE_LISTED, actor=people.bram).exists()


@pytest.mark.django_db
def test_coaches_see_only_the_requests_given_to_them(people: People, client: Browser) -> None:
    a_request()
    client.force_login(people.anna)
    assert "Sandra" not in client.get(QUEUE).content.decode()

    callback = assigned_to_anna(people)

    html = client.get(QUEUE).content.decode()
    assert ">Sandra</a>" in html
    assert client.get(reverse("intake:detail", args=[callback.pk])).status_code == 200
    client.force_login(people.eva)
    assert "Sandra" not in client.get(QUEUE).content.decode()


@pytest.mark.django_db
def test_the_request_says_what_she_ticked_that_she_can_also_do(
    people: People, client: Browser
) -> None:
    callback = actions.assign_request(
        by=people.bram,
        callback=a_request(short_code=encode(Place(0, can=("klanten", "kassa")))),
        coach=people.anna,
    )
    client.force_login(people.anna)

    html = client.get(reverse("intake:detail", args=[callback.pk])).content.decode()
    convert = client.get(reverse("intake:convert", args=[callback.pk])).content.decode()

    assert "<dt>Kan ook (aangevinkt in de verkenner)</dt>" in html
    assert "<li>Klanten helpen en te woord staan</li><li>Afrekenen: kassa en pinnen</li>" in html
    assert "vraag waar het geleerd is" in convert
    assert (
        "Kan ook"
        not in client.get(
            reverse("intake:detail", args=[assigned_to_anna(people).pk])
        ).content.decode()
    )


@pytest.mark.django_db
def test_bram_gives_a_request_to_anna(people: People, client: Browser) -> None:
    callback = a_request()
    client.force_login(people.bram)

    response = client.post(reverse("intake:assign", args=[callback.pk]), {"coach": people.anna.pk})

    assert response.status_code == 302
    callback.refresh_from_db()
    assert (callback.status, callback.coach, callback.assigned_by) == (
        Status.ASSIGNED,
        people.anna,
        people.bram,
    )
    assert callback.assigned_at is not None
    entry = AuditEvent.objects.get(action=AuditAction.INTAKE_ASSIGNED)
    assert (entry.actor, entry.fields, entry.detail) == (people.bram, ["coach"], "to anna")


@pytest.mark.django_db
def test_bram_sees_each_coachs_caseload_and_who_is_away_when_assigning(
    people: People, client: Browser
) -> None:
    # Issue 19: assigning shows each coach's caseload size and whether she is away (a cover).
    today = timezone.localdate()
    for n in range(3):
        make_client(people.anna, first_name=f"A{n}")
    Cover.objects.create(
        coach=people.eva,
        substitute=people.anna,
        starts=today,
        ends=datetime.date(today.year, 12, 31),
        created_by=people.bram,
    )
    client.force_login(people.bram)
    page = client.get(reverse("intake:assign", args=[a_request().pk])).content.decode()
    assert f"{people.anna.display_name} · 3 cliënten</option>" in page
    assert f"{people.eva.display_name} · 0 cliënten · afwezig tot en met 31-12-{today.year}" in page


@pytest.mark.django_db
def test_bram_cannot_give_a_request_to_a_coach_of_another_team(
    people: People, client: Browser
) -> None:
    callback = a_request()
    client.force_login(people.bram)

    response = client.post(reverse("intake:assign", args=[callback.pk]), {"coach": people.dirk.pk})

    assert response.status_code == 200
    callback.refresh_from_db()
    assert callback.status == Status.NEW
    with pytest.raises(ValidationError):
        actions.assign_request(by=people.bram, callback=callback, coach=people.dirk)


@pytest.mark.django_db
def test_anna_adds_her_request_as_a_client(people: People, client: Browser) -> None:
    knowledge.forget()
    callback = actions.assign_request(
        by=people.bram, callback=a_request(short_code=a_code()), coach=people.anna
    )
    client.force_login(people.anna)
    url = reverse("intake:convert", args=[callback.pk])
    form = client.get(url).content.decode()
    assert 'value="Sandra"' in form
    assert 'value="ochtend" id="id_call_times_0" checked' in form

    response = client.post(
        url,
        {
            "first_name": "Sandra",
            "last_name": "Bakker",
            "phone": "06 12345678",
            "call_times": ["ochtend"],
            "situation": "home_waiting",
            "urgency": "high",
        },
    )

    sandra = Client.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:client", args=[sandra.pk])
    assert (sandra.coach, sandra.name, sandra.call_times) == (
        people.anna,
        "Sandra Bakker",
        ["ochtend"],
    )
    assert sandra.occupation_uri == knowledge.taxonomy().occupations[0].uri
    callback.refresh_from_db()
    assert (callback.status, callback.client) == (Status.CONVERTED, sandra)
    # The client file holds the personal data from now on; the request keeps none.
    assert (callback.first_name, callback.phone, callback.fingerprint) == ("", "", "")
    actions_logged = set(
        AuditEvent.objects.filter(actor=people.anna).values_list("action", flat=True)
    )
    assert {AuditAction.CLIENT_CREATED, AuditAction.INTAKE_CONVERTED} <= actions_logged
    converted = AuditEvent.objects.get(action=AuditAction.INTAKE_CONVERTED)
    assert converted.client_id == sandra.pk


@pytest.mark.django_db
def test_bram_adds_a_new_request_to_his_own_caseload(people: People) -> None:
    client = actions.convert_request(
        by=people.bram,
        callback=a_request(),
        values={"first_name": "Sandra", "situation": "working"},
    )
    assert client.coach == people.bram


@pytest.mark.django_db
def test_a_bsn_never_reaches_the_client_file(people: People, client: Browser) -> None:
    callback = assigned_to_anna(people)
    client.force_login(people.anna)

    response = client.post(
        reverse("intake:convert", args=[callback.pk]),
        {"first_name": f"Sandra {BSN}", "phone": "06 12345678", "situation": "working"},
    )

    assert response.status_code == 200
    assert not Client.objects.exists()


@pytest.mark.django_db
def test_anna_declines_a_request_and_it_leaves_the_queue(people: People, client: Browser) -> None:
    callback = assigned_to_anna(people)
    client.force_login(people.anna)
    url = reverse("intake:decline", args=[callback.pk])
    assert client.get(url).status_code == 200

    assert client.post(url).status_code == 302

    callback.refresh_from_db()
    assert callback.status == Status.DECLINED
    assert "Sandra" not in client.get(QUEUE).content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.INTAKE_DECLINED, actor=people.anna).exists()
    # Handled requests open for nobody, and cannot be handled twice.
    assert client.get(reverse("intake:detail", args=[callback.pk])).status_code == 404
    with pytest.raises(actions.AlreadyHandledError):
        actions.decline_request(by=people.bram, callback=callback)


STAFF_PAGES = ["intake:detail", "intake:assign", "intake:convert", "intake:decline"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", STAFF_PAGES)
@pytest.mark.parametrize("persona", ["eva", "carla", "dirk"])
def test_nobody_else_opens_a_request(
    people: People, client: Browser, name: str, persona: str
) -> None:
    callback = assigned_to_anna(people)
    client.force_login(getattr(people, persona))

    assert client.get(reverse(name, args=[callback.pk])).status_code == 404
    assert client.post(reverse(name, args=[callback.pk])).status_code == 404


@pytest.mark.django_db
def test_only_team_leads_give_requests_to_coaches(people: People, client: Browser) -> None:
    callback = assigned_to_anna(people)
    client.force_login(people.anna)

    assert client.get(reverse("intake:assign", args=[callback.pk])).status_code == 404
    assert client.get(reverse("intake:detail", args=[callback.pk])).status_code == 200


@pytest.mark.django_db
def test_admins_do_not_see_the_queue(people: People, client: Browser) -> None:
    a_request()
    client.force_login(people.carla)
    assert client.get(QUEUE).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["intake:queue", *STAFF_PAGES])
def test_anonymous_visitors_are_sent_to_the_login_page(
    people: People, client: Browser, name: str
) -> None:
    callback = assigned_to_anna(people)
    url = QUEUE if name == "intake:queue" else reverse(name, args=[callback.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# Deleting requests nobody took.


@pytest.mark.django_db
def test_purge_deletes_only_untaken_requests_older_than_30_days(people: People) -> None:
    today = timezone.localdate()
    old = timezone.now() - datetime.timedelta(days=31)
    new_old = a_request(created_at=old)
    declined_old = a_request(created_at=old, status=Status.DECLINED)
    assigned_old = a_request(created_at=old, status=Status.ASSIGNED, coach=people.anna)
    recent = a_request(created_at=timezone.now() - datetime.timedelta(days=29))
    converted = actions.convert_request(
        by=people.bram, callback=a_request(), values={"first_name": "Petra", "situation": "working"}
    )
    CallbackRequest.objects.filter(client=converted).update(created_at=old)

    assert actions.purge_expired(by=None, today=today, apply=False) == 3
    assert CallbackRequest.objects.count() == 5

    assert actions.purge_expired(by=None, today=today, apply=True) == 3

    left = set(CallbackRequest.objects.values_list("pk", flat=True))
    assert recent.pk in left and len(left) == 2
    assert not {new_old.pk, declined_old.pk, assigned_old.pk} & left
    entry = AuditEvent.objects.get(action=AuditAction.INTAKE_PURGED)
    assert (entry.actor, entry.detail) == (None, "3 requests deleted")


@pytest.mark.django_db
def test_a_request_is_deleted_on_the_day_the_page_says(people: People) -> None:
    callback = a_request()
    assert actions.purge_expired(by=None, today=callback.expires_on, apply=False) == 1
    day_before = callback.expires_on - datetime.timedelta(days=1)
    assert actions.purge_expired(by=None, today=day_before, apply=False) == 0


# Issue 14: a flood of requests, and the pages that show a request are audited.


@pytest.mark.django_db
def test_when_everyone_together_is_over_the_limit_the_page_gives_the_phone_number(
    client: Browser, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    settings.KOERS_ORGANISATION = {
        **settings.KOERS_ORGANISATION,
        "phone": "020 123 4567",
        "hours": "maandag tot en met vrijdag, 9 tot 17 uur",
    }
    monkeypatch.setattr(limits, "TOTAL_PER_HOUR", 1)
    send(client, address="192.0.2.1")

    response = send(client, address="192.0.2.2")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = response.content.decode()
    assert "Het is nu erg druk" in html
    assert 'href="tel:020 123 4567"' in html
    assert "Je kunt ons bellen: maandag tot en met vrijdag, 9 tot 17 uur." in html
    # No form to fill in again only to be refused.
    assert 'name="phone"' not in html


@pytest.mark.django_db
def test_without_a_phone_number_the_busy_page_asks_to_try_again_later(
    client: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "TOTAL_PER_HOUR", 1)
    send(client, address="192.0.2.1")

    html = send(client, address="192.0.2.2").content.decode()

    assert "Het is nu erg druk" in html
    assert "Probeer het over een uur opnieuw." in html


@pytest.mark.django_db
def test_requests_of_an_hour_with_a_flood_are_marked_in_brams_queue(
    client: Browser, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "TOTAL_PER_HOUR", 8)
    calm = a_request(created_at=timezone.now() - datetime.timedelta(hours=2))
    for number in range(6):
        send(client, address=f"192.0.2.{number + 1}", first_name=f"Bot{number}")

    flagged = CallbackRequest.objects.filter(during_flood=True)
    # The sixth of at most eight reaches three quarters: the whole hour is marked, not before.
    assert flagged.count() == 6
    calm.refresh_from_db()
    assert not calm.during_flood

    client.force_login(people.bram)
    html = client.get(QUEUE).content.decode()
    assert html.count('<span class="badge">tijdens drukte</span>') == 6
    assert "Kijk of de aanvraag echt is voordat je belt." in html
    detail = client.get(reverse("intake:detail", args=[flagged[0].pk])).content.decode()
    assert "tijdens drukte" in detail


@pytest.mark.django_db
def test_a_quiet_hour_marks_nothing(client: Browser, people: People) -> None:
    send(client)
    assert not CallbackRequest.objects.filter(during_flood=True).exists()
    client.force_login(people.bram)
    assert "tijdens drukte" not in client.get(QUEUE).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["intake:convert", "intake:decline", "intake:assign"])
def test_opening_the_convert_decline_or_assign_page_is_in_the_audit_trail(
    people: People, client: Browser, name: str
) -> None:
    callback = a_request()
    client.force_login(people.bram)

    assert client.get(reverse(name, args=[callback.pk])).status_code == 200

    event = AuditEvent.objects.get(action=AuditAction.INTAKE_VIEWED, actor=people.bram)
    assert event.target == f"callback:{callback.pk}"
    assert event.detail == name.removeprefix("intake:") + " page"


@pytest.mark.django_db
def test_brams_queue_shows_one_page_at_a_time_with_links_to_the_others(
    client: Browser, people: People, settings: Settings
) -> None:
    settings.KOERS_PAGE_SIZE = 1
    a_request(first_name="Sandra")
    a_request(first_name="Karel")
    client.force_login(people.bram)

    html = client.get(QUEUE, {"page": 2}).content.decode()

    assert '<a href="?page=1" rel="prev">Vorige</a>' in html
    assert '<span aria-current="page">Pagina 2 van 2</span>' in html
    assert 'rel="next"' not in html
