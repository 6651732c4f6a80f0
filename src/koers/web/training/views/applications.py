"""Placeholder: being built."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def change_status(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
