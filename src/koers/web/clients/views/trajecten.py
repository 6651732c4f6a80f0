"""Trajecten of a client: start one, change it, move its status (closing needs an outcome)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user
from koers.web.clients import actions
from koers.web.clients.access import get_client_for
from koers.web.clients.forms import TrajectForm, TrajectStatusForm
from koers.web.clients.models import Client, Traject
from koers.web.clients.views._common import conflict_of, for_coaches, run_on_form


def _traject(client: Client, traject_pk: int) -> Traject:
    try:
        return client.trajecten.select_related("opdrachtgever").get(pk=traject_pk)
    except Traject.DoesNotExist:
        raise Http404 from None


@for_coaches
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    client = get_client_for(user, pk, audit=request.method == "GET")
    form = TrajectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        traject = run_on_form(
            form, lambda: actions.create_traject(by=user, client=client, values=form.values())
        )
        if traject is not None:
            messages.success(request, _("Traject added."))
            return redirect("clients:detail", pk=client.pk)
    return TemplateResponse(
        request,
        "workspace/form_page.html",
        {"form": form, "client": client, "title": _("New traject"), "submit": _("Save traject")},
    )


@for_coaches
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int, traject_pk: int) -> HttpResponse:
    user = current_user(request)
    client = get_client_for(user, pk, audit=request.method == "GET")
    traject = _traject(client, traject_pk)
    form = TrajectForm(request.POST or None, instance=traject, initial={"version": traject.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        try:
            saved = run_on_form(
                form,
                lambda: actions.update_traject(
                    by=user, traject=traject, version=version, values=form.values()
                ),
            )
        except actions.ConflictError as error:
            conflict = conflict_of(form, error.current, form.values())
        else:
            if saved is not None:
                messages.success(request, _("Changes saved."))
                return redirect("clients:detail", pk=client.pk)
    return TemplateResponse(
        request,
        "workspace/form_page.html",
        {
            "form": form,
            "client": client,
            "conflict": conflict,
            "title": _("Change traject"),
            "submit": _("Save changes"),
        },
        status=409 if conflict else 200,
    )


@for_coaches
@require_http_methods(["GET", "POST"])
def change_status(request: HttpRequest, pk: int, traject_pk: int) -> HttpResponse:
    user = current_user(request)
    client = get_client_for(user, pk, audit=request.method == "GET")
    traject = _traject(client, traject_pk)
    if not traject.is_open:
        raise Http404
    form = TrajectStatusForm(request.POST or None, traject=traject)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = run_on_form(
                form,
                lambda: actions.change_traject_status(
                    by=user, traject=traject, status=data["status"], outcome=data["outcome"]
                ),
            )
        except actions.StepError as error:
            form.add_error("status", str(error))
            changed = None
        if changed is not None:
            messages.success(request, _("Status changed."))
            return redirect("clients:detail", pk=client.pk)
    return TemplateResponse(
        request,
        "workspace/form_page.html",
        {
            "form": form,
            "client": client,
            "title": _("Status of traject %(traject)s") % {"traject": traject},
            "intro": _("Current status: %(status)s.") % {"status": traject.get_status_display()},
            "submit": _("Change status"),
        },
    )
