"""Trajecten of a client: start one, change it, move its status (closing needs an outcome)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import for_coaches
from koers.web.clients import actions
from koers.web.clients.forms import TrajectForm, TrajectStatusForm
from koers.web.clients.models import Client, Traject
from koers.web.clients.pages import (
    back_to_client,
    form_page,
    on_valid_edit,
    user_and_client,
)
from koers.web.common.forms import on_valid_post


def _traject(client: Client, traject_pk: int) -> Traject:
    try:
        return client.trajecten.select_related("opdrachtgever").get(pk=traject_pk)
    except Traject.DoesNotExist:
        raise Http404 from None


@for_coaches
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, pk: int) -> HttpResponse:
    user, client = user_and_client(request, pk)
    form = TrajectForm(request.POST or None)
    traject = on_valid_post(
        request, form, lambda: actions.create_traject(by=user, client=client, values=form.values())
    )
    if traject is not None:
        return back_to_client(request, client, _("Traject added."))
    return form_page(request, form, client, title=_("New traject"), submit=_("Save traject"))


@for_coaches
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int, traject_pk: int) -> HttpResponse:
    user, client = user_and_client(request, pk)
    traject = _traject(client, traject_pk)
    form = TrajectForm(request.POST or None, instance=traject)
    saved, conflict = on_valid_edit(
        request,
        form,
        lambda version: actions.update_traject(
            by=user, traject=traject, version=version, values=form.values()
        ),
    )
    if saved is not None:
        return back_to_client(request, client, _("Changes saved."))
    return form_page(
        request,
        form,
        client,
        conflict=conflict,
        title=_("Change traject"),
        submit=_("Save changes"),
        status=409 if conflict else 200,
    )


@for_coaches
@require_http_methods(["GET", "POST"])
def change_status(request: HttpRequest, pk: int, traject_pk: int) -> HttpResponse:
    user, client = user_and_client(request, pk)
    traject = _traject(client, traject_pk)
    if not traject.is_open:
        raise Http404
    form = TrajectStatusForm(request.POST or None, traject=traject)
    try:
        changed = on_valid_post(
            request,
            form,
            lambda: actions.change_traject_status(
                by=user,
                traject=traject,
                status=form.cleaned_data["status"],
                outcome=form.cleaned_data["outcome"],
            ),
        )
    except actions.StepError as error:
        form.add_error("status", str(error))
        changed = None
    if changed is not None:
        return back_to_client(request, client, _("Status changed."))
    return form_page(
        request,
        form,
        client,
        title=_("Status of traject %(traject)s") % {"traject": traject},
        intro=_("Current status: %(status)s.") % {"status": traject.get_status_display()},
        submit=_("Change status"),
    )
