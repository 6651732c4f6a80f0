"""Organisation settings for admins: who pays for trajecten, and the agreements they fall under."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.permissions import can_administer
from koers.web.clients import actions
from koers.web.clients.forms import AfspraakForm, OpdrachtgeverForm
from koers.web.clients.models import Afspraak, Opdrachtgever
from koers.web.clients.views._common import run_on_form

for_admins = staff_required(can_administer)


@for_admins
@require_http_methods(["GET", "POST"])
def opdrachtgevers(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The list, with a form to add one (or to change the one in the URL)."""
    instance = None
    if pk is not None:
        instance = Opdrachtgever.objects.filter(pk=pk).first()
        if instance is None:
            raise Http404
    form = OpdrachtgeverForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        user = current_user(request)
        if run_on_form(
            form, lambda: actions.save_opdrachtgever(by=user, opdrachtgever=form.instance)
        ):
            messages.success(request, _("Saved."))
            return redirect("clients:opdrachtgevers")
    return TemplateResponse(
        request,
        "clients/opdrachtgevers.html",
        {"form": form, "rows": Opdrachtgever.objects.all(), "editing": instance},
    )


@for_admins
@require_http_methods(["GET", "POST"])
def afspraken(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = None
    if pk is not None:
        instance = Afspraak.objects.filter(pk=pk).first()
        if instance is None:
            raise Http404
    form = AfspraakForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        user = current_user(request)
        if run_on_form(form, lambda: actions.save_afspraak(by=user, afspraak=form.instance)):
            messages.success(request, _("Saved."))
            return redirect("clients:afspraken")
    return TemplateResponse(
        request,
        "clients/afspraken.html",
        {
            "form": form,
            "rows": Afspraak.objects.select_related("financier"),
            "editing": instance,
        },
    )
