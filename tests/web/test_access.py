"""Every URL of Koers, opened by every persona: who may see what (no view goes unchecked).

Anna is a coach in team Noord and covers for Eva (waarneming); Bram leads Noord; Carla is
the admin; Dirk coaches in team Zuid. A page someone may not open answers 404, so that
nobody learns which client numbers exist; an anonymous visitor is sent to the login page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.test import Client as Browser
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from koers.web.accounts.models import Cover, User
from koers.web.casework import pauses
from koers.web.clients import actions
from koers.web.clients.models import Afspraak, Client, Opdrachtgever
from koers.web.intake.actions import assign_request
from koers.web.intake.models import CallbackRequest
from koers.web.outreach.models import MessageTemplate
from koers.web.plans.actions import start_plan
from koers.web.reports.models import SentReport
from koers.web.rounds.actions import start_round
from koers.web.rounds.models import CallScript, Entry, NoteTemplate, Round
from koers.web.training.actions import (
    create_application,
    save_course,
    save_scheme,
    save_window,
)
from koers.web.training.models import Application, Course, Scheme, Window
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db

# A step within reach of a hairdresser, as the explorer names it in URLs.
BARBER_ID = "4e0c14d6-b170-40f1-bcdc-703c0b92109b"

# Open to everyone, signed in or not: the explorer, the ways into an account, the client's link.
PUBLIC = {
    "explorer:home",
    "explorer:code",
    "explorer:accessibility",
    "explorer:reflection",
    "explorer:sectors",
    "explorer:sector",
    "explorer:occupation",
    "explorer:also_can",
    "explorer:next_steps",
    "explorer:target",
    "accounts:login",
    "intake:callback",
    "intake:thanks",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    # The client's private link to their plan: the token in the URL is the key.
    "plan_link",
    # A coach's private calendar feed: the token in the URL is the key (test_calendar_feed.py).
    "calendar_feed",
}
# Any signed-in staff member (their own account and second factor).
EVERY_STAFF_MEMBER = {
    "accounts:account",
    "accounts:logout",
    "accounts:password_change",
    "accounts:password_set",
    "accounts:two_factor",
    "accounts:two_factor_enrol",
    "accounts:two_factor_verify",
    "accounts:recovery_codes",
}
# Pages without a client, by who may open them.
BY_ROLE = {
    "clients:caseload": {"anna", "eva", "bram", "dirk"},
    # One's own API token only: the table's id is nobody's (tests/api/test_tokens.py).
    "accounts:token_revoke": set(),
    "rounds:index": {"anna", "eva", "bram", "dirk"},
    "rounds:from_attention": {"anna", "eva", "bram", "dirk"},
    "casework:attention": {"anna", "eva", "bram", "dirk"},
    "intake:queue": {"anna", "eva", "bram", "dirk"},
    "clients:create": {"anna", "eva", "bram", "dirk"},
    "data:import": {"anna", "eva", "bram", "dirk"},
    "data:import_template": {"anna", "eva", "bram", "dirk"},
    "accounts:covers": {"bram", "carla"},
    "accounts:end_cover": {"bram", "carla"},
    "accounts:users": {"carla"},
    "accounts:user_create": {"carla"},
    "accounts:user_edit": {"carla"},
    "accounts:user_reset_2fa": {"carla"},
    "accounts:teams": {"carla"},
    "clients:opdrachtgevers": {"carla"},
    "clients:opdrachtgever_edit": {"carla"},
    "clients:afspraken": {"carla"},
    "clients:afspraak_edit": {"carla"},
    "outreach:templates": {"carla"},
    "outreach:template_create": {"carla"},
    "outreach:template_edit": {"carla"},
    "outreach:my_feed": {"anna", "eva", "bram", "dirk"},
    "rounds:scripts": {"carla"},
    "rounds:script_edit": {"carla"},
    "rounds:note_templates": {"carla"},
    "rounds:note_template_edit": {"carla"},
    "data:requests": {"carla"},
    "data:export": {"carla"},
    "data:erase": {"carla"},
    "audit:search": {"carla"},
    "training:overview": {"anna", "eva", "bram", "dirk"},
    "training:export": {"anna", "eva", "bram", "dirk"},
    "training:schemes": {"anna", "eva", "bram", "carla", "dirk"},
    "training:scheme_detail": {"anna", "eva", "bram", "carla", "dirk"},
    "training:scheme_create": {"carla"},
    "training:scheme_edit": {"carla"},
    "training:window_create": {"carla"},
    "training:window_edit": {"carla"},
    "training:courses": {"anna", "eva", "bram", "carla", "dirk"},
    "training:skill_search": {"anna", "eva", "bram", "carla", "dirk"},
    "training:course_create": {"bram", "carla"},
    "training:course_edit": {"bram", "carla"},
    "training:course_import": {"bram", "carla"},
    "training:course_template": {"bram", "carla"},
    # Each sees only the figures she may (tests/web/test_reports.py).
    "reports:report": {"anna", "eva", "bram", "carla", "dirk"},
    "reports:party": {"carla"},
    "reports:record_sent": {"carla"},
    "reports:sent": {"carla"},
    "reports:sent_pdf": {"carla"},
}
# Pages of one client: opened for Anna's own client, for Eva's client (whom Anna covers) and
# for a client of Dirk's team. Bram leads Anna's and Eva's team.
CLIENT_PAGES = {
    "casework:client",
    "outreach:compose",
    "outreach:appointment",
    "clients:edit",
    "clients:log_contact",
    "clients:give_consent",
    "clients:revoke_consent",
    "clients:traject_create",
    "clients:traject_edit",
    "clients:traject_status",
    "casework:pause",
    "casework:end_pause",
    "training:plan",
    "training:application_create",
    "training:application",
    "training:application_edit",
    "training:application_status",
    "plans:client_copy",
    "plans:client_copy_pdf",
    "plans:plan",
    "plans:start",
    "plans:standing",
    "plans:reflection",
    "plans:reflection_code",
    "plans:notes",
    "plans:add_occupation",
    "plans:add_skill",
    "plans:add_direction",
    "plans:add_step",
    "plans:link_step",
    "plans:add_action",
    "plans:action_done",
    "plans:remove",
    "plans:versions",
    "plans:version",
    "plans:sharing",
    "plans:share",
    "plans:create_link",
    "plans:revoke_link",
}
# Pages of one calling round (Anna's): its coach and her team lead.
ROUND_PAGES = {
    "rounds:call",
    "rounds:list",
    "rounds:report",
    "rounds:close",
    "rounds:skip",
    "rounds:pin",
}
MAY_OPEN_ROUND = {"anna", "bram"}
# Pages of one call-back request from the explorer: assigned to Anna, or still new.
REQUEST_PAGES = {
    "intake:detail",
    "intake:attempt",
    "intake:convert",
    "intake:decline",
    "intake:assign",
}
MAY_OPEN_REQUEST = {
    "assigned": {
        "intake:detail": {"anna", "bram"},
        "intake:attempt": {"anna", "bram"},
        "intake:convert": {"anna", "bram"},
        "intake:decline": {"anna", "bram"},
        "intake:assign": {"bram"},
    },
    "new": {name: {"bram"} for name in REQUEST_PAGES},
}
MAY_OPEN = {
    "own": {"anna", "bram"},
    "covered": {"anna", "eva", "bram"},
    "other_team": {"dirk"},
}
REASSIGN = {"own": {"bram"}, "covered": {"bram"}, "other_team": set()}


def url_names() -> Iterator[tuple[str, URLPattern]]:
    def walk(
        patterns: list[URLPattern | URLResolver], namespace: str
    ) -> Iterator[tuple[str, URLPattern]]:
        for entry in patterns:
            if isinstance(entry, URLResolver) and entry.namespace == "api-v1":
                # The JSON API answers tokens, not sessions: tests/api checks it per token.
                continue
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, inner)
            elif entry.name:
                yield f"{namespace}{entry.name}", entry

    yield from walk(get_resolver().url_patterns, "")


def test_every_url_is_in_the_access_table() -> None:
    listed = (
        PUBLIC
        | EVERY_STAFF_MEMBER
        | set(BY_ROLE)
        | CLIENT_PAGES
        | ROUND_PAGES
        | REQUEST_PAGES
        | {"clients:reassign"}
    )
    names = {name for name, _ in url_names()}
    assert names - listed == set(), "new pages need a row in the access table"
    assert listed - names == set(), "the access table names pages that do not exist"


@pytest.fixture
def world(people: People) -> dict[str, Client]:
    fonds = Opdrachtgever.objects.create(name="UWV", kind="uwv")
    Afspraak.objects.create(name="Sociaal plan Winkelketen", kind="sociaal_plan", parties="FNV")
    clients = {
        "own": make_client(people.anna, first_name="Petra"),
        "covered": make_client(people.eva, first_name="Joost"),
        "other_team": make_client(people.dirk, first_name="Ahmed"),
    }
    for client in clients.values():
        actions.create_traject(
            by=client.coach,
            client=client,
            values={"opdrachtgever": fonds, "starts": timezone.localdate()},
        )
        pauses.pause_client(
            by=client.coach,
            client=client,
            until=timezone.localdate() + datetime.timedelta(days=7),
            reason="gevraagd",
            deadlines_confirmed=True,
        )
        actions.give_consent(
            by=client.coach,
            client=client,
            recipient="werkgever",
            given_on=timezone.localdate() - datetime.timedelta(days=3),
        )
    assign_request(
        by=people.bram,
        callback=CallbackRequest.objects.create(first_name="Sandra", phone="06 12345678"),
        coach=people.anna,
    )
    start_round(
        by=people.anna,
        coach=people.anna,
        title="Ronde",
        clients=Client.objects.filter(pk=clients["own"].pk),
    )
    scheme = save_scheme(by=people.carla, scheme=Scheme(name="NL leert door", financier="Rijk"))
    save_window(
        by=people.carla,
        window=Window(
            scheme=scheme,
            label="2027",
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate() + datetime.timedelta(days=30),
        ),
    )
    save_course(by=people.carla, course=Course(title="Helpende zorg", provider="ROC"))
    for client in clients.values():
        start_plan(by=client.coach, client=client)
        create_application(
            by=client.coach,
            traject=client.trajecten.get(),
            values={"course_title": "Helpende zorg", "provider": "ROC", "cost": Decimal(900)},
        )
    return clients


def _sent_report(people: People) -> SentReport:
    """A report sent to the practice's commissioning party, its PDF a stand-in."""
    sent, _created = SentReport.objects.get_or_create(
        opdrachtgever=Opdrachtgever.objects.get(),
        period="2026-11",
        version=1,
        defaults={"report": {}, "pdf": b"%PDF", "sent_at": timezone.now(), "sent_by": people.carla},
    )
    return sent


