"""Reaching people between calls: Anna sends Petra a message from a template an admin keeps,
only over the channel Petra agreed to; it goes by e-mail, SMS or WhatsApp and lands in the
timeline, audited; a failed send logs nothing."""

from __future__ import annotations

import datetime
import json
import re
import smtplib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client as Browser
from django.urls import reverse
from pytest_django.fixtures import Settings

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.models import Client, Contact
from koers.web.outreach import actions
from koers.web.outreach.channels import international
from koers.web.outreach.filling import fill, values_for
from koers.web.outreach.models import MessageTemplate
from koers.web.outreach.starter_templates import put_in_place
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db
APPOINTMENT = datetime.datetime(2026, 12, 8, 14, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def starter_templates(db: None) -> None:
    """The templates the data migration made (gone when a transactional test ran before)."""
    put_in_place(MessageTemplate)


def signed_in(user: Any) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


def text_of(response: Any) -> str:
    return " ".join(response.content.decode().split())


def template(key: str) -> MessageTemplate:
    return MessageTemplate.objects.get(key=key)


def send(petra: Client, by: Any, channel: str, text: str = "Hoi Petra", **more: Any) -> Contact:
    return actions.send_message(
        by=by,
        client=petra,
        template=template("niet-bereikt"),
        channel=channel,
        subject=more.pop("subject", "We probeerden je te bellen"),
        text=text,
        **more,
    )


def post_message(browser: Browser, petra: Client, channel: str, **values: str) -> Any:
    data = {
        "template": str(template("niet-bereikt").pk),
        "channel": channel,
        "subject": "We probeerden je te bellen",
        "text": "Hoi Petra, bel je ons terug?",
        **values,
    }
    return browser.post(reverse("outreach:compose", args=[petra.pk]), data)


class Stub(BaseHTTPRequestHandler):
    """MessageBird on the loopback: keeps what it was sent, answers with ``status``."""

    status = 201
    received: ClassVar[list[tuple[dict[str, str], dict[str, Any]]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Stub.received.append((dict(self.headers), json.loads(body)))
        self.send_response(Stub.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"id": "1"}')

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def sms_stub(settings: Settings) -> Iterator[type[Stub]]:
    server = HTTPServer(("127.0.0.1", 0), Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Stub.received, Stub.status = [], 201
    settings.KOERS_SMS_BACKEND = "koers.web.outreach.sms.MessageBirdBackend"
    settings.KOERS_SMS_URL = f"http://127.0.0.1:{server.server_port}/messages"
    settings.KOERS_SMS_KEY = "test-key"
    settings.KOERS_SMS_SENDER = "Koers"
    yield Stub
    server.shutdown()
    server.server_close()


def test_it_starts_with_three_messages_in_dutch_and_english() -> None:
    assert set(MessageTemplate.objects.values_list("key", flat=True)) == {
        "niet-bereikt",
        "terugbelafspraak",
        "afspraak-herinnering",
    }
    reminder = template("afspraak-herinnering")
    assert "{datum}" in reminder.body_nl and "{datum}" in reminder.body_en


def test_it_fills_in_the_first_name_the_coach_and_the_date_in_the_clients_language(
    people: People, settings: Settings
) -> None:
    settings.KOERS_ORGANISATION = {**settings.KOERS_ORGANISATION, "phone": "020 123 4567"}
    petra = make_client(people.anna)
    callback = template("terugbelafspraak")
    dutch = fill(
        callback.body_nl, values_for(petra, sender=people.anna, language="nl", moment=APPOINTMENT)
    )
    assert "Hoi Petra," in dutch
    assert "op dinsdag 8 december 2026 om 14:30" in dutch
    assert "Bel dan 020 123 4567" in dutch and "Anna" in dutch
    english = fill(
        callback.body_en, values_for(petra, sender=people.anna, language="en", moment=APPOINTMENT)
    )
    assert "on Tuesday 8 December 2026 at 14:30" in english


def test_a_name_with_braces_or_markup_is_written_as_typed(people: People) -> None:
    odd = make_client(people.anna, first_name="{coach.__class__}<b>")
    filled = fill(
        "Hoi {voornaam}, {coach}", values_for(odd, sender=people.anna, language="nl", moment=None)
    )
    assert filled.startswith("Hoi {coach.__class__}<b>, Anna")


def test_a_template_names_only_known_placeholders(people: People) -> None:
    for bad in ["{voornaam.__class__}", "{voornaam!r}", "{voornaam:>99}", "{bsn}", "{0}", "{"]:
        with pytest.raises(ValidationError):
            fill(bad, {"voornaam": "Petra"})
    assert fill("{{voornaam}} {voornaam}", {"voornaam": "Petra"}) == "{voornaam} Petra"


def test_carla_keeps_the_templates_and_a_wrong_placeholder_is_refused(
    people: People, in_english: None
) -> None:
    carla = signed_in(people.carla)
    reminder = template("afspraak-herinnering")
    url = reverse("outreach:template_edit", args=[reminder.pk])
    assert "Herinnering aan de afspraak" in text_of(carla.get(reverse("outreach:templates")))
    values = {
        "name": "Herinnering",
        "subject_nl": "Afspraak",
        "body_nl": "Hoi {voornaam.__init__}",
        "subject_en": "Appointment",
        "body_en": "Hi {voornaam}",
        "active": "on",
    }
    page = text_of(carla.post(url, values))
    assert "Unknown placeholder {voornaam.__init__}" in page
    values["body_nl"] = "Hoi {voornaam}, tot {datum}."
    assert carla.post(url, values).status_code == 302
    reminder.refresh_from_db()
    assert reminder.body_nl == "Hoi {voornaam}, tot {datum}."
    assert reminder.key == "afspraak-herinnering"
    assert AuditEvent.objects.filter(action=AuditAction.MESSAGE_TEMPLATE_SAVED).count() == 1
    assert signed_in(people.anna).get(url).status_code == 404


def test_the_page_fills_in_the_text_for_the_channel_the_client_agreed_to(
    people: People,
) -> None:
    petra = make_client(people.anna, channel="email", email="petra@example.org", language="en")
    url = reverse("outreach:compose", args=[petra.pk])
    anna = signed_in(people.anna)
    page = text_of(anna.get(url))
    assert '<option value="email"' in page and 'value="sms"' not in page
    callback = template("terugbelafspraak")
    page = text_of(anna.get(url, {"template": str(callback.pk), "channel": "email"}))
    assert "Dit bericht noemt de datum en tijd: vul ze in." in page
    filled = anna.get(
        url, {"template": str(callback.pk), "channel": "email", "moment": "2026-12-08T14:30"}
    )
    assert "We will call you on Tuesday 8 December 2026 at 14:30" in text_of(filled)


def test_it_sends_only_over_the_preferred_channel(people: People) -> None:
    petra = make_client(people.anna, channel="telefoon", email="petra@example.org")
    with pytest.raises(ValidationError, match="niet toegestaan"):
        send(petra, people.anna, "email")
    letter = make_client(people.anna, first_name="Lotte", channel="brief")
    with pytest.raises(ValidationError):
        send(letter, people.anna, "sms")
    page = text_of(signed_in(people.anna).get(reverse("outreach:compose", args=[letter.pk])))
    assert "<select" not in page
    assert not Contact.objects.exists()
    assert not mail.outbox


def test_an_email_goes_out_and_is_in_the_timeline_audited(people: People) -> None:
    petra = make_client(people.anna, channel="email", email="petra@example.org")
    response = post_message(signed_in(people.anna), petra, "email")
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["petra@example.org"]]
    assert mail.outbox[0].subject == "We probeerden je te bellen"
    contact = Contact.objects.get(client=petra)
    assert (contact.outcome, contact.channel, contact.by) == ("bericht", "email", people.anna)
    assert "Hoi Petra, bel je ons terug?" in contact.summary
    sent = AuditEvent.objects.get(action=AuditAction.MESSAGE_SENT)
    assert sent.target == f"contact:{contact.pk}"
    assert sent.detail == "email niet-bereikt"
    assert "bel je" not in str(sent.fields) + sent.detail  # names, never the text
    assert AuditEvent.objects.filter(action=AuditAction.CONTACT_LOGGED).count() == 1


def test_an_sms_is_printed_by_default(people: People, capsys: pytest.CaptureFixture[str]) -> None:
    petra = make_client(people.anna, phone="06-1234 5678")
    send(petra, people.anna, "sms", text="Hoi Petra, {coach} <b>")
    assert "SMS to 31612345678:\nHoi Petra, {coach} <b>" in capsys.readouterr().out
    assert Contact.objects.get(client=petra).channel == "telefoon"


def test_an_sms_is_posted_to_the_provider(people: People, sms_stub: type[Stub]) -> None:
    petra = make_client(people.anna, phone="+31 6 12345678")
    send(petra, people.anna, "sms", text="Hoi Petra")
    [(headers, body)] = sms_stub.received
    assert headers["Authorization"] == "AccessKey test-key"
    assert body == {"originator": "Koers", "recipients": ["31612345678"], "body": "Hoi Petra"}
    assert Contact.objects.filter(client=petra, outcome="bericht").count() == 1


def test_a_refused_sms_says_what_failed_and_logs_nothing(
    people: People, sms_stub: type[Stub], in_english: None
) -> None:
    sms_stub.status = 401
    petra = make_client(people.anna)
    page = text_of(post_message(signed_in(people.anna), petra, "sms"))
    assert "Nothing was sent or logged. The SMS service refused the message (HTTP 401)." in page
    assert "Hoi Petra, bel je ons terug?" in page  # the text is kept
    assert not Contact.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.MESSAGE_SENT).exists()


def test_an_unreachable_sms_service_or_mail_server_logs_nothing(
    people: People, settings: Settings, monkeypatch: pytest.MonkeyPatch, in_english: None
) -> None:
    settings.KOERS_SMS_BACKEND = "koers.web.outreach.sms.MessageBirdBackend"
    settings.KOERS_SMS_URL = "http://127.0.0.1:9/messages"
    settings.KOERS_SMS_KEY = "test-key"
    petra = make_client(people.anna)
    page = text_of(post_message(signed_in(people.anna), petra, "sms"))
    assert "The SMS service could not be reached." in page

    def refuse(*args: Any, **kwargs: Any) -> int:
        raise smtplib.SMTPRecipientsRefused({"petra@example.org": (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    mailed = make_client(people.anna, channel="email", email="petra@example.org")
    page = text_of(post_message(signed_in(people.anna), mailed, "email"))
    assert "The e-mail could not be sent: the mail server answered" in page
    assert not Contact.objects.exists()


def test_whatsapp_opens_a_link_and_is_logged_once_the_coach_says_it_went(
    people: People,
) -> None:
    petra = make_client(people.anna, channel="whatsapp", phone="06 12345678")
    anna = signed_in(people.anna)
    form = anna.get(
        reverse("outreach:compose", args=[petra.pk]),
        {"template": str(template("niet-bereikt").pk), "channel": "whatsapp"},
    ).content.decode()
    shown = re.search(r'name="submit_token" value="([^"]+)"', form)
    assert shown
    page = post_message(
        anna, petra, "whatsapp", text="Hoi Petra & co?", submit_token=shown.group(1)
    ).content.decode()
    assert "https://wa.me/31612345678?text=Hoi%20Petra%20%26%20co%3F" in page
    assert not Contact.objects.exists()
    token = re.search(r'name="submit_token" value="([^"]+)"', page)
    assert token and token.group(1) == shown.group(1)
    done = post_message(
        anna,
        petra,
        "whatsapp",
        text="Hoi Petra & co?",
        confirmed="on",
        submit_token=token.group(1),
    )
    assert done.status_code == 302
    contact = Contact.objects.get(client=petra)
    assert (contact.channel, contact.outcome) == ("whatsapp", "bericht")
    # Confirming twice (a reload) logs it once.
    post_message(
        anna, petra, "whatsapp", text="Hoi Petra & co?", confirmed="on", submit_token=token.group(1)
    )
    assert Contact.objects.filter(client=petra).count() == 1


def test_bad_input_gets_a_clear_message(people: People, in_english: None) -> None:
    petra = make_client(people.anna)
    anna = signed_in(people.anna)
    page = text_of(post_message(anna, petra, "sms", text="x" * 500))
    assert "The message is 500 characters; by text message (SMS) at most 459." in page
    assert "x" * 500 in page
    no_phone = make_client(people.anna, first_name="Nina", phone="")
    page = text_of(post_message(anna, no_phone, "sms"))
    assert "There is no phone number in the client&#x27;s details." in page
    wrong = make_client(people.anna, first_name="Wim", phone="bel mij")
    with pytest.raises(ValidationError, match="cannot receive a message"):
        send(wrong, people.anna, "sms")
    mailed = make_client(people.anna, channel="email", email="petra@example.org")
    page = text_of(post_message(anna, mailed, "email", subject=""))
    assert "An e-mail needs a subject." in page
    page = text_of(post_message(anna, mailed, "email", subject="Hoi\nBcc: x@example.org"))
    assert "Write the subject on one line." in page
    assert not Contact.objects.exists()


def test_phone_numbers_become_international_digits() -> None:
    assert international("06 12345678") == "31612345678"
    assert international("+32 470 12 34 56") == "32470123456"
    assert international("0049 30 1234567") == "49301234567"


def test_a_message_is_only_sent_to_ones_own_clients(people: People) -> None:
    petra = make_client(people.anna)
    dirk = signed_in(people.dirk)
    assert dirk.get(reverse("outreach:compose", args=[petra.pk])).status_code == 404
    assert post_message(dirk, petra, "sms").status_code == 404
    assert not Contact.objects.exists()


def test_a_colleague_covering_signs_with_her_own_name(people: People) -> None:
    evas_client = make_client(
        people.eva, first_name="Fatma", channel="email", email="f@example.org"
    )
    url = reverse("outreach:compose", args=[evas_client.pk])
    query = {"template": str(template("niet-bereikt").pk), "channel": "email"}
    page = text_of(signed_in(people.anna).get(url, query))
    assert "Groeten, Anna van Koers" in page
