"""Web tests: the imported fixtures as the knowledge base, static files without a manifest."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Unpack

import pytest
from django.utils import timezone, translation
from pytest_django.fixtures import Settings

from koers import knowledge
from koers.transitions import TransitionQuery
from koers.web.accounts.models import Cover, Team, User
from koers.web.accounts.roles import Role
from koers.web.clients.actions import create_client, create_traject
from koers.web.clients.inputs import ClientValues
from koers.web.clients.models import Client, Opdrachtgever, Traject
from koers.web.training.actions import save_course, save_scheme, save_window
from koers.web.training.models import Course, Scheme, Window


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


@pytest.fixture
def in_english() -> Iterator[None]:
    """English pages (/en/...) and messages, so a test reads the msgids whatever the Dutch."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Every test starts in the default language (Dutch): a request leaves its language active
    in the thread, which made tests pass or fail by the order they ran in."""
    translation.deactivate()
    yield
    translation.deactivate()


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


def make_client(coach: User, **values: Unpack[ClientValues]) -> Client:
    """A client created the way the app creates one (through the action, audited)."""
    fields: ClientValues = {
        "first_name": "Petra",
        "last_name": "de Vries",
        "situation": "at_risk",
        "phone": "06 12345678",
    }
    fields.update(values)
    return create_client(by=coach, coach=coach, values=fields)


HAIRDRESSER = "http://data.europa.eu/esco/occupation/099c6bb0-22d3-4c5d-8bf5-70910af381ef"


@pytest.fixture
def traject(people: People, opdrachtgever: Opdrachtgever) -> Traject:
    """An open traject of Sandra, hairdresser and Anna's client."""
    client = make_client(
        people.anna, first_name="Sandra", last_name="Bakker", occupation_uri=HAIRDRESSER
    )
    return create_traject(
        by=people.anna,
        client=client,
        values={"opdrachtgever": opdrachtgever, "starts": timezone.localdate()},
    )


@pytest.fixture
def scheme(people: People) -> Scheme:
    """'NL leert door' with a window open from 30 days ago to 20 days ahead, at most € 1,000."""
    today = timezone.localdate()
    found = save_scheme(
        by=people.carla,
        scheme=Scheme(
            name="NL leert door",
            financier="Rijksoverheid",
            applicants=["deelnemer"],
            max_amount=Decimal(1000),
            conditions="Voor iedereen vanaf 18 jaar.",
            links=["https://www.nlleertdoor.nl"],
        ),
    )
    save_window(
        by=people.carla,
        window=Window(
            scheme=found,
            label="Najaar",
            opens_on=today - datetime.timedelta(days=30),
            closes_on=today + datetime.timedelta(days=20),
        ),
    )
    return found


@pytest.fixture
def gap_course(people: People) -> Course:
    """A course teaching the first two essential skills a hairdresser misses for her best step."""
    ranker = knowledge.ranker()
    best = ranker.rank(TransitionQuery(origin=HAIRDRESSER), k=1)[0]
    return save_course(
        by=people.carla,
        course=Course(
            title="Instroom zorg",
            provider="ROC Midden",
            price=Decimal(900),
            duration="10 weken",
            form="blended",
            skills=list(best.missing_essential[:2]),
        ),
    )
