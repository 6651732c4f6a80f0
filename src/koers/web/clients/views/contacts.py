"""Logging a contact, and recording or revoking consent."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.clients import actions
from koers.web.clients.access import get_client_for
from koers.web.clients.forms import ConsentForm, ContactForm
from koers.web.clients.models import Consent
from koers.web.clients.pages import (
    back_to_client,
    form_page,
    user_and_client,
)
from koers.web.common.forms import on_valid_post


@for_coaches
@require_http_methods(["GET", "POST"])
def log_contact(request: HttpRequest, pk: int) -> HttpResponse:
    user, client = user_and_client(request, pk)
    form = ContactForm(request.POST or None, client=client)
    contact = on_valid_post(
        request,
        form,
        lambda: actions.log_contact(
            by=user, client=client, values=form.values(), token=form.cleaned_data["submit_token"]
        ),
    )
    if contact is not None:
        return back_to_client(request, client, _("Contact saved."))
    return form_page(request, form, client, title=_("Log a contact"), submit=_("Save contact"))


@for_coaches
@require_http_methods(["GET", "POST"])
def give_consent(request: HttpRequest, pk: int) -> HttpResponse:
    user, client = user_and_client(request, pk)
    form = ConsentForm(request.POST or None)
    consent = on_valid_post(
        request,
        form,
        lambda: actions.give_consent(
            by=user,
            client=client,
            recipient=form.cleaned_data["recipient"],
            given_on=form.cleaned_data["given_on"],
            expires_on=form.cleaned_data["expires_on"],
            note=form.cleaned_data["note"],
        ),
    )
    if consent is not None:
        return back_to_client(request, client, _("Consent recorded."))
    return form_page(
        request,
        form,
        client,
        title=_("Record consent"),
        intro=_("Consent to share information with one recipient. It can be revoked at any time."),
        submit=_("Save consent"),
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
    return back_to_client(request, client, _("Consent revoked."))
