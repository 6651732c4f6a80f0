"""Organisation settings for admins: who pays for trajecten, and the agreements they fall under."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.models import User
from koers.web.accounts.permissions import can_administer
from koers.web.clients import actions
from koers.web.clients.forms import AfspraakForm, OpdrachtgeverForm
from koers.web.clients.models import Afspraak, Opdrachtgever
from koers.web.common.forms import on_valid_post

for_admins = staff_required(can_administer)

Row = TypeVar("Row", Opdrachtgever, Afspraak)


def _list_with_form(
    request: HttpRequest,
    pk: int | None,
    rows: QuerySet[Row],
    form_class: type[forms.ModelForm[Row]],
    save: Callable[[User, Row], Row],
    *,
    template: str,
    list_url: str,
) -> HttpResponse:
    """The rows, with a form to add one (or to change row ``pk``); saved, back to the list."""
    instance = None
    if pk is not None:
        instance = rows.filter(pk=pk).first()
        if instance is None:
            raise Http404
    form = form_class(request.POST or None, instance=instance)
    saved = on_valid_post(request, form, lambda: save(current_user(request), form.instance))
    if saved is not None:
        messages.success(request, _("Saved."))
        return redirect(list_url)
    return TemplateResponse(request, template, {"form": form, "rows": rows, "editing": instance})


@for_admins
@require_http_methods(["GET", "POST"])
def opdrachtgevers(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The list, with a form to add one (or to change the one in the URL)."""
    return _list_with_form(
        request,
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
    return _list_with_form(
        request,
        pk,
        Afspraak.objects.select_related("financier"),
        AfspraakForm,
        lambda user, row: actions.save_afspraak(by=user, afspraak=row),
        template="clients/afspraken.html",
        list_url="clients:afspraken",
    )
