"""Signing in and out: landing pages, lockout after wrong passwords, reset by e-mail, expiry."""

from __future__ import annotations

import datetime
import re
import time
from typing import Any

from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.fixtures import Settings

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.middleware import SEEN, SIGNED_IN
from tests.web.conftest import PASSWORD, People


def sign_in(client: Client, username: str, password: str = PASSWORD, **extra: str) -> Any:
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password, **extra}
    )


def test_it_shows_a_sign_in_form_that_password_managers_understand(client: Client) -> None:
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'autocomplete="username"' in page
    assert 'autocomplete="current-password"' in page
    assert '<label for="id_username"' in page
    assert reverse("accounts:password_reset") in page


def test_it_takes_a_coach_to_the_caseload(client: Client, people: People) -> None:
    response = sign_in(client, "anna")
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:caseload")
    assert client.session["_auth_user_id"] == str(people.anna.pk)


def test_it_takes_an_admin_to_the_data_requests(client: Client, people: People) -> None:
    response = sign_in(client, "carla")
    assert response["Location"] == reverse("data:requests")


def test_it_goes_back_to_the_page_asked_for_but_never_to_another_site(
    client: Client, people: People
) -> None:
    account = reverse("accounts:account")
    assert sign_in(client, "anna", next=account)["Location"] == account
    client.logout()
    response = sign_in(client, "anna", next="https://evil.example/steal")
    assert response["Location"] == reverse("clients:caseload")


