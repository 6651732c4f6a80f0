"""Dates on the training pages and in their date fields follow the language: Dutch dates in
Dutch, English in English; the browser's date picker always gets ISO (issue 19, part 5)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone, translation

from koers.web.clients.models import Traject
from koers.web.training.actions import create_application
from koers.web.training.models import Application
from tests.web.conftest import People

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year + 1
START = datetime.date(YEAR, 12, 2)


def url_of(language: str, name: str, pk: int) -> str:
    with translation.override(language):
        return reverse(name, args=[pk])


def new_application(traject: Traject, latest_start: str, **values: str) -> dict[str, object]:
    return {
        "traject": traject.pk,
        "course_title": "Excel",
        "provider": "ROC",
        "cost": "300",
        "applicant": "adviseur",
        "latest_start_on": latest_start,
        "lines-TOTAL_FORMS": 2,
        "lines-INITIAL_FORMS": 0,
        **values,
    }


@pytest.mark.parametrize(("language", "shown"), [("nl", f"2 dec {YEAR}"), ("en", f"2 Dec {YEAR}")])
def test_it_shows_an_applications_dates_in_the_pages_language(
    people: People, client: Browser, traject: Traject, language: str, shown: str
) -> None:
    application = create_application(
        by=people.anna,
        traject=traject,
        values={
            "course_title": "Excel",
            "provider": "ROC",
            "cost": Decimal(300),
            "latest_start_on": START,
        },
        lines=[],
    )
    client.force_login(people.anna)
    page = client.get(url_of(language, "training:application", application.pk)).content.decode()
    assert shown in page


@pytest.mark.parametrize("typed", [f"2-12-{YEAR}", f"02-12-{YEAR}", f"{YEAR}-12-02"])
def test_it_takes_a_date_typed_the_dutch_way_on_a_dutch_page(
    people: People, client: Browser, traject: Traject, typed: str
) -> None:
    client.force_login(people.anna)
    url = url_of("nl", "training:application_create", traject.client_id)
    assert client.post(url, new_application(traject, typed)).status_code == 302
    assert Application.objects.get().latest_start_on == START


@pytest.mark.parametrize(
    ("language", "typed", "error"),
    [
        ("nl", f"31-02-{YEAR}", "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 2-12-2026."),
        ("nl", "volgende week", "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 2-12-2026."),
        ("en", f"2-12-{YEAR}", "Enter a date like 2026-12-02."),
    ],
)
def test_it_explains_how_to_type_a_date_it_cannot_read(
    people: People, client: Browser, traject: Traject, language: str, typed: str, error: str
) -> None:
    client.force_login(people.anna)
    url = url_of(language, "training:application_create", traject.client_id)
    response = client.post(url, new_application(traject, typed))
    assert response.status_code == 200
    assert response.context["form"].errors["latest_start_on"] == [error]
    assert response.context["form"]["course_title"].value() == "Excel"
    assert not Application.objects.exists()


def test_the_date_picker_gets_iso_when_a_dutch_date_is_shown_again(
    people: People, client: Browser, traject: Traject
) -> None:
    client.force_login(people.anna)
    url = url_of("nl", "training:application_create", traject.client_id)
    # Another field is wrong, so the form comes back with the date as typed.
    response = client.post(url, new_application(traject, f"2-12-{YEAR}", course_title=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'type="date" name="latest_start_on" value="{YEAR}-12-02"' in html
