"""Every error of the API as ``application/problem+json`` (RFC 9457): type, title, status,
detail, and for invalid input ``errors``, one per wrong field (``field`` names it)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as InputError

from koers.web.clients.actions import ConflictError

MEDIA_TYPE = "application/problem+json"
# The places of a request that ninja names first in an error's location.
PLACES = {"body", "query", "path", "header", "form", "cookie", "payload"}


class FieldError(Schema):
    field: str
    detail: str


class Problem(Schema):
    """An error (RFC 9457); ``errors`` lists the fields that are wrong, if any."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[FieldError] = Field(default_factory=list)


# The errors every workspace operation may answer (a token, a scope or role, access, input).
WORKSPACE_ERRORS: dict[int, type[Problem]] = {
    401: Problem,
    403: Problem,
    404: Problem,
    422: Problem,
}


def problem(
    status: int,
    detail: str = "",
    *,
    errors: Iterable[tuple[str, str]] = (),
    extra: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """The problem as a response; ``extra`` adds members of this kind of problem (RFC 9457)."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **(extra or {}),
    }
    listed = [{"field": field, "detail": text} for field, text in errors]
    if listed:
        body["errors"] = listed
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=MEDIA_TYPE
    )


def too_many(retry_after: int) -> HttpResponse:
    response = problem(429, "Too many requests from this address; wait, then try again.")
    response["Retry-After"] = str(max(1, retry_after))
    return response


def field_name(location: Iterable[Any]) -> str:
    """``["query", "limit"]`` → ``limit``; ``["body", "payload", "at"]`` → ``at``."""
    parts = [str(part) for part in location]
    while parts and parts[0] in PLACES:
        parts.pop(0)
    return ".".join(parts)


def model_errors(error: ModelValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        messages: Mapping[str, list[str]] = error.message_dict
        return [
            (name if name != "__all__" else "", text)
            for name, texts in messages.items()
            for text in texts
        ]
    return [("", text) for text in error.messages]


def _input(request: HttpRequest, exc: InputError) -> HttpResponse:
    errors = [(field_name(e.get("loc", ())), str(e.get("msg", ""))) for e in exc.errors]
    return problem(422, "The request has invalid fields.", errors=errors)


def _model(request: HttpRequest, exc: ModelValidationError) -> HttpResponse:
    return problem(422, "The request has invalid fields.", errors=model_errors(exc))


def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = problem(401, "Send a valid personal token: Authorization: Bearer <token>.")
    response["WWW-Authenticate"] = "Bearer"
    return response


def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return too_many(int(exc.wait or 1))


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(exc.status_code, exc.message)


def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem(403, str(exc) or "Your token or role does not allow this.")


def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(404, "Nothing here, or nothing you may see.")


def _conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
    return problem(
        409,
        f"Someone else saved this record first; it is now at version {exc.current.version}. "
        "Read it again and send your change with that version.",
    )


HANDLERS: list[tuple[type[Exception], Callable[[HttpRequest, Any], HttpResponse]]] = [
    (InputError, _input),
    (ModelValidationError, _model),
    (AuthenticationError, _unauthenticated),
    (Throttled, _throttled),
    (HttpError, _http_error),
    (PermissionDenied, _forbidden),
    (Http404, _not_found),
    (ConflictError, _conflict),
]


def add_handlers(api: NinjaAPI) -> None:
    """Answer every error the API knows as a problem; anything else stays a 500."""
    for error, handler in HANDLERS:
        api.add_exception_handler(error, handler)
