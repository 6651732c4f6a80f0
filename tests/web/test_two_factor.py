"""Two-step sign-in (TOTP): enrolment, codes, recovery codes, and an admin's reset."""

from __future__ import annotations

import datetime
import importlib
import re
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from koers.web.accounts.actions import (
    issue_enrolment_code,
    regenerate_recovery_codes,
    reset_two_factor,
)
from koers.web.accounts.codes import ALPHABET, digest, matches
from koers.web.accounts.models import EnrolmentCode, RecoveryCode, RecoveryDevice, User
from koers.web.audit.models import AuditAction, AuditEvent
from tests.web.conftest import PASSWORD, People


@pytest.fixture
def two_factor_required(settings: Settings) -> None:
    settings.KOERS_REQUIRE_2FA = True


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def with_authenticator(user: User) -> tuple[TOTPDevice, list[str]]:
    """An authenticator app and recovery codes set up earlier."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    recovery = RecoveryDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = ["abcd-2345-efgh", "ijkm-6723-nopq"]
    for code in codes:
        RecoveryCode.objects.create(device=recovery, digest=digest(code))
    return device, codes


def sign_in(client: Client, username: str, **extra: str) -> Any:
    return client.post(
        reverse("accounts:login"), {"username": username, "password": PASSWORD, **extra}
    )


def give_enrolment_code(client: Client, people: People, user: User) -> Any:
    """Carla gives ``user`` an enrolment code, which they type on the set-up page."""
    issued = issue_enrolment_code(by=people.carla, user=user)
    return client.post(reverse("accounts:two_factor_enrol"), {"enrolment_code": issued.code})


@pytest.mark.usefixtures("two_factor_required")
def test_it_asks_a_user_without_an_authenticator_to_set_one_up(
    client: Client, people: People
) -> None:
    response = sign_in(client, "anna")
    caseload = reverse("clients:caseload")
    assert (
        response["Location"] == f"{reverse('accounts:two_factor')}?{urlencode({'next': caseload})}"
    )
    response = client.get(response["Location"])
    assert response["Location"] == (
        f"{reverse('accounts:two_factor_enrol')}?{urlencode({'next': caseload})}"
    )


@pytest.mark.usefixtures("two_factor_required")
def test_it_sends_an_unchecked_session_from_a_staff_page_to_the_second_step(
    client: Client, people: People
) -> None:
    client.force_login(people.anna)
    account = reverse("accounts:account")
    response = client.get(account)
    assert (
        response["Location"] == f"{reverse('accounts:two_factor')}?{urlencode({'next': account})}"
    )


@pytest.mark.usefixtures("two_factor_required")
def test_it_enrols_with_a_qr_code_and_shows_ten_recovery_codes_once(
    client: Client, people: People
) -> None:
    sign_in(client, "anna")
    give_enrolment_code(client, people, people.anna)
    page = client.get(reverse("accounts:two_factor_enrol"), {"next": reverse("accounts:account")})
    html = page.content.decode()
    assert re.search(r'<img class="qr" src="data:image/svg\+xml[^"]+" alt="[^"]+"', html)
    assert "<script>" not in html and "style=" not in html
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    device = TOTPDevice.objects.get(user=people.anna)
    assert not device.confirmed
    assert page.context["secret"].replace(" ", "") in device.config_url

    response = client.post(
        reverse("accounts:two_factor_enrol"),
        {"code": code_of(device), "next": reverse("accounts:account")},
    )
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10 == RecoveryCode.objects.filter(device__user=people.anna).count()
    assert all(code in response.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    # The session is checked now: staff pages open, and the codes are not shown again.
    account = client.get(reverse("accounts:account"))
    assert account.status_code == 200
    assert not any(code in account.content.decode() for code in codes)
    assert AuditEvent.objects.filter(
        actor=people.anna, action=AuditAction.USER_CHANGED, fields=["recovery_codes", "two_factor"]
    ).exists()


@pytest.mark.usefixtures("two_factor_required")
def test_it_does_not_enrol_with_a_wrong_code(client: Client, people: People) -> None:
    sign_in(client, "anna")
    give_enrolment_code(client, people, people.anna)
    client.get(reverse("accounts:two_factor_enrol"))
    device = TOTPDevice.objects.get(user=people.anna)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:two_factor_enrol"), {"code": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert 'aria-describedby="id_code_error"' in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("accounts:account")).status_code == 302


@pytest.mark.usefixtures("two_factor_required")
def test_an_enrolled_user_cannot_add_a_second_authenticator_with_a_password_alone(
    client: Client, people: People
) -> None:
    with_authenticator(people.anna)
    sign_in(client, "anna")
    response = client.get(reverse("accounts:two_factor_enrol"))
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert TOTPDevice.objects.filter(user=people.anna).count() == 1


@pytest.mark.usefixtures("two_factor_required")
def test_it_signs_in_with_a_code_from_the_app(client: Client, people: People) -> None:
    device, _ = with_authenticator(people.anna)
    response = client.get(sign_in(client, "anna")["Location"])
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    response = client.post(
        response["Location"], {"code": code_of(device), "next": reverse("accounts:account")}
    )
    assert response["Location"] == reverse("accounts:account")
    assert client.get(reverse("accounts:account")).status_code == 200


@pytest.mark.usefixtures("two_factor_required")
def test_it_refuses_a_wrong_code_from_the_app(client: Client, people: People) -> None:
    device, _ = with_authenticator(people.anna)
    sign_in(client, "anna")
    wrong = f"{(int(code_of(device)) + 5) % 1_000_000:06d}"
    response = client.post(reverse("accounts:two_factor_verify"), {"code": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert client.get(reverse("accounts:account")).status_code == 302


@pytest.mark.usefixtures("two_factor_required")
def test_a_recovery_code_works_once(client: Client, people: People) -> None:
    _, codes = with_authenticator(people.anna)
    sign_in(client, "anna")
    response = client.post(reverse("accounts:two_factor_verify"), {"recovery_code": codes[0]})
    assert response["Location"] == reverse("clients:caseload")
    assert client.get(reverse("accounts:account")).status_code == 200
    assert RecoveryCode.objects.filter(device__user=people.anna).count() == 1

    client.post(reverse("accounts:logout"))
    sign_in(client, "anna")
    response = client.post(reverse("accounts:two_factor_verify"), {"recovery_code": codes[0]})
    assert response.status_code == 200
    assert response.context["recovery_form"].errors["recovery_code"]
    assert client.get(reverse("accounts:account")).status_code == 302


@pytest.mark.usefixtures("two_factor_required")
def test_it_makes_new_recovery_codes_only_in_a_checked_session(
    client: Client, people: People
) -> None:
    device, old = with_authenticator(people.anna)
    sign_in(client, "anna")
    client.post(reverse("accounts:two_factor_verify"), {"code": code_of(device)})
    response = client.post(reverse("accounts:recovery_codes"))
    codes = response.context["codes"]
    assert len(codes) == 10
    stored = list(RecoveryCode.objects.filter(device__user=people.anna))
    assert len(stored) == 10
    assert all(any(matches(code, row.digest) for row in stored) for code in codes)
    assert not any(matches(code, row.digest) for code in old for row in stored)


def test_without_the_requirement_staff_pages_open_and_people_may_still_enrol(
    client: Client, people: People
) -> None:
    sign_in(client, "anna")
    account = client.get(reverse("accounts:account"))
    assert account.status_code == 200
    assert reverse("accounts:two_factor_enrol") in account.content.decode()
    give_enrolment_code(client, people, people.anna)
    client.get(reverse("accounts:two_factor_enrol"))
    device = TOTPDevice.objects.get(user=people.anna)
    response = client.post(reverse("accounts:two_factor_enrol"), {"code": code_of(device)})
    assert len(response.context["codes"]) == 10


def test_an_admin_resets_the_second_step_of_a_lost_phone(client: Client, people: People) -> None:
    with_authenticator(people.anna)
    client.force_login(people.carla)
    url = reverse("accounts:user_reset_2fa", args=[people.anna.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert TOTPDevice.objects.filter(user=people.anna).exists()
    response = client.post(url)
    assert response.status_code == 200
    # A page with a secret on it is kept in no cache.
    assert "no-store" in response["Cache-Control"]
    code = response.context["issued"].code
    assert code in response.content.decode()
    assert matches(code, EnrolmentCode.objects.get(user=people.anna).digest)
    assert not TOTPDevice.objects.filter(user=people.anna).exists()
    assert not RecoveryDevice.objects.filter(user=people.anna).exists()
    event = AuditEvent.objects.get(action=AuditAction.USER_2FA_RESET)
    assert (event.actor, event.target, event.fields) == (
        people.carla,
        f"user:{people.anna.pk}",
        ["two_factor"],
    )
    assert AuditEvent.objects.filter(
        actor=people.carla, action=AuditAction.USER_CHANGED, fields=["enrolment_code"]
    ).exists()


def test_only_admins_reset_the_second_step(client: Client, people: People) -> None:
    with_authenticator(people.anna)
    for who in (people.anna, people.bram, people.dirk):
        client.force_login(who)
        url = reverse("accounts:user_reset_2fa", args=[people.anna.pk])
        assert client.post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=people.anna).exists()


@pytest.mark.usefixtures("two_factor_required")
def test_after_a_reset_the_user_enrols_again(client: Client, people: People) -> None:
    with_authenticator(people.anna)
    reset_two_factor(by=people.carla, user=people.anna)
    response = client.get(sign_in(client, "anna")["Location"])
    assert response["Location"].startswith(reverse("accounts:two_factor_enrol"))


# Issue 14: recovery codes were kept as plain text, 40 bits each.
def test_it_keeps_recovery_codes_only_as_salted_hashes_of_at_least_50_bits(
    people: People,
) -> None:
    with_authenticator(people.anna)
    codes = regenerate_recovery_codes(by=people.anna)
    for code in codes:
        assert re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}", code)
    # 12 characters of a 32-letter alphabet: 60 bits each.
    assert len(ALPHABET) ** 12 >= 2**50 and len(set(codes)) == 10
    digests = list(RecoveryCode.objects.values_list("digest", flat=True))
    assert len(digests) == len(set(digests)) == 10
    stored = " ".join(digests)
    assert not any(code.replace("-", "") in stored for code in codes)
    assert all(digest.startswith("pbkdf2_sha256$") for digest in digests)
    # The same code hashes differently each time (a salt per code).
    assert digest(codes[0]) != digest(codes[0])


@pytest.mark.usefixtures("two_factor_required")
def test_a_recovery_code_may_be_typed_in_capitals_without_its_dashes(
    client: Client, people: People
) -> None:
    _, codes = with_authenticator(people.anna)
    sign_in(client, "anna")
    typed = codes[1].replace("-", " ").upper()
    response = client.post(reverse("accounts:two_factor_verify"), {"recovery_code": typed})
    assert response["Location"] == reverse("clients:caseload")


def test_the_upgrade_hashes_the_plain_recovery_codes_people_already_hold(people: People) -> None:
    static = StaticDevice.objects.create(user=people.anna, name="recovery codes", confirmed=True)
    for token in ("abcd2345", "efgh6723"):
        StaticToken.objects.create(device=static, token=token)
    migration = importlib.import_module("koers.web.accounts.migrations.0003_fill_recovery_codes")
    migration.fill_recovery_codes(django_apps, None)
    assert not StaticToken.objects.exists() and not StaticDevice.objects.exists()
    recovery = RecoveryDevice.objects.get(user=people.anna)
    assert recovery.confirmed and recovery.codes.count() == 2
    assert "abcd2345" not in str(list(recovery.codes.values_list("digest", flat=True)))
    assert recovery.verify_token("abcd2345")
    assert not recovery.verify_token("abcd2345")
    assert recovery.codes.count() == 1


# Issue 14: with the password alone, someone could link his own authenticator app.
@pytest.mark.usefixtures("two_factor_required")
def test_without_an_enrolment_code_from_an_admin_nobody_links_an_app(
    client: Client, people: People
) -> None:
    issue_enrolment_code(by=people.carla, user=people.anna)
    sign_in(client, "anna")
    page = client.get(reverse("accounts:two_factor_enrol"))
    assert page.status_code == 200
    assert "accounts/two_factor_enrolment_code.html" in [t.name for t in page.templates]
    # Neither a key nor a QR code to see, and no authenticator is made.
    assert "qr_code" not in page.context and 'class="qr"' not in page.content.decode()
    assert not TOTPDevice.objects.filter(user=people.anna).exists()
    # A code from an app of his own, posted straight away, links nothing either.
    attacker = TOTPDevice(user=people.anna, name="attacker", confirmed=False)
    response = client.post(reverse("accounts:two_factor_enrol"), {"code": code_of(attacker)})
    assert "codes" not in response.context
    assert not TOTPDevice.objects.filter(user=people.anna).exists()
    assert client.get(reverse("accounts:account")).status_code == 302


@pytest.mark.usefixtures("two_factor_required")
def test_it_refuses_a_wrong_or_expired_enrolment_code(client: Client, people: People) -> None:
    issued = issue_enrolment_code(by=people.carla, user=people.anna)
    sign_in(client, "anna")
    wrong = client.post(reverse("accounts:two_factor_enrol"), {"enrolment_code": "abcd-efgh-ijkm"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["enrolment_code"]
    EnrolmentCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    expired = client.post(reverse("accounts:two_factor_enrol"), {"enrolment_code": issued.code})
    assert expired.context["form"].errors["enrolment_code"]
    assert not TOTPDevice.objects.filter(user=people.anna).exists()
    failures = AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN_FAILED, target=f"user:{people.anna.pk}"
    )
    assert failures.count() == 2
    assert issued.code not in str(list(failures.values_list("detail", flat=True)))


@pytest.mark.usefixtures("two_factor_required")
def test_an_enrolment_code_works_once_and_is_kept_only_as_a_hash(
    client: Client, people: People
) -> None:
    sign_in(client, "anna")
    response = give_enrolment_code(client, people, people.anna)
    assert response["Location"] == reverse("accounts:two_factor_enrol")
    stored = EnrolmentCode.objects.get(user=people.anna)
    assert stored.digest.startswith("pbkdf2_sha256$")
    assert stored.expires_at > timezone.now() + datetime.timedelta(days=6)
    client.get(response["Location"])
    device = TOTPDevice.objects.get(user=people.anna)
    client.post(reverse("accounts:two_factor_enrol"), {"code": code_of(device)})
    assert not EnrolmentCode.objects.filter(user=people.anna).exists()


@pytest.mark.usefixtures("two_factor_required")
def test_it_mails_the_user_when_a_second_factor_is_added(
    client: Client, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in(client, "anna")
    give_enrolment_code(client, people, people.anna)
    client.get(reverse("accounts:two_factor_enrol"))
    device = TOTPDevice.objects.get(user=people.anna)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:two_factor_enrol"), {"code": code_of(device)})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "anna" in str(message.body)
    assert "authenticator" in str(message.body).lower()


# Issue 14: the second step of a sign-in, passed or failed, is in the audit trail.
@pytest.mark.usefixtures("two_factor_required")
def test_it_audits_the_second_step(client: Client, people: People) -> None:
    device, codes = with_authenticator(people.anna)
    sign_in(client, "anna")
    wrong = f"{(int(code_of(device)) + 5) % 1_000_000:06d}"
    client.post(reverse("accounts:two_factor_verify"), {"code": wrong})
    client.post(reverse("accounts:two_factor_verify"), {"recovery_code": codes[0]})
    events = AuditEvent.objects.filter(actor=people.anna).order_by("id")
    assert [(e.action, e.detail) for e in events] == [
        (AuditAction.SIGNED_IN, "password"),
        (AuditAction.SIGN_IN_FAILED, "second step: wrong code from the app"),
        (AuditAction.SIGNED_IN, "second step: recovery code"),
    ]
    assert wrong not in str([e.detail for e in events])


@pytest.mark.usefixtures("two_factor_required")
def test_a_new_enrolment_code_ends_a_set_up_begun_with_the_old_one(
    client: Client, people: People
) -> None:
    sign_in(client, "anna")
    give_enrolment_code(client, people, people.anna)
    client.get(reverse("accounts:two_factor_enrol"))
    device = TOTPDevice.objects.get(user=people.anna)
    # Carla suspects the old code got out, and gives a new one.
    issue_enrolment_code(by=people.carla, user=people.anna)
    response = client.post(reverse("accounts:two_factor_enrol"), {"code": code_of(device)})
    assert "accounts/two_factor_enrolment_code.html" in [t.name for t in response.templates]
    assert not TOTPDevice.objects.filter(user=people.anna, confirmed=True).exists()


def test_it_mails_the_user_when_new_recovery_codes_are_made(
    people: People, django_capture_on_commit_callbacks: Any
) -> None:
    with_authenticator(people.anna)
    with django_capture_on_commit_callbacks(execute=True):
        regenerate_recovery_codes(by=people.anna)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert "herstelcodes" in str(mail.outbox[0].subject)
