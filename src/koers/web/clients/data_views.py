"""Pages for personal data: caseload import (coaches) and data requests (admins)."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user, for_coaches, staff_required
from koers.web.accounts.forms import PersonField
from koers.web.accounts.models import User
from koers.web.accounts.permissions import can_administer
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients import csv_import, gdpr
from koers.web.clients.models import Client, Consent, Contact, StatusChange, Traject
from koers.web.csv_download import csv_attachment
from koers.web.forms import describe_errors

MAX_RESULTS = 50
MAX_QUERY = 100


# Caseload import ------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Caseload file (CSV)"),
        help_text=gettext_lazy("UTF-8, separated by ; or , with the columns of the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    coach = PersonField(label=gettext_lazy("Coach of these clients"), queryset=User.objects.none())
    allow_duplicates = forms.BooleanField(
        label=gettext_lazy("Also add likely duplicates"),
        help_text=gettext_lazy(
            "Only when the file names people who share a name and a phone number or e-mail "
            "address with another row or a client already there, and they are different people."
        ),
        required=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        coach = self.fields["coach"]
        assert isinstance(coach, PersonField)
        coach.queryset = csv_import.assignable_coaches(user).order_by("first_name", "username")
        coach.initial = user.pk
        coach.empty_label = None

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > csv_import.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.")
                % {"size": csv_import.MAX_BYTES // (1024 * 1024)}
            )
        return upload


@for_coaches
@require_http_methods(["GET", "POST"])
def import_caseload(request: HttpRequest) -> HttpResponse:
    """Upload a caseload file; every problem listed by row and column, or all clients added."""
    user = current_user(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=user)
    problems: list[csv_import.Problem] = []
    if request.method == "POST" and form.is_valid():
        coach: User = form.cleaned_data["coach"]
        try:
            clients = csv_import.import_caseload(
                by=user,
                coach=coach,
                data=form.cleaned_data["file"].read(),
                allow_duplicates=form.cleaned_data["allow_duplicates"],
            )
        except csv_import.CaseloadError as error:
            problems = error.problems
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d client added to the caseload of %(coach)s.",
                    "%(count)d clients added to the caseload of %(coach)s.",
                    len(clients),
                )
                % {"count": len(clients), "coach": coach.display_name},
            )
            return redirect("clients:caseload")
    if form.errors:
        describe_errors(form)
    return TemplateResponse(
        request,
        "data/import.html",
        {"form": form, "problems": problems, "columns": csv_import.COLUMNS},
        status=400 if form.errors or problems else 200,
    )


@for_coaches
def import_template(request: HttpRequest) -> HttpResponse:
    """The CSV template: the header row and one made-up example row."""
    return csv_attachment("koers-caseload-template.csv", csv_import.template_csv())


# Data requests (admins) ---------------------------------------------------------------


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
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY]
    results = None
    if query:
        results = list(_search(query))
        record(
            by=user,
            action=AuditAction.CLIENT_LISTED,
            target="data_requests",
            detail=f"search: {len(results)} found",
        )
    return TemplateResponse(request, "data/requests.html", {"query": query, "results": results})


def _client(pk: int) -> Client:
    try:
        return Client.objects.select_related("coach").get(pk=pk)
    except Client.DoesNotExist:
        raise Http404 from None


def _display(model: type[Any], data: dict[str, Any], names: list[str]) -> list[dict[str, Any]]:
    """Rows of (label, value) for the readable export, choice codes shown as labels."""
    rows = []
    for name in names:
        value = data[name]
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            label = name
        else:
            label = str(getattr(model_field, "verbose_name", name))
            choices = dict(getattr(model_field, "flatchoices", None) or ())
            if isinstance(value, list):
                value = ", ".join(str(choices.get(v, v)) for v in value)
            elif value in choices:
                value = choices[value]
        rows.append({"name": name, "label": label, "value": "" if value is None else value})
    return rows


@staff_required(can_administer)
def export(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about one client: a readable page, or JSON with ?format=json."""
    user = current_user(request)
    client = _client(pk)
    data = gdpr.export_client(by=user, client=client)
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
        (_("Client"), [_display(Client, data["client"], list(data["client"]))]),
        (_("Trajecten"), [_display(Traject, row, list(row)) for row in data["trajecten"]]),
        (_("Contacts"), [_display(Contact, row, list(row)) for row in data["contacts"]]),
        (_("Consents"), [_display(Consent, row, list(row)) for row in data["consents"]]),
        (
            _("Situation and urgency history"),
            [_display(StatusChange, row, list(row)) for row in data["status_history"]],
        ),
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
        gdpr.erase_client(by=user, client=client)
        messages.success(
            request, _("The personal data of client %(number)d is erased.") % {"number": pk}
        )
        return redirect("data:requests")
    if form.errors:
        describe_errors(form)
    status = 200
    if request.method == "POST":
        status = 409 if client.erased_at is not None else 400
    return TemplateResponse(
        request,
        "data/erase.html",
        {"client": client, "form": form, **gdpr.removed_and_kept()},
        status=status,
    )
