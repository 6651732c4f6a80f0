"""Django's ``{% url %}`` tag and ``date`` filter with their answers kept per process.

A workspace page shows up to 70 links and 50 dates. Each ``{% url %}`` cost about 90 µs
(reversing walks the URL patterns, in the active language) and each date about 50 µs (the
format is parsed and the month's name translated every time): together up to a fifth of a page
(docs/decisions/0008-workspace-speed.md). The answer depends only on what the key holds, so a
kept answer is the one Django would give; the URL patterns do not change while a process runs.

Both are installed as template builtins (``TEMPLATES`` in settings), so they replace Django's
own in every template without a ``{% load %}``.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from typing import Any

from django import template
from django.template import Context
from django.template.base import Parser, Token
from django.template.defaultfilters import date as django_date
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

# Distinct links and dates a process keeps (a few hundred bytes each).
KEPT = 8192


class KeptURLNode(URLNode):
    """Django's URLNode; with plain arguments, a link made once is given again."""

    def render(self, context: Context) -> str:
        view_name = self.view_name.resolve(context)
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple(sorted((k, v.resolve(context)) for k, v in self.kwargs.items()))
        if not isinstance(view_name, str) or not all(
            _plain(value) for value in (*args, *(v for _, v in kwargs))
        ):
            return str(super().render(context))
        try:
            link = kept_link(
                str(view_name),
                args,
                kwargs,
                _current_app(context),
                get_language(),
                get_script_prefix(),
                get_urlconf(),
            )
        except NoReverseMatch:
            if self.asvar is None:
                raise
            link = ""
        if self.asvar:
            context[self.asvar] = link
            return ""
        return conditional_escape(link) if context.autoescape else link


def _plain(value: Any) -> bool:
    """Equal values of these give the same text (not so True and 1, or a model and its pk)."""
    return type(value) is int or isinstance(value, str)


def _current_app(context: Context) -> str | None:
    """The namespace to reverse in, taken as Django's URLNode takes it."""
    request: Any = getattr(context, "request", None)
    try:
        current: str | None = request.current_app
    except AttributeError:
        try:
            current = request.resolver_match.namespace
        except AttributeError:
            current = None
    return current


@lru_cache(maxsize=KEPT)
def kept_link(
    view_name: str,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
    current_app: str | None,
    language: str,
    prefix: str,
    urlconf: str | None,
) -> str:
    """reverse() in the active language and script prefix, which the key holds."""
    return reverse(
        view_name, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app
    )


def link(view_name: str, *args: int | str) -> str:
    """``{% url view_name args %}`` from Python code that renders HTML, kept the same way."""
    return kept_link(view_name, args, (), None, get_language(), get_script_prefix(), get_urlconf())


@register.tag
def url(parser: Parser, token: Token) -> URLNode:
    node = django_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)


@register.filter(expects_localtime=True, is_safe=False)
def date(value: Any, arg: str | None = None) -> str:
    """Django's ``date`` filter; a date or time formatted once is given again."""
    if isinstance(value, datetime.date):
        # Equal moments in other time zones are equal datetimes: the zone is part of the key.
        zone = value.tzinfo if isinstance(value, datetime.datetime) else None
        return kept_date(type(value).__name__, value, zone, arg, get_language())
    return str(django_date(value, arg))


@lru_cache(maxsize=KEPT)
def kept_date(
    kind: str, value: datetime.date, zone: datetime.tzinfo | None, arg: str | None, language: str
) -> str:
    return str(django_date(value, arg))
