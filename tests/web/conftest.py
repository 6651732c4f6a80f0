"""Web tests: the imported fixtures as the knowledge base, static files without a manifest."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers import knowledge
from koers.web.accounts.models import Cover, Team, User
from koers.web.accounts.roles import Role
from koers.web.clients.actions import create_client
from koers.web.clients.models import Client, Opdrachtgever


@pytest.fixture(autouse=True)
def plain_static_files(settings: Settings) -> None:
    settings.STORAGES = {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


@pytest.fixture(autouse=True)
def explorer_knowledge(imported_data_dir: Path) -> Iterator[Path]:
    knowledge.forget()
    yield imported_data_dir
    knowledge.forget()


@pytest.fixture(autouse=True)
def no_second_factor(settings: Settings) -> None:
    """Most tests sign in with a password only; the 2FA tests switch this back on."""
    settings.KOERS_REQUIRE_2FA = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass(frozen=True)
class People:
    """The personas and their rights.

    Anna: coach in team Noord. Eva: coach in Noord whom Anna covers for (waarneming).
    Bram: team lead of Noord. Carla: admin. Dirk: coach in team Zuid.
    """

    anna: User
    eva: User
    bram: User
    carla: User
    dirk: User


PASSWORD = "correct horse battery"


@pytest.fixture
def people(db: None) -> People:
    noord = Team.objects.create(name="Noord")
    zuid = Team.objects.create(name="Zuid")

    def user(username: str, first: str, role: Role, team: Team | None) -> User:
        return User.objects.create_user(
            username,
            password=PASSWORD,
            first_name=first,
            role=role,
            team=team,
            email=f"{username}@example.org",
        )

    people = People(
        anna=user("anna", "Anna", Role.COACH, noord),
        eva=user("eva", "Eva", Role.COACH, noord),
        bram=user("bram", "Bram", Role.TEAMLEAD, noord),
        carla=user("carla", "Carla", Role.ADMIN, None),
        dirk=user("dirk", "Dirk", Role.COACH, zuid),
    )
    today = timezone.localdate()
    Cover.objects.create(
        coach=people.eva,
        substitute=people.anna,
        starts=today - datetime.timedelta(days=1),
        ends=today + datetime.timedelta(days=14),
        created_by=people.bram,
    )
    return people


@pytest.fixture
def opdrachtgever(db: None) -> Opdrachtgever:
    return Opdrachtgever.objects.create(name="O&O-fonds Detailhandel", kind="oo_fonds")


def make_client(coach: User, **values: object) -> Client:
    """A client created the way the app creates one (through the action, audited)."""
    fields: dict[str, object] = {
        "first_name": "Petra",
        "last_name": "de Vries",
        "situation": "at_risk",
        "phone": "06 12345678",
    }
    fields.update(values)
    return create_client(by=coach, coach=coach, values=fields)
