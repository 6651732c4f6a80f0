"""One register of personal data: export shows all of it, erasure and retention leave none (#14).

Zefanja has everything a client can have: contacts, consents, a pause with a note, a training
application with steps and funding lines, a round entry, the call-back request she came in
with, and a career plan sent to her commissioning party. Each of her words is a marker; after
erasure no table of the database may hold one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, models
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.casework.pauses import pause_client
from koers.web.clients.actions import create_traject, give_consent, log_contact
from koers.web.clients.models import Client, Opdrachtgever
from koers.web.explorer.short_code import Place, encode
from koers.web.intake.actions import convert_request, log_attempt, request_callback
from koers.web.plans import actions as plans
from koers.web.plans.agreement import record_agreement
from koers.web.plans.links import create_link
from koers.web.plans.models import Plan
from koers.web.plans.queries import personal_transitions
from koers.web.plans.sharing import share_plan
from koers.web.privacy.erasure import erase_client, removed_and_kept
from koers.web.privacy.export import export_client
from koers.web.privacy.holdings import BLANK
from koers.web.privacy.register import REGISTER
from koers.web.privacy.retention import anonymise_expired
from koers.web.rounds.actions import record_call, start_round
from koers.web.training.actions import change_application_status, create_application
from koers.web.training.models import Application, Scheme
from tests.web.conftest import HAIRDRESSER, People

SHORT_CODE = encode(Place(1234, 567))
# Everything that names Zefanja or tells her story; none may survive erasure.
MARKERS = {
    "first name": "Zefanja",
    "last name": "Quistorp",
    "e-mail": "zefanja.q@example.org",
    "phone": "13572468",
    "call times note": "niet op woensdagochtend",
    "employer": "Bakkerij Quistorp",
    "notes": "zorgt voor haar moeder",
    "order number": "OPD-77123",
    "contact summary": "gesprek met schuldhulp",
    "next action": "brochure omscholing sturen",
    "round call summary": "kinderen thuis, zorgen over geld",
    "consent note": "telefonisch akkoord",
    "pause note": "burn-out en schulden",
    "application number": "SUB-55321",
    "application note": "werkgever betaalt de rest",
    "step note": "aanvraag ingediend door Zefanja zelf",
    "short code": SHORT_CODE,
    "plan standing": "wil weer met haar handen werken",
    "reflection own words": "trots op mijn vak",
    "plan client notes": "bel Anna op dinsdag",
    "plan coach notes": "let op overbelasting",
    "plan skill own words": "knipt bij de buurtvereniging",
    "direction why": "houdt van precisiewerk",
    "plan action": "proefdag regelen bij salon",
    "plan comment": "liever eerst parttime",
    "plan share note": "naar Jolanda van het fonds",
}


def _foreign_keys(model: type[models.Model]) -> Iterator[type[models.Model]]:
    for field in model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey):
            related = field.related_model
            assert isinstance(related, type)
            yield related


def models_leading_to_a_client() -> set[type[models.Model]]:
    """Every model with a chain of foreign keys that ends at Client (Client itself too)."""
    found: set[type[models.Model]] = {Client}
    grew = True
    while grew:
        grew = False
        for model in apps.get_models():
            if model not in found and any(fk in found for fk in _foreign_keys(model)):
                found.add(model)
                grew = True
    return found


def test_every_model_that_leads_to_a_client_is_in_the_register() -> None:
    registered = {holding.model for holding in REGISTER}

    missing = {m._meta.label for m in models_leading_to_a_client() - registered}

    assert not missing, f"add these to koers.web.privacy.register: {sorted(missing)}"


@pytest.mark.parametrize("holding", REGISTER, ids=lambda holding: holding.section)
def test_the_register_says_what_happens_to_every_field(holding: Any) -> None:
    stored = {field.name for field in holding.model._meta.concrete_fields} - {"id"}

    assert set(holding.fields) == stored


@pytest.mark.parametrize("holding", REGISTER, ids=lambda holding: holding.section)
def test_every_registered_field_has_a_translated_label_for_the_export_page(holding: Any) -> None:
    unlabelled = [
        name
        for name in holding.fields
        if not isinstance(holding.model._meta.get_field(name).verbose_name, Promise)
    ]

    assert not unlabelled, f"give these fields a verbose_name with gettext_lazy: {unlabelled}"


@pytest.fixture
def zefanja(people: People, opdrachtgever: Opdrachtgever, scheme: Scheme) -> Client:
    """Zefanja came in through 'Bel mij terug' and has one of everything."""
    today = timezone.localdate()
    callback = request_callback(
        by=None,
        values={"first_name": "Zefanja", "phone": "06 13572468", "short_code": SHORT_CODE},
        fingerprint="f" * 64,
    )
    log_attempt(by=people.bram, callback=callback, outcome="voicemail", note="ingesproken")
    client = convert_request(
        by=people.anna,
        callback=callback,
        values={
            "first_name": "Zefanja",
            "last_name": "Quistorp",
            "email": "zefanja.q@example.org",
            "phone": "06 13572468",
            "call_times_note": "niet op woensdagochtend",
            "employer": "Bakkerij Quistorp",
            "notes": "Zefanja zorgt voor haar moeder.",
            "situation": "at_risk",
            "support_reasons": ["schulden"],
        },
    )
    traject = create_traject(
        by=people.anna,
        client=client,
        values={"opdrachtgever": opdrachtgever, "starts": today, "order_number": "OPD-77123"},
    )
    log_contact(
        by=people.anna,
        client=client,
        values={
            "traject": traject,
            "at": timezone.now(),
            "minutes": 30,
            "outcome": "bereikt",
            "summary": "Een gesprek met schuldhulp gepland.",
            "next_action": "brochure omscholing sturen",
        },
    )
    give_consent(
        by=people.anna,
        client=client,
        recipient="werkgever",
        given_on=today,
        note="telefonisch akkoord",
    )
    round_ = start_round(
        by=people.anna,
        coach=people.anna,
        title="Ronde",
        clients=Client.objects.filter(pk=client.pk),
    )
    record_call(
        by=people.anna,
        entry=round_.entries.get(),
        values={
            "at": timezone.now(),
            "outcome": "bereikt",
            "summary": "kinderen thuis, zorgen over geld",
        },
    )
    application = create_application(
        by=people.anna,
        traject=traject,
        values={
            "course_title": "Instroom zorg",
            "provider": "ROC",
            "cost": Decimal(900),
            "reference": "SUB-55321",
            "note": "werkgever betaalt de rest",
        },
        lines=[{"scheme": scheme, "window": scheme.windows.get(), "asked": Decimal(900)}],
    )
    change_application_status(
        by=people.anna,
        application=application,
        status="ingediend",
        note="aanvraag ingediend door Zefanja zelf",
    )
    pause_client(
        by=people.anna,
        client=client,
        until=today + datetime.timedelta(days=30),
        reason="gezondheid",
        note="burn-out en schulden",
        deadlines_confirmed=True,
    )
    make_plan(people, client, application)
    give_consent(by=people.anna, client=client, recipient="opdrachtgever", given_on=today)
    plan = Plan.objects.get(client=client)
    share_plan(
        by=people.anna,
        version=plan.versions.get(number=plan.version),
        traject=traject,
        note="naar Jolanda van het fonds",
    )
    return Client.objects.get(pk=client.pk)


def make_plan(people: People, client: Client, application: Application) -> None:
    """Zefanja's career plan with one of everything, a private link, and her answer on its last
    version."""
    plan = plans.start_plan(by=people.anna, client=client)
    plan = plans.update_plan(
        by=people.anna,
        plan=plan,
        version=plan.version,
        values={
            "standing": "Zefanja wil weer met haar handen werken.",
            "reflection": {"gives": ["pride"], "own_words": "trots op mijn vak"},
            "client_notes": "bel Anna op dinsdag",
            "coach_notes": "let op overbelasting",
        },
    )
    plans.add_occupation(
        by=people.anna, plan=plan, version=plan.version, occupation_uri=HAIRDRESSER, years=12
    )
    best = personal_transitions(plan, 1)[0]
    plans.add_skill(
        by=people.anna,
        plan=plan,
        version=plan.version,
        skill_uri=best.shared_skills[0],
        source="volunteer",
        own_words="knipt bij de buurtvereniging",
    )
    direction = plans.add_direction(
        by=people.anna,
        plan=plan,
        version=plan.version,
        kind="new",
        occupation_uri=best.uri,
        why="houdt van precisiewerk",
    )
    plans.add_learning_step(
        by=people.anna,
        direction=direction,
        version=plan.version,
        skill_uri=best.missing_essential[0],
        application=application,
    )
    plan.refresh_from_db()
    plans.add_action(
        by=people.anna,
        plan=plan,
        version=plan.version,
        what="proefdag regelen bij salon",
        who="client",
        due_on=timezone.localdate(),
    )
    create_link(by=people.anna, plan=plan)
    record_agreement(
        version=plan.versions.get(number=plan.version),
        agreed=False,
        comment="liever eerst parttime",
    )


def markers_left() -> dict[str, list[str]]:
    """Which markers any row of any table of the database still holds, by table."""
    found: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            text = "\n".join(str(value) for row in cursor.fetchall() for value in row).lower()
            hits = [name for name, marker in MARKERS.items() if marker.lower() in text]
            if hits:
                found[table] = hits
    return found


def test_the_markers_are_everywhere_before_erasure(zefanja: Client) -> None:
    left = markers_left()

    assert {name for hits in left.values() for name in hits} == set(MARKERS)


def test_the_export_holds_every_field_of_every_row_the_register_lists(
    people: People, zefanja: Client
) -> None:
    data = export_client(by=people.carla, client=zefanja)

    for holding in REGISTER:
        rows = data[holding.section]
        if holding.section == "client":
            assert set(rows) | {"coach"} == set(holding.fields), holding.section
            continue
        assert len(rows) == holding.rows_of(zefanja.pk).count() >= 1, holding.section
        for row in rows:
            assert set(row) == {"id", *holding.fields}, holding.section
    exported = str(data)
    for name, marker in MARKERS.items():
        # The call-back request gave its name and number to the client file at conversion.
        assert marker in exported, name
    assert data["pauses"][0]["note"] == "burn-out en schulden"
    assert data["applications"][0]["reference"] == "SUB-55321"
    assert data["funding_lines"][0]["scheme"] == "NL leert door"
    assert data["application_steps"][-1]["note"] == "aanvraag ingediend door Zefanja zelf"
    assert data["round_entries"][0]["round"] == "Ronde"
    assert data["callback_requests"][0]["short_code"] == SHORT_CODE


def test_after_erasure_no_table_holds_anything_of_the_client(
    people: People, zefanja: Client
) -> None:
    erase_client(by=people.carla, client=zefanja)

    assert markers_left() == {}
    kept = Client.objects.get(pk=zefanja.pk)
    # Two contacts logged, and the try to call back that came along from the request.
    assert (kept.situation, kept.contacts.count(), kept.pauses.get().reason) == (
        "at_risk",
        3,
        "gezondheid",
    )
    application = kept.trajecten.get().applications.get()
    assert (application.cost, application.status) == (Decimal(900), "ingediend")
    entry = AuditEvent.objects.get(action=AuditAction.CLIENT_ERASED)
    assert {"pauses.note", "applications.reference", "trajecten.order_number"} <= set(entry.fields)


def test_retention_leaves_nothing_of_the_client_either(people: People, zefanja: Client) -> None:
    traject = zefanja.trajecten.get()
    type(traject).objects.filter(pk=traject.pk).update(
        status="afgesloten", outcome="vwnw", closed_on=datetime.date(2020, 1, 1)
    )

    assert anonymise_expired(by=None, today=timezone.localdate(), apply=True) == [zefanja.pk]

    assert markers_left() == {}


def test_the_export_page_shows_every_section(
    client: Browser, people: People, zefanja: Client
) -> None:
    client.force_login(people.carla)
    with translation.override("en"):
        html = client.get(reverse("data:export", args=[zefanja.pk])).content.decode()
        titles = [str(holding.title) for holding in REGISTER]

    for title in titles:
        assert f">{title}</h2>" in html, title
    assert "burn-out en schulden" in html
    assert "SUB-55321" in html


def test_the_erase_page_names_what_goes_and_records_that_it_was_seen(
    client: Browser, people: People, zefanja: Client
) -> None:
    client.force_login(people.carla)
    with translation.override("en"):
        html = client.get(reverse("data:erase", args=[zefanja.pk])).content.decode()
        removed = removed_and_kept()["removed"]

    assert len(removed) == sum(len(holding.blanked) for holding in REGISTER)
    for label in removed:
        assert label in html
    assert BLANK in {erasure for holding in REGISTER for erasure in holding.fields.values()}
    seen = AuditEvent.objects.get(action=AuditAction.CLIENT_VIEWED, target="erase")
    assert (seen.actor, seen.client_id) == (people.carla, zefanja.pk)
