"""A NUL byte in a web form gives a form error, never a 500 (PostgreSQL cannot store or even
compare one). Run on SQLite and PostgreSQL (KOERS_DATABASE_URL); the CSV imports have their
own tests in test_csv_import.py and test_training_catalogue.py."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as Browser
from django.urls import reverse

from koers.web.clients.models import Client, Contact
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_client_form_is_a_form_error(people: People, client: Browser) -> None:
    client.force_login(people.anna)
    form = {"first_name": "Pe\x00tra", "last_name": "de Vries", "situation": "at_risk"}
    form.update(question_type="short", urgency="high", channel="telefoon", language="nl")
    response = client.post(reverse("clients:create"), form)
    assert response.status_code == 200
    assert "first_name" in response.context["form"].errors
    assert not Client.objects.exists()


def test_a_nul_in_a_contact_summary_is_a_form_error(people: People, client: Browser) -> None:
    petra = make_client(people.anna)
    client.force_login(people.anna)
    response = client.post(
        reverse("clients:log_contact", args=[petra.pk]),
        {"at": "2026-11-20T10:30", "channel": "telefoon", "with_whom": "client"}
        | {"outcome": "bereikt", "minutes": "5", "summary": "Gebeld\x00"},
    )
    assert response.status_code == 200
    assert "summary" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_a_nul_in_the_call_back_form_is_a_form_error(client: Browser) -> None:
    response = client.post(
        reverse("intake:callback"), {"first_name": "Sa\x00ndra", "phone": "06 12345678"}
    )
    assert response.status_code == 200
    assert "first_name" in response.context["form"].errors


def test_a_nul_in_the_data_request_search_finds_nothing_rather_than_failing(
    people: People, client: Browser
) -> None:
    make_client(people.anna)
    client.force_login(people.carla)
    response = client.get(reverse("data:requests"), {"q": "Pe\x00tra"})
    assert response.status_code == 200


def test_a_nul_in_an_uploaded_caseload_is_named_on_the_page(
    people: People, client: Browser
) -> None:
    client.force_login(people.anna)
    upload = SimpleUploadedFile(
        "caseload.csv", b"voornaam;situatie\nEen;working\nT\x00wee;working\n"
    )

    response = client.post(reverse("data:import"), {"file": upload, "coach": people.anna.pk})

    assert response.status_code == 400
    assert [(p.row, p.column) for p in response.context["problems"]] == [(3, "voornaam")]
    assert not Client.objects.exists()
