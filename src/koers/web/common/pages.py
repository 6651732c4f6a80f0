"""Lists shown a page at a time: the page asked for, and what the links to the others keep.

The links themselves are one include, ``workspace/_pages.html``.
"""

from __future__ import annotations

from typing import TypeVar

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest

M = TypeVar("M", bound=Model)


def page_of(request: HttpRequest, rows: QuerySet[M], *, per_page: int | None = None) -> Page[M]:
    """The page ``?page=`` asks for (``KOERS_PAGE_SIZE`` rows); past the end, the last one."""
    size = per_page or settings.KOERS_PAGE_SIZE
    return Paginator(rows, size).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The query string of ``request`` without ``page``: the filters the page links keep."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
