"""The engine without an account: the same JSON as `koers … --json`, cached, limited."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from koers.web.accounts.models import User
from koers.web.api.engine_schemas import GapOut, OccupationOut, SearchOut, TransitionsOut
from tests.api.conftest import MakeToken, bearer
from tests.cli.test_commands import koers
from tests.transitions.test_ranker import COOK, HAIRDRESSER, NURSE
from tests.web.conftest import People

ESCO = "http://data.europa.eu/esco/occupation/"
pytestmark = pytest.mark.django_db


def short(uri: str) -> str:
    return uri.removeprefix(ESCO)


def cli_json(*args: str) -> Any:
    code, out, err = koers(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def api_json(client: Client, url: str, status: int = 200, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == status, response.content
    return response.json()


def test_it_finds_occupations_without_a_token_as_koers_search_does(client: Client) -> None:
    found = api_json(client, "/api/v1/search?q=kapster&limit=5")
    assert found == cli_json("search", "kapster", "--limit", "5")
    assert found["results"][0]["uri"] == HAIRDRESSER


def test_it_shows_an_occupation_with_its_vitality_as_koers_occupation_does(
    client: Client,
) -> None:
    found = api_json(client, f"/api/v1/occupations/{short(NURSE)}?lang=en")
    assert found == cli_json("occupation", NURSE, "--lang", "en")
    assert found["vitality"]["class"] in {"crucial", "secondary", "none"}


def test_it_lists_next_steps_as_koers_transitions_does(client: Client) -> None:
    url = f"/api/v1/occupations/{short(HAIRDRESSER)}/transitions?limit=5&vital_only=true"
    found = api_json(client, url)
    assert found == cli_json("transitions", HAIRDRESSER, "--limit", "5", "--vital-only")
    assert all(step["vital"] != "none" for step in found["transitions"])


def test_it_counts_skills_the_person_has_as_koers_transitions_does(client: Client) -> None:
    origin = cli_json("occupation", HAIRDRESSER)
    skill = origin["optional_skills"][0]["uri"]
    url = f"/api/v1/occupations/{short(HAIRDRESSER)}/transitions?limit=3&have={skill}"
    assert api_json(client, url) == cli_json(
        "transitions", HAIRDRESSER, "--limit", "3", "--have", skill
    )


def test_it_shows_the_gap_as_koers_gap_does(client: Client) -> None:
    found = api_json(client, f"/api/v1/occupations/{short(COOK)}/gap/{short(NURSE)}")
    assert found == cli_json("gap", COOK, NURSE)


@pytest.mark.parametrize(
    ("url", "schema"),
    [
        ("/api/v1/search?q=kok&lang=en", SearchOut),
        (f"/api/v1/occupations/{short(NURSE)}", OccupationOut),
        (f"/api/v1/occupations/{short(COOK)}/transitions?limit=50", TransitionsOut),
        (f"/api/v1/occupations/{short(HAIRDRESSER)}/gap/{short(NURSE)}?lang=en", GapOut),
    ],
)
def test_each_answer_is_what_its_documented_schema_gives_back(
    client: Client, url: str, schema: type[SearchOut]
) -> None:
    """The answers are written without passing the schema: they must hold to it exactly."""
    response = client.get(url)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    found = response.json()
    assert schema.model_validate(found).model_dump(by_alias=True) == found


def test_it_answers_an_unchanged_result_with_304(client: Client) -> None:
    url = "/api/v1/search?q=kok"
    first = client.get(url)
    assert first["ETag"] and "public" in first["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_it_names_the_wrong_field_as_a_problem(client: Client) -> None:
    response = client.get("/api/v1/search?q=kok&limit=0")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422 and problem["title"]
    assert [error["field"] for error in problem["errors"]] == ["limit"]


def test_it_refuses_an_unknown_skill_naming_the_field(client: Client) -> None:
    url = f"/api/v1/occupations/{short(HAIRDRESSER)}/transitions?lack=vliegen"
    problem = api_json(client, url, 422)
    assert problem["errors"][0]["field"] == "lack"


def test_it_answers_404_for_an_unknown_occupation(client: Client) -> None:
    problem = api_json(client, "/api/v1/occupations/no-such-work", 404)
    assert problem["status"] == 404 and problem["type"] == "about:blank"


def test_it_asks_too_many_requests_from_one_address_to_wait(
    client: Client, settings: Settings
) -> None:
    settings.KOERS_API_ENGINE_PER_MINUTE = 2
    for _ in range(2):
        assert client.get("/api/v1/search?q=kok").status_code == 200
    refused = client.get("/api/v1/search?q=kok")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Content-Type"] == "application/problem+json"
    other = client.get("/api/v1/search?q=kok", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_it_asks_a_token_when_the_installation_closed_the_engine(
    client: Client, settings: Settings, people: People, make_token: MakeToken
) -> None:
    settings.KOERS_API_PUBLIC_ENGINE = False
    refused = client.get("/api/v1/search?q=kok")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == "Bearer"
    answered = client.get("/api/v1/search?q=kok", headers=bearer(make_token(people.anna)))
    assert answered.status_code == 200
    assert "private" in answered["Cache-Control"]


def test_it_never_sets_a_cookie_nor_reads_the_session(client: Client, people: People) -> None:
    client.force_login(people.anna)
    response = client.get("/api/v1/search?q=kok")
    assert response.status_code == 200
    assert not response.cookies
    # A signed-in browser's session signs no workspace call in.
    assert client.get("/api/v1/clients").status_code == 401


def test_it_takes_no_csrf_token_from_a_token_holder(people: People, make_token: MakeToken) -> None:
    strict = Client(enforce_csrf_checks=True)
    user: User = people.anna
    response = strict.post(
        "/api/v1/clients/999/contacts",
        data={"at": "2026-12-01T10:00:00+01:00", "outcome": "bereikt"},
        content_type="application/json",
        headers=bearer(make_token(user, "write")),
    )
    assert response.status_code == 404