def url_for(name: str, client: Client | None, people: People) -> str:
    pattern = dict(url_names())[name]
    kwargs: dict[str, object] = {}
    for key in pattern.pattern.converters:
        if key == "pk" and name == "accounts:end_cover":
            kwargs[key] = Cover.objects.get().pk
        elif key == "pk" and name.startswith("accounts:"):
            kwargs[key] = people.dirk.pk
        elif key == "pk" and name == "clients:opdrachtgever_edit":
            kwargs[key] = Opdrachtgever.objects.get().pk
        elif key == "pk" and name == "clients:afspraak_edit":
            kwargs[key] = Afspraak.objects.get().pk
        elif key == "pk" and name.startswith("intake:"):
            kwargs[key] = CallbackRequest.objects.filter(coach=people.anna).get().pk
        elif key == "pk" and name == "outreach:template_edit":
            kwargs[key] = MessageTemplate.objects.first().pk  # type: ignore[union-attr]
        elif key == "pk" and name == "rounds:script_edit":
            kwargs[key] = CallScript.objects.get().pk
        elif key == "pk" and name == "rounds:note_template_edit":
            kwargs[key] = NoteTemplate.objects.get(outcome="bereikt").pk
        elif key == "pk" and name.startswith("rounds:"):
            kwargs[key] = Round.objects.get(coach=people.anna).pk
        elif key == "pk" and name.startswith(("training:scheme", "training:window")):
            kwargs[key] = Scheme.objects.get().pk
        elif key == "pk" and name.startswith("reports:sent"):
            kwargs[key] = _sent_report(people).pk
        elif key == "pk" and name == "training:course_edit":
            kwargs[key] = Course.objects.get().pk
        elif (
            key == "pk"
            and name.startswith("training:application")
            and name != ("training:application_create")
        ):
            kwargs[key] = Application.objects.get(traject__client=client).pk if client else 1
        elif key == "number":
            kwargs[key] = 1
        elif key == "window_pk":
            kwargs[key] = Window.objects.get().pk
        elif key == "target_id":
            kwargs[key] = BARBER_ID
        elif key == "pk":
            kwargs[key] = client.pk if client else 1
        elif key == "traject_pk":
            kwargs[key] = client.trajecten.get().pk if client else 1
        elif key == "entry_pk":
            kwargs[key] = Entry.objects.filter(round__coach=people.anna).first().pk  # type: ignore[union-attr]
        elif key == "consent_pk":
            kwargs[key] = client.consents.get().pk if client else 1
        else:
            kwargs[key] = "x"
    # The appointment file needs its moment (without one it answers 400, tested in outreach).
    query = "?moment=2026-12-03T10:00" if name == "outreach:appointment" else ""
    return reverse(name, kwargs=kwargs) + query


