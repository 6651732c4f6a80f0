"""The request type of every view that answers htmx: ``request.htmx`` typed, never guessed."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request as ``HtmxMiddleware`` leaves it; ``request.htmx`` is true for htmx requests."""

    htmx: HtmxDetails
