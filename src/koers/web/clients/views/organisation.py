"""Organisation settings for admins: who pays for trajecten, and the agreements they fall under."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.permissions import can_administer
from koers.web.clients import actions
from koers.web.clients.forms import AfspraakForm, OpdrachtgeverForm
from koers.web.clients.models import Afspraak, Opdrachtgever
from koers.web.common.setting_pages import list_with_form

for_admins = staff_required(can_administer)


@for_admins
@require_http_methods(["GET", "POST"])
def opdrachtgevers(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The list, with a form to add one (or to change the one in the URL)."""
    return list_with_form(
        request,
        current_user(request),
        pk,
        Opdrachtgever.objects.all(),
        OpdrachtgeverForm,
        lambda user, row: actions.save_opdrachtgever(by=user, opdrachtgever=row),
        template="clients/opdrachtgevers.html",
        list_url="clients:opdrachtgevers",
    )


@for_admins
@require_http_methods(["GET", "POST"])
def afspraken(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return list_with_form(
        request,
        current_user(request),
        pk,
        Afspraak.objects.select_related("financier"),
        AfspraakForm,
        lambda user, row: actions.save_afspraak(by=user, afspraak=row),
        template="clients/afspraken.html",
        list_url="clients:afspraken",
    )