def test_it_sends_people_who_are_not_signed_in_to_the_sign_in_page(client: Client) -> None:
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_it_says_when_the_password_is_wrong(client: Client, people: People) -> None:
    response = sign_in(client, "anna", "not the password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert 'role="alert"' in response.content.decode()


def test_it_locks_an_account_out_after_five_wrong_passwords(
    client: Client, people: People, settings: Settings
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "anna", "guess").status_code == 200
    response = sign_in(client, "anna", "guess")
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [template.name for template in response.templates]
    # Even the right password does not open the account during the lockout.
    response = sign_in(client, "anna")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_says_how_long_and_whom_to_ask(client: Client, people: People) -> None:
    for _ in range(5):
        response = sign_in(client, "dirk", "guess")
    with translation.override("en"):
        english = reverse("accounts:login")
    with_english = client.post(english, {"username": "dirk", "password": "guess"})
    page = with_english.content.decode()
    assert response.status_code == with_english.status_code == 429
    assert "Try again in 30 minutes." in page
    assert "admin" in page


def test_it_signs_out_only_with_a_form(client: Client, people: People) -> None:
    client.force_login(people.anna)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_it_mails_a_link_that_sets_a_new_password(client: Client, people: People) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "anna@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    link = re.search(r"https?://[^/]+(/\S+)", str(mail.outbox[0].body))
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"] is True
    new = "a brand new passphrase"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert sign_in(client, "anna", new)["Location"] == reverse("clients:caseload")
    # The link works once.
    again = client.get(link.group(1), follow=True)
    assert again.context["validlink"] is False


def test_it_sends_no_mail_for_an_unknown_address(client: Client, people: People) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_it_changes_the_password_on_the_account_page(client: Client, people: People) -> None:
    client.force_login(people.bram)
    new = "another good passphrase"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == reverse("accounts:account")
    people.bram.refresh_from_db()
    assert people.bram.check_password(new)


def test_it_ends_a_session_after_the_idle_time(
    client: Client, people: People, settings: Settings
) -> None:
    settings.SESSION_COOKIE_AGE = 15 * 60
    sign_in(client, "anna")
    assert client.session.get_expiry_age() == 15 * 60
    assert client.get(reverse("accounts:account")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("accounts:account"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_cookie_that_matches_no_session_is_signed_out(client: Client, people: People) -> None:
    sign_in(client, "anna")
    Session.objects.all().delete()
    response = client.get(reverse("accounts:account"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_account_closed_while_signed_in_is_signed_out_at_its_next_request(
    client: Client, people: People
) -> None:
    sign_in(client, "dirk")
    page = client.get(reverse("accounts:account"))
    assert page.status_code == 200 and page.context["user"] == people.dirk
    User.objects.filter(pk=people.dirk.pk).update(is_active=False)
    response = client.get(reverse("accounts:account"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_session_in_use_is_written_every_few_minutes_not_every_request(
    client: Client, people: People, settings: Settings
) -> None:
    settings.SESSION_COOKIE_AGE = 60 * 60
    sign_in(client, "anna")
    first = Session.objects.get().expire_date
    client.get(reverse("accounts:account"))
    assert Session.objects.get().expire_date == first
    session = client.session
    session[SEEN] -= 5 * 60
    session.save()
    saved = Session.objects.get().expire_date
    client.get(reverse("accounts:account"))
    assert Session.objects.get().expire_date > saved


def test_it_refuses_a_password_shorter_than_twelve_characters(
    client: Client, people: People
) -> None:
    client.force_login(people.bram)
    for new, accepted in (("paars boot!", False), ("paars bootje", True)):
        response = client.post(
            reverse("accounts:password_change"),
            {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        )
        assert (response.status_code == 302) is accepted, new
    refused = client.post(
        reverse("accounts:password_change"),
        {"old_password": "paars bootje", "new_password1": "x" * 11, "new_password2": "x" * 11},
    )
    errors = refused.context["form"].errors.as_data()["new_password2"]
    assert "password_too_short" in {error.code for error in errors}


def test_it_ends_a_session_twelve_hours_after_sign_in_however_much_it_is_used(
    client: Client, people: People, settings: Settings
) -> None:
    assert settings.KOERS_SESSION_MAX_AGE == 12 * 60 * 60
    sign_in(client, "anna")
    session = client.session
    session[SIGNED_IN] -= 11 * 60 * 60
    session.save()
    assert client.get(reverse("accounts:account")).status_code == 200
    session = client.session
    session[SIGNED_IN] -= 60 * 60
    session[SEEN] = int(time.time())
    session.save()
    response = client.get(reverse("accounts:account"))
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_an_inactive_user_cannot_sign_in(client: Client, people: People) -> None:
    User.objects.filter(pk=people.dirk.pk).update(is_active=False)
    response = sign_in(client, "dirk")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def audit_text() -> str:
    """Everything the audit trail holds, as one text to search."""
    return " ".join(
        f"{e.actor_name} {e.action} {e.target} {e.fields} {e.detail}"
        for e in AuditEvent.objects.all()
    )


# Issue 14: sign-ins, refused sign-ins, sign-outs and password changes left no trace.
def test_it_audits_a_sign_in_and_a_sign_out(client: Client, people: People) -> None:
    sign_in(client, "anna")
    signed_in = AuditEvent.objects.get(action=AuditAction.SIGNED_IN)
    assert (signed_in.actor, signed_in.target) == (people.anna, f"user:{people.anna.pk}")
    client.post(reverse("accounts:logout"))
    signed_out = AuditEvent.objects.get(action=AuditAction.SIGNED_OUT)
    assert (signed_out.actor, signed_out.target) == (people.anna, f"user:{people.anna.pk}")


def test_it_audits_a_refused_sign_in_but_never_what_was_typed(
    client: Client, people: People
) -> None:
    sign_in(client, "anna", "not the password")
    # People sometimes type their password in the name field: no such name is ever kept.
    sign_in(client, "my secret passphrase", "anything")
    failed = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).order_by("id")
    assert [(e.actor, e.target, e.detail) for e in failed] == [
        (None, f"user:{people.anna.pk}", "anna: wrong password"),
        (None, "", "unknown user name"),
    ]
    text = audit_text()
    assert "not the password" not in text and "my secret passphrase" not in text
    assert "anything" not in text


def test_it_audits_a_sign_in_refused_during_a_lockout(
    client: Client, people: People, settings: Settings
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "dirk", "guess")
    sign_in(client, "dirk")
    details = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).values_list(
        "detail", flat=True
    )
    assert "dirk: locked out" in details
    assert not AuditEvent.objects.filter(action=AuditAction.SIGNED_IN).exists()


def test_it_audits_a_password_change_and_a_reset_by_link(client: Client, people: People) -> None:
    client.force_login(people.bram)
    new = "another good passphrase"
    client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    client.logout()
    client.post(reverse("accounts:password_reset"), {"email": "bram@example.org"})
    link = re.search(r"https?://[^/]+(/\S+)", str(mail.outbox[0].body))
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    newer = "yet another passphrase"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": newer, "new_password2": newer})
    changes = AuditEvent.objects.filter(action=AuditAction.PASSWORD_CHANGED).order_by("id")
    assert [(e.actor, e.fields, e.detail) for e in changes] == [
        (people.bram, ["password"], "changed"),
        (people.bram, ["password"], "chosen with an e-mail link"),
    ]
    assert new not in audit_text() and newer not in audit_text()