def opened(browser: Browser, url: str) -> bool:
    """True if the page answered, False on 404; a POST-only page is tried with an empty POST."""
    response = browser.get(url)
    if response.status_code == 405:
        response = browser.post(url, {})
    assert response.status_code in {200, 302, 404, 405}, (url, response.status_code)
    if response.status_code == 302:
        assert "/account/inloggen/" not in response["Location"], url
    if response.status_code == 404:
        # Every refusal is the one not-found page (Http404), so none tells more than another.
        assert "request_path" in response.context, (url, "a 404 not raised as Http404")
    return response.status_code != 404


PERSONAS = ["anna", "eva", "bram", "carla", "dirk"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_staff_pages_open_for_the_right_roles(
    persona: str, people: People, world: dict[str, Client], client: Browser
) -> None:
    client.force_login(User.objects.get(username=persona))
    some_client = world["own"]
    for name, allowed in BY_ROLE.items():
        url = url_for(name, some_client, people)
        assert opened(client, url) == (persona in allowed), (persona, name)
    for name in EVERY_STAFF_MEMBER - {"accounts:logout"}:
        assert opened(client, url_for(name, None, people)), (persona, name)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("whose", ["own", "covered", "other_team"])
def test_client_pages_open_for_the_right_people(
    persona: str, whose: str, people: People, world: dict[str, Client], client: Browser
) -> None:
    client.force_login(User.objects.get(username=persona))
    target = world[whose]
    for name in sorted(CLIENT_PAGES):
        url = url_for(name, target, people)
        assert opened(client, url) == (persona in MAY_OPEN[whose]), (persona, whose, name)
    reassign = url_for("clients:reassign", target, people)
    assert opened(client, reassign) == (persona in REASSIGN[whose]), (persona, whose)


@pytest.mark.parametrize("persona", PERSONAS)
def test_round_pages_open_for_its_coach_and_her_team_lead(
    persona: str, people: People, world: dict[str, Client], client: Browser
) -> None:
    client.force_login(User.objects.get(username=persona))
    for name in sorted(ROUND_PAGES):
        url = url_for(name, world["own"], people)
        assert opened(client, url) == (persona in MAY_OPEN_ROUND), (persona, name)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("state", ["assigned", "new"])
def test_call_back_requests_open_for_the_team_lead_and_the_assigned_coach(
    persona: str, state: str, people: People, world: dict[str, Client], client: Browser
) -> None:
    request = CallbackRequest.objects.create(first_name="Sandra", phone="06 12345678")
    if state == "assigned":
        assign_request(by=people.bram, callback=request, coach=people.anna)
    client.force_login(User.objects.get(username=persona))
    for name in sorted(REQUEST_PAGES):
        url = reverse(name, args=[request.pk])
        assert opened(client, url) == (persona in MAY_OPEN_REQUEST[state][name]), (persona, name)


def test_anonymous_visitors_are_sent_to_the_login_page(
    people: People, world: dict[str, Client], client: Browser
) -> None:
    for name, _ in url_names():
        url = url_for(name, world["own"], people)
        response = client.get(url)
        if name in PUBLIC:
            assert response.status_code in {200, 302, 404}, name
            continue
        assert response.status_code == 302, name
        assert reverse("accounts:login") in response["Location"], name


def test_a_cover_that_ended_no_longer_opens_the_clients(
    people: People, world: dict[str, Client], client: Browser
) -> None:
    people.anna.covering.update(
        ends=timezone.localdate() - datetime.timedelta(days=1),
        starts=timezone.localdate() - datetime.timedelta(days=10),
    )
    client.force_login(people.anna)
    assert not opened(client, reverse("casework:client", args=[world["covered"].pk]))


def test_an_erased_client_opens_for_nobody(
    people: People, world: dict[str, Client], client: Browser
) -> None:
    Client.objects.filter(pk=world["own"].pk).update(erased_at=timezone.now())
    for persona in ("anna", "bram"):
        client.force_login(User.objects.get(username=persona))
        assert not opened(client, reverse("casework:client", args=[world["own"].pk]))
