"""Placeholder: being built."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def learning_plan(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
