"""Data requests (admins): find the client, show or download what is held, erase."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.permissions import can_administer
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, record_listing
from koers.web.clients.models import Client
from koers.web.common.forms import describe_errors
from koers.web.common.search_text import search_text
from koers.web.privacy.erasure import erase_client, removed_and_kept
from koers.web.privacy.export import export_client, held_elsewhere
from koers.web.privacy.register import CLIENT, REGISTER

MAX_RESULTS = 50


def _search(query: str) -> QuerySet[Client]:
    """Clients, erased ones too, by number, name, e-mail or phone (digits only is enough)."""
    clients = Client.objects.select_related("coach")
    number = query.lstrip("#").strip()
    scope = Q(pk=int(number)) if number.isdigit() and len(number) < 12 else Q(pk__in=[])
    words = query.split()[:4]
    names = Q()
    for word in words:
        names &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    scope |= names | Q(email__iexact=query)
    digits = "".join(ch for ch in query if ch.isdigit())
    if len(digits) >= 6:
        clients = clients.annotate(
            phone_digits=Replace(
                Replace(Replace("phone", Value(" "), Value("")), Value("-"), Value("")),
                Value("+31"),
                Value("0"),
            )
        )
        scope |= Q(phone_digits__contains=digits.removeprefix("31").lstrip("0"))
    return clients.filter(scope).order_by("last_name", "first_name", "pk")[:MAX_RESULTS]


@staff_required(can_administer)
def requests(request: HttpRequest) -> TemplateResponse:
    """Find the client a request for access or erasure is about."""
    user = current_user(request)
    # A NUL cannot even be compared with on PostgreSQL (a 500); no name or number holds one.
    query = search_text(request.GET.get("q", "").replace("\x00", ""))
    results = None
    if query:
        results = list(_search(query))
        record_listing(
            by=user,
            what=AuditAction.CLIENT_LISTED,
            target="data_requests",
            detail=f"search: {len(results)} found",
        )
    return TemplateResponse(request, "data/requests.html", {"query": query, "results": results})


def _client(pk: int) -> Client:
    try:
        return Client.objects.select_related("coach").get(pk=pk)
    except Client.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One field of the readable export: its name, its label, its value as shown."""

    name: str
    label: str
    value: object


def _display(model: type[Any], data: dict[str, Any]) -> list[ExportRow]:
    """Rows of (label, value) for the readable export, choice codes shown as labels."""
    rows = []
    for name, value in data.items():
        if name == "id":
            label: str = _("number")
        else:
            model_field = model._meta.get_field(name)
            label = str(getattr(model_field, "verbose_name", name))
            choices = dict(getattr(model_field, "flatchoices", None) or ())
            if isinstance(value, list):
                value = ", ".join(str(choices.get(v, v)) for v in value)
            elif isinstance(value, dict):
                value = _shown(value)
            elif value in choices:
                value = choices[value]
        rows.append(ExportRow(name=name, label=label, value="" if value is None else value))
    return rows


def _shown(value: object) -> object:
    """A JSON document (a version of a career plan, what a report said) shown whole, as JSON."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


@staff_required(can_administer)
def export(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about one client: a readable page, or JSON with ?format=json."""
    user = current_user(request)
    client = _client(pk)
    # Asked once: the JSON and the page's titles and labels come from the same answer.
    elsewhere = held_elsewhere(client.pk)
    data = export_client(by=user, client=client, elsewhere=elsewhere)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="koers-client-{client.pk}-{stamp}.json"'
        )
        return response
    sections = [
        (
            holding.title,
            [_display(holding.model, row) for row in data[holding.section]]
            if holding is not CLIENT
            else [_display(Client, data[CLIENT.section])],
        )
        for holding in REGISTER
    ]
    sections += [
        (
            held.title,
            [
                [
                    ExportRow(name=name, label=held.labels[name], value=_shown(value))
                    for name, value in row.items()
                ]
                for row in held.rows
            ],
        )
        for held in elsewhere
    ]
    return TemplateResponse(
        request, "data/export.html", {"client": client, "data": data, "sections": sections}
    )


class EraseForm(forms.Form):
    confirmation = forms.CharField(
        label=gettext_lazy("Type the client number to confirm"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client = client

    def clean_confirmation(self) -> str:
        typed: str = self.cleaned_data["confirmation"].strip().lstrip("#")
        if typed != str(self.client.pk):
            raise forms.ValidationError(
                _("That is not the number of this client (%(number)d).")
                % {"number": self.client.pk}
            )
        return typed


@staff_required(can_administer)
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then erase a client's personal data. Cannot be undone."""
    user = current_user(request)
    client = _client(pk)
    form = EraseForm(request.POST or None, client=client)
    if request.method == "POST" and client.erased_at is None and form.is_valid():
        erase_client(by=user, client=client)
        messages.success(
            request, _("The personal data of client %(number)d is erased.") % {"number": pk}
        )
        return redirect("data:requests")
    if request.method == "GET":
        # The page shows the client's name: opening it is a view of personal data.
        record(by=user, action=AuditAction.CLIENT_VIEWED, client_id=client.pk, target="erase")
    if form.errors:
        describe_errors(form)
    status = 200
    if request.method == "POST":
        status = 409 if client.erased_at is not None else 400
    return TemplateResponse(
        request,
        "data/erase.html",
        {"client": client, "form": form, **removed_and_kept()},
        status=status,
    )
