"""Admins manage accounts and teams; nobody else can see those pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from koers.web.accounts.actions import create_team, create_user, update_user
from koers.web.accounts.codes import matches
from koers.web.accounts.models import EnrolmentCode, Team, User
from koers.web.accounts.roles import Role
from koers.web.audit.models import AuditAction, AuditEvent
from tests.web.conftest import People

ADMIN_PAGES = [
    ("accounts:users", []),
    ("accounts:user_create", []),
    ("accounts:user_edit", ["anna"]),
    ("accounts:user_reset_2fa", ["anna"]),
    ("accounts:teams", []),
]


@pytest.mark.parametrize("persona", ["anna", "bram", "dirk"])
@pytest.mark.parametrize(("name", "args"), ADMIN_PAGES)
def test_it_hides_the_admin_pages_from_coaches_and_team_leads(
    client: Client, people: People, persona: str, name: str, args: list[str]
) -> None:
    client.force_login(getattr(people, persona))
    url = reverse(name, args=[getattr(people, arg).pk for arg in args])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_it_lists_every_user_with_role_team_and_second_step(client: Client, people: People) -> None:
    TOTPDevice.objects.create(user=people.anna, name="phone", confirmed=True)
    client.force_login(people.carla)
    response = client.get(reverse("accounts:users"))
    assert response.status_code == 200
    listed = {user.username: user for user in response.context["users"]}
    assert set(listed) == {"anna", "bram", "carla", "dirk", "eva"}
    assert listed["anna"].has_2fa and not listed["bram"].has_2fa
    page = response.content.decode()
    assert "Noord" in page and "Zuid" in page
    assert reverse("accounts:user_edit", args=[people.dirk.pk]) in page


def new_user_form(**values: str) -> dict[str, str]:
    form = {
        "username": "fenna",
        "first_name": "Fenna",
        "last_name": "Bakker",
        "email": "fenna@example.org",
        "role": "coach",
        "team": "",
        "password": "",
    }
    form.update(values)
    return form


def test_an_admin_creates_a_coach_with_a_first_password(client: Client, people: People) -> None:
    client.force_login(people.carla)
    noord = Team.objects.get(name="Noord")
    response = client.post(
        reverse("accounts:user_create"),
        new_user_form(team=str(noord.pk), password="a long first passphrase"),
    )
    assert response.status_code == 200
    fenna = User.objects.get(username="fenna")
    assert (fenna.role, fenna.team, fenna.first_name) == (Role.COACH, noord, "Fenna")
    assert fenna.check_password("a long first passphrase")
    assert fenna.must_set_password
    # The enrolment code is shown once, on this page, and kept only as a hash.
    code = response.context["issued"].code
    assert code in response.content.decode()
    assert matches(code, EnrolmentCode.objects.get(user=fenna).digest)
    event = AuditEvent.objects.get(action=AuditAction.USER_CREATED)
    assert event.actor == people.carla
    assert event.target == f"user:{fenna.pk}"
    assert "password" in event.fields and "Fenna" not in str(event.fields)
    assert mail.outbox == []


def test_an_admin_creates_a_user_who_chooses_a_password_by_e_mail(
    client: Client, people: People
) -> None:
    client.force_login(people.carla)
    response = client.post(
        reverse("accounts:user_create"), new_user_form(role="admin", send_reset="on")
    )
    assert response.status_code == 200
    fenna = User.objects.get(username="fenna")
    assert not fenna.has_usable_password()
    # The code never goes in the mail: whoever reads her mailbox would have both.
    assert response.context["issued"].code not in mail.outbox[0].body
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["fenna@example.org"]
    assert "fenna" in mail.outbox[0].body
    link = re.search(r"https?://[^/]+(/\S+)", str(mail.outbox[0].body))
    assert link is not None
    client.logout()
    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"] is True
    new = "fenna chooses this one"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    fenna.refresh_from_db()
    assert fenna.check_password(new)
    assert not fenna.must_set_password


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"password": "short"}, "password"),
        ({"password": "1234567890"}, "password"),
        ({"username": "ANNA", "password": "a long first passphrase"}, "username"),
        ({"send_reset": "on", "email": ""}, "email"),
        ({}, "password"),
    ],
)
def test_it_explains_why_a_user_cannot_be_created(
    client: Client, people: People, values: dict[str, str], field: str
) -> None:
    client.force_login(people.carla)
    noord = Team.objects.get(name="Noord")
    response = client.post(
        reverse("accounts:user_create"), new_user_form(team=str(noord.pk), **values)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert re.search(f'aria-describedby="[^"]*id_{field}_error', response.content.decode())
    assert User.objects.count() == 5
    assert not AuditEvent.objects.filter(action=AuditAction.USER_CREATED).exists()


def test_an_admin_changes_role_team_and_active(client: Client, people: People) -> None:
    client.force_login(people.carla)
    zuid = Team.objects.get(name="Zuid")
    url = reverse("accounts:user_edit", args=[people.anna.pk])
    assert client.get(url).context["form"].initial["role"] == Role.COACH
    response = client.post(
        url,
        {
            "first_name": "Anna",
            "last_name": "",
            "email": "anna@example.org",
            "role": "teamlead",
            "team": str(zuid.pk),
        },
    )
    assert response["Location"] == reverse("accounts:users")
    people.anna.refresh_from_db()
    assert (people.anna.role, people.anna.team, people.anna.is_active) == (
        Role.TEAMLEAD,
        zuid,
        False,
    )
    event = AuditEvent.objects.get(action=AuditAction.USER_CHANGED)
    assert event.fields == ["is_active", "role", "team"]


def test_an_admin_cannot_lock_themselves_out(people: People) -> None:
    with pytest.raises(ValidationError):
        update_user(by=people.carla, user=people.carla, values={"is_active": False})
    with pytest.raises(ValidationError):
        update_user(by=people.carla, user=people.carla, values={"role": Role.COACH})


def test_a_user_change_takes_only_the_fields_an_admin_may_change(people: People) -> None:
    """Like every action, update_user refuses what is not in its row: the password and the
    staff flags have their own ways in."""
    values: dict[str, object] = {"first_name": "Annie", "is_superuser": True}
    with pytest.raises(TypeError, match=r"^unknown fields: is_superuser$"):
        update_user(by=people.carla, user=people.anna, values=values)  # type: ignore[arg-type]
    people.anna.refresh_from_db()
    assert (people.anna.first_name, people.anna.is_superuser) == ("Anna", False)
    assert not AuditEvent.objects.filter(action=AuditAction.USER_CHANGED).exists()


def test_an_admin_adds_a_team_once(client: Client, people: People) -> None:
    client.force_login(people.carla)
    response = client.post(reverse("accounts:teams"), {"name": "Oost"})
    assert response["Location"] == reverse("accounts:teams")
    assert Team.objects.filter(name="Oost").exists()
    again = client.post(reverse("accounts:teams"), {"name": "oost"})
    assert again.context["form"].errors["name"]
    listing = client.get(reverse("accounts:teams")).content.decode()
    assert "Oost" in listing and "Noord" in listing


def test_creating_a_user_checks_the_password_and_the_role(people: People) -> None:
    with pytest.raises(ValidationError) as weak:
        create_user(by=people.carla, username="g", role="coach", team=None, email="", password="1")
    assert "password" in weak.value.message_dict
    with pytest.raises(ValidationError) as role:
        create_user(by=people.carla, username="g", role="boss", team=None, email="")
    assert "role" in role.value.message_dict


def test_the_first_admin_is_created_by_nobody(db: None) -> None:
    team = create_team(by=None, name="Beheer")
    admin = create_user(
        by=None, username="root", role="admin", team=team, email="", password="a good passphrase"
    )
    assert admin.is_admin
    event = AuditEvent.objects.get(action=AuditAction.USER_CREATED)
    assert (event.actor, event.actor_name) == (None, "system")


def sign_in_as_fenna(client: Client, people: People, password: str) -> None:
    create_user(
        by=people.carla,
        username="fenna",
        role="coach",
        team=Team.objects.get(name="Noord"),
        email="fenna@example.org",
        password=password,
    )
    client.post(reverse("accounts:login"), {"username": "fenna", "password": password})


# Issue 14: a password an admin chose stayed the user's password.
def test_a_user_with_a_password_from_an_admin_chooses_her_own_before_anything_else(
    client: Client, people: People
) -> None:
    first = "a long first passphrase"
    sign_in_as_fenna(client, people, first)
    caseload = reverse("clients:caseload")
    for url in (caseload, reverse("accounts:account"), reverse("accounts:password_change")):
        response = client.get(url)
        assert response["Location"].startswith(reverse("accounts:password_set") + "?next=")
    page = client.get(reverse("accounts:password_set"), {"next": caseload})
    assert page.status_code == 200
    same = client.post(
        reverse("accounts:password_set"), {"new_password1": first, "new_password2": first}
    )
    assert same.context["form"].errors["new_password2"]
    own = "fenna picks her very own"
    response = client.post(
        reverse("accounts:password_set"),
        {"new_password1": own, "new_password2": own, "next": caseload},
    )
    assert response["Location"] == caseload
    assert client.get(caseload).status_code == 200
    fenna = User.objects.get(username="fenna")
    assert fenna.check_password(own) and not fenna.must_set_password
    event = AuditEvent.objects.get(action=AuditAction.PASSWORD_CHANGED)
    assert (event.actor, event.fields, event.detail) == (
        fenna,
        ["password"],
        "chosen at first sign-in",
    )


def test_the_first_password_page_checks_the_new_password(client: Client, people: People) -> None:
    sign_in_as_fenna(client, people, "a long first passphrase")
    response = client.post(
        reverse("accounts:password_set"), {"new_password1": "short", "new_password2": "short"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    assert User.objects.get(username="fenna").must_set_password


def test_with_two_step_sign_in_the_second_step_comes_before_the_new_password(
    client: Client, people: People, settings: Settings
) -> None:
    settings.KOERS_REQUIRE_2FA = True
    sign_in_as_fenna(client, people, "a long first passphrase")
    response = client.get(reverse("accounts:password_set"))
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    response = client.get(reverse("clients:caseload"))
    assert response["Location"].startswith(reverse("accounts:two_factor"))
