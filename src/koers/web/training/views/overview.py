"""Placeholder: being built."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def overview(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def export(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
