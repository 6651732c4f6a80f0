"""The API's OpenAPI document: served, complete, valid, and the same as docs/api/openapi.json
(docs/api.md says how to make it again)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client
from ninja.responses import NinjaJSONEncoder
from openapi_spec_validator import validate

from koers.web.api.v1 import api

COMMITTED = Path(__file__).parents[2] / "docs" / "api" / "openapi.json"


def test_it_commits_the_schema_the_app_generates() -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder)), (
        "docs/api/openapi.json is out of date: regenerate it (docs/api.md)"
    )


def test_it_validates_as_openapi() -> None:
    validate(json.loads(COMMITTED.read_text(encoding="utf-8")))


def test_it_gives_every_operation_an_id_and_a_summary() -> None:
    schema = api.get_openapi_schema()
    operations = [op for ops in schema["paths"].values() for op in ops.values()]
    assert len(operations) >= 8
    assert all(op.get("operationId") and op.get("summary") for op in operations)
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))


@pytest.mark.django_db
def test_it_serves_the_schema_and_a_docs_page_without_outside_scripts(client: Client) -> None:
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200
    assert served.json()["info"]["title"] == "Koers API"
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"/static/ninja/swagger-ui-bundle.js" in docs.content
    assert b"cdn." not in docs.content
    assert not docs.cookies
