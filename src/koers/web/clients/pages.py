"""What the client pages share: the gate, the client in the URL, and saving a form's action."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from koers.web.accounts.decorators import current_user
from koers.web.accounts.models import User
from koers.web.clients import actions
from koers.web.clients.access import get_client_for
from koers.web.clients.forms import ClientForm, TrajectForm
from koers.web.clients.models import Client
from koers.web.common.conflicts import Conflict, conflict_of
from koers.web.common.forms import run_on_form

T = TypeVar("T")


def user_and_client(request: HttpRequest, pk: int) -> tuple[User, Client]:
    """The signed-in user and the client in the URL; opening a form is audited, posting it not."""
    user = current_user(request)
    return user, get_client_for(user, pk, audit=request.method == "GET")


def on_valid_edit(
    request: HttpRequest,
    form: ClientForm | TrajectForm,
    update: Callable[[int], T],
) -> tuple[T | None, Conflict | None]:
    """``on_valid_post`` for a versioned record: ``update(version)`` saves ``form.values()``.

    Returns (saved, None), or (None, conflict) when someone else saved in between.
    """
    if request.method != "POST" or not form.is_valid():
        return None, None
    version = form.cleaned_data["version"] or 0
    try:
        return run_on_form(form, lambda: update(version)), None
    except actions.ConflictError as error:
        return None, conflict_of(form, error.current, form.values())


def back_to_client(request: HttpRequest, client: Client, message: str) -> HttpResponse:
    """Say what was done, on the client's page."""
    messages.success(request, message)
    return redirect("casework:client", pk=client.pk)


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    client: Client,
    *,
    status: int = 200,
    **context: object,
) -> TemplateResponse:
    """The form of one change to a client (``title``, ``submit`` and maybe ``intro`` given)."""
    return TemplateResponse(
        request,
        "workspace/form_page.html",
        {"form": form, "client": client, **context},
        status=status,
    )
