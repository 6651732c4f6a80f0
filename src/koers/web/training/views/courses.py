"""Placeholder: being built."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def courses(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def course_form(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def import_courses(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def template(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def skill_search(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
