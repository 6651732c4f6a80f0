"""Placeholder: being built."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def schemes(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def scheme_form(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def scheme_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def window_form(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
