"""Call-back requests in the coach's day (issue 19, §3): Sandra asked the explorer to be called
back; Bram gave the request to Anna. Anna sees it at the top of "Aandacht nodig" and of her
calling rounds, with the day the explorer promised and how much of it is left; she logs the
tries that do not reach Sandra, and when Sandra becomes a client the tries and the step Sandra
chose in the explorer come along into her file."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers import knowledge
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.choices import ContactOutcome
from koers.web.explorer.short_code import Place, encode
from koers.web.intake import actions, queries
from koers.web.intake.models import CallbackAttempt, CallbackRequest
from koers.web.intake.promise import promised_by, working_days_left
from koers.web.plans.models import Plan
from tests.web.conftest import People, make_client

SANDRA = {"first_name": "Sandra", "phone": "06 12345678", "best_time": "ochtend"}
FRIDAY = datetime.date(2026, 11, 27)
ATTENTION = reverse("casework:attention")
ROUNDS = reverse("rounds:index")


def a_request(**values: object) -> CallbackRequest:
    return CallbackRequest.objects.create(**{**SANDRA, "fingerprint": "x" * 64, **values})


def given_to_anna(people: People, **values: object) -> CallbackRequest:
    return actions.assign_request(by=people.bram, callback=a_request(**values), coach=people.anna)


# The promise: working days, Monday to Friday.


def test_a_request_from_friday_is_due_on_tuesday() -> None:
    assert promised_by(FRIDAY, working_days=2) == datetime.date(2026, 12, 1)
    assert promised_by(FRIDAY - datetime.timedelta(days=1), working_days=2) == FRIDAY + (
        datetime.timedelta(days=3)
    )


def test_it_counts_the_working_days_left_and_late() -> None:
    tuesday = datetime.date(2026, 12, 1)
    assert working_days_left(tuesday, today=FRIDAY) == 2
    assert working_days_left(tuesday, today=tuesday) == 0
    assert working_days_left(tuesday, today=datetime.date(2026, 12, 2)) == -1
    # A weekend after the deadline costs nothing more.
    assert working_days_left(FRIDAY, today=datetime.date(2026, 11, 29)) == 0
    assert working_days_left(FRIDAY, today=datetime.date(2026, 11, 30)) == -1


def test_the_promise_follows_the_setting(settings: Settings, client: Browser) -> None:
    settings.KOERS_CALLBACK_WORKING_DAYS = 3
    assert promised_by(FRIDAY) == datetime.date(2026, 12, 2)
    html = client.get(reverse("intake:thanks")).content.decode()
    assert "binnen 3 werkdagen" in html


# In the coach's day.


@pytest.mark.django_db
def test_anna_sees_her_request_first_in_needs_attention(people: People, client: Browser) -> None:
    given_to_anna(people)
    client.force_login(people.anna)

    html = client.get(ATTENTION).content.decode()

    assert "Terugbelverzoeken" in html
    assert "Sandra</a> · ochtend · terugbellen uiterlijk" in html
    assert "nog 2 werkdagen" in html
    assert html.index("Terugbelverzoeken") < html.index("</main>")
    listed = AuditEvent.objects.filter(actor=people.anna, action=AuditAction.INTAKE_LISTED)
    assert listed.exists()


@pytest.mark.django_db
def test_a_late_request_says_how_late_it_is(people: People, client: Browser) -> None:
    long_ago = timezone.now() - datetime.timedelta(days=21)
    given_to_anna(people, created_at=long_ago)
    client.force_login(people.anna)

    html = client.get(ATTENTION).content.decode()

    assert "werkdagen te laat" in html


@pytest.mark.django_db
def test_it_sits_at_the_top_of_annas_calling_rounds(people: People, client: Browser) -> None:
    given_to_anna(people)
    make_client(people.anna, first_name="Piet", situation="working")
    client.force_login(people.anna)

    index = client.get(ROUNDS).content.decode()
    assert "Terugbelverzoeken" in index and "Sandra" in index

    started = client.post(ROUNDS, {"title": "Maandag"})
    call = client.get(started["Location"]).content.decode()
    assert call.index("Terugbelverzoeken") < call.index('id="client-name"')


@pytest.mark.django_db
def test_bram_sees_the_new_requests_that_wait_for_a_coach(people: People, client: Browser) -> None:
    a_request()
    client.force_login(people.bram)

    html = client.get(ATTENTION).content.decode()

    assert "Sandra" in html and "nog geen coach" in html


@pytest.mark.django_db
def test_dirk_never_sees_annas_request(people: People, client: Browser) -> None:
    given_to_anna(people)
    client.force_login(people.dirk)

    assert "Sandra" not in client.get(ATTENTION).content.decode()
    assert "Sandra" not in client.get(ROUNDS).content.decode()


# The tries.


@pytest.mark.django_db
def test_anna_logs_a_try_that_did_not_reach_sandra(people: People, client: Browser) -> None:
    callback = given_to_anna(people)
    client.force_login(people.anna)

    response = client.post(
        reverse("intake:attempt", args=[callback.pk]),
        {"outcome": ContactOutcome.VOICEMAIL, "note": "Ingesproken, belt terug na drieën"},
    )

    assert response.status_code == 302
    attempt = CallbackAttempt.objects.get()
    assert (attempt.by, attempt.outcome) == (people.anna, ContactOutcome.VOICEMAIL)
    detail = client.get(reverse("intake:detail", args=[callback.pk])).content.decode()
    assert "voicemail" in detail and "Ingesproken" in detail
    assert "1 poging" in client.get(ATTENTION).content.decode()
    logged = AuditEvent.objects.get(action=AuditAction.INTAKE_ATTEMPT_LOGGED)
    assert (logged.actor, sorted(logged.fields)) == (people.anna, ["note", "outcome"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("note", "says"),
    [("x" * 501, "500"), ("Haar BSN is 111222333", "BSN"), ("", "")],
    ids=["too-long", "bsn", "no-outcome"],
)
def test_a_try_with_bad_input_says_what_is_wrong_and_logs_nothing(
    people: People, client: Browser, note: str, says: str
) -> None:
    callback = given_to_anna(people)
    client.force_login(people.anna)
    data = {"note": note} if not says else {"outcome": ContactOutcome.NOT_REACHED, "note": note}

    response = client.post(reverse("intake:attempt", args=[callback.pk]), data)

    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert says in response.content.decode()
    assert not CallbackAttempt.objects.exists()


@pytest.mark.django_db
def test_nobody_logs_a_try_on_a_request_that_is_already_handled(
    people: People, client: Browser
) -> None:
    callback = given_to_anna(people)
    actions.decline_request(by=people.bram, callback=callback)
    client.force_login(people.anna)

    response = client.post(
        reverse("intake:attempt", args=[callback.pk]), {"outcome": ContactOutcome.NOT_REACHED}
    )

    assert response.status_code == 404
    assert not CallbackAttempt.objects.exists()


# Becoming a client.


@pytest.mark.django_db
def test_the_tries_and_the_chosen_step_come_along_into_the_client_file(people: People) -> None:
    knowledge.forget()
    occupations = knowledge.taxonomy().occupations
    callback = given_to_anna(people, short_code=encode(Place(0, target=1)))
    actions.log_attempt(by=people.anna, callback=callback, outcome=ContactOutcome.NOT_REACHED)
    actions.log_attempt(
        by=people.anna, callback=callback, outcome=ContactOutcome.VOICEMAIL, note="Ingesproken"
    )

    sandra = actions.convert_request(
        by=people.anna, callback=callback, values={"first_name": "Sandra", "situation": "working"}
    )

    tries = list(sandra.contacts.order_by("at").values_list("outcome", "summary", "by"))
    assert tries == [
        (ContactOutcome.NOT_REACHED, "", people.anna.pk),
        (ContactOutcome.VOICEMAIL, "Ingesproken", people.anna.pk),
    ]
    # The request's own record of the tries keeps no notes from now on.
    assert list(CallbackAttempt.objects.values_list("note", flat=True)) == ["", ""]
    plan = Plan.objects.get(client=sandra)
    direction = plan.directions.get()
    assert direction.occupation_uri == occupations[1].uri
    assert callback.short_code in direction.why
    converted = AuditEvent.objects.get(action=AuditAction.INTAKE_CONVERTED)
    assert converted.detail == "carried over: attempts, plan"


@pytest.mark.django_db
def test_without_a_chosen_step_no_plan_is_started(people: People) -> None:
    callback = given_to_anna(people, short_code=encode(Place(0)))

    sandra = actions.convert_request(
        by=people.anna, callback=callback, values={"first_name": "Sandra", "situation": "working"}
    )

    assert not Plan.objects.filter(client=sandra).exists()


@pytest.mark.django_db
def test_a_long_code_gives_the_occupation_and_starts_no_plan(people: People) -> None:
    """The ticks of a long code are for the coach to ask about (the request's page shows them),
    not skills of the plan: the explorer does not know where they were learned."""
    knowledge.forget()
    code = encode(Place(3, can=("computer", "plannen")))
    callback = given_to_anna(people, short_code=code)

    assert queries.places_of(code) == (knowledge.taxonomy().occupations[3].uri, "")
    sandra = actions.convert_request(
        by=people.anna, callback=callback, values={"first_name": "Sandra", "situation": "working"}
    )
    assert not Plan.objects.filter(client=sandra).exists()
