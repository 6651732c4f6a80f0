"""The API's OpenAPI document: served, complete, valid, and the same as docs/api/openapi.json
(docs/api.md says how to make it again)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from ninja.responses import NinjaJSONEncoder
from openapi_schema_validator import OAS31Validator
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


def shown(schema: dict[str, Any], node: dict[str, Any]) -> bool:
    """True if ``node`` (a schema, a reference to one, or a list of one) has an example."""
    if "items" in node:
        node = node["items"]
    if "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return bool(node.get("examples"))


def test_it_shows_an_example_of_every_answer_and_body() -> None:
    schema = api.get_openapi_schema()
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            bodies = [
                content["schema"]
                for status, response in operation["responses"].items()
                if int(status) < 300
                for content in response.get("content", {}).values()
            ]
            bodies += [
                content["schema"]
                for content in operation.get("requestBody", {}).get("content", {}).values()
            ]
            missing += [f"{method} {path}" for body in bodies if not shown(schema, body)]
    assert missing == []


def test_its_examples_fit_their_schemas() -> None:
    components = api.get_openapi_schema()["components"]
    for name, component in components["schemas"].items():
        root = {"$ref": f"#/components/schemas/{name}", "components": components}
        for example in component.get("examples", []):
            errors = [e.message for e in OAS31Validator(root).iter_errors(example)]
            assert errors == [], name


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
