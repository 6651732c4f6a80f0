"""Logging a contact, and recording or revoking consent."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.web.accounts.decorators import current_user
from koers.web.clients import actions
from koers.web.clients.access import get_client_for
from koers.web.clients.forms import ConsentForm, ContactForm
from koers.web.clients.models import Consent
from koers.web.clients.views._common import for_coaches, run_on_form


@for_coaches
@require_http_methods(["GET", "POST"])
def log_contact(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    client = get_client_for(user, pk, audit=request.method == "GET")
    form = ContactForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        contact = run_on_form(
            form, lambda: actions.log_contact(by=user, client=client, values=form.values())
        )
        if contact is not None:
            messages.success(request, _("Contact saved."))
            return redirect("clients:detail", pk=client.pk)
    return TemplateResponse(
        request,
        "workspace/form_page.html",
        {"form": form, "client": client, "title": _("Log a contact"), "submit": _("Save contact")},
    )


@for_coaches
@require_http_methods(["GET", "POST"])
def give_consent(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    client = get_client_for(user, pk, audit=request.method == "GET")
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consent = run_on_form(
            form,
            lambda: actions.give_consent(
                by=user,
                client=client,
                recipient=data["recipient"],
                given_on=data["given_on"],
                note=data["note"],
            ),
        )
        if consent is not None:
            messages.success(request, _("Consent recorded."))
            return redirect("clients:detail", pk=client.pk)
    return TemplateResponse(
        request,
        "workspace/form_page.html",
        {
            "form": form,
            "client": client,
            "title": _("Record consent"),
            "intro": _(
                "Consent to share information with one recipient. It can be revoked at any time."
            ),
            "submit": _("Save consent"),
        },
    )


@for_coaches
@require_POST
def revoke_consent(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    user = current_user(request)
    client = get_client_for(user, pk, audit=False)
    try:
        consent = client.consents.get(pk=consent_pk)
    except Consent.DoesNotExist:
        raise Http404 from None
    actions.revoke_consent(by=user, consent=consent)
    messages.success(request, _("Consent revoked."))
    return redirect("clients:detail", pk=client.pk)
