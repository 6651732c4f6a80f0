"""Answers written straight to JSON: checking a transitions answer's 13,000 values, or a page
of 50 clients read as Django models, against the schema in Python took most of the
request. The tests hold every such answer equal to what its documented schema gives back."""

from __future__ import annotations

from typing import Any

import pydantic_core
from django.http import HttpResponse

JSON = "application/json; charset=utf-8"


def json_answer(answer: dict[str, Any]) -> HttpResponse:
    """The answer as JSON, written by pydantic-core as the schema would write it."""
    return HttpResponse(pydantic_core.to_json(answer), content_type=JSON)
