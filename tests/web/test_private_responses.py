"""What browsers and proxies may keep (no signed-in page, no download) and how large a request
may be (refused before it is read)."""

from __future__ import annotations

from django.test import Client as Browser
from django.urls import reverse
from django.utils import translation
from pytest_django.fixtures import Settings

from koers.web.clients.models import Client
from tests.web.conftest import People, make_client


def url(name: str, *args: object) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def kept_by_nobody(cache_control: str) -> bool:
    directives = {part.strip() for part in cache_control.split(",")}
    return {"no-store", "private"} <= directives


def test_no_cache_keeps_a_page_anna_sees_signed_in(client: Browser, people: People) -> None:
    petra = make_client(people.anna)
    client.force_login(people.anna)
    for page in (url("clients:caseload"), url("casework:client", petra.pk), "/"):
        response = client.get(page)
        assert response.status_code == 200, page
        assert kept_by_nobody(response["Cache-Control"]), page


def test_no_cache_keeps_an_export_or_a_download(client: Browser, people: People) -> None:
    petra: Client = make_client(people.anna)
    client.force_login(people.carla)
    download = client.get(url("data:export", petra.pk), {"format": "json"})
    assert download["Content-Disposition"].startswith("attachment")
    assert kept_by_nobody(download["Cache-Control"])
    client.force_login(people.anna)
    template = client.get(url("data:import_template"))
    assert kept_by_nobody(template["Cache-Control"])


def test_the_public_explorer_stays_cacheable(client: Browser) -> None:
    response = client.get("/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_it_refuses_a_too_large_upload_before_reading_it(
    client: Browser, people: People, settings: Settings
) -> None:
    settings.KOERS_MAX_REQUEST_BYTES = 1024 * 1024
    client.force_login(people.anna)
    # The body is one byte: any attempt to read the 50 MB announced would fail the test.
    response = client.generic(
        "POST",
        url("data:import"),
        b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "Dit bestand is te groot" in html
    assert "niet meer dan 1 MB" in html
