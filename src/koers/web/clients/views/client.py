"""One client: the page with trajecten and timeline, the form, and reassignment."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.accounts.queries import coaches_of
from koers.web.clients import actions
from koers.web.clients.access import can_reassign
from koers.web.clients.forms import ClientForm, ReassignForm
from koers.web.clients.pages import (
    back_to_client,
    form_page,
    on_valid_edit,
    user_and_client,
)
from koers.web.common.forms import on_valid_post


@for_coaches
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = ClientForm(request.POST or None)
    client = None
    if "choose" in request.POST:
        form.keep_occupation_errors_only()
    else:
        client = on_valid_post(
            request, form, lambda: actions.create_client(by=user, coach=user, values=form.values())
        )
    if client is not None:
        return back_to_client(request, client, _("Client added."))
    return TemplateResponse(request, "clients/client_form.html", {"form": form})


@for_coaches
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user, client = user_and_client(request, pk)
    initial = {
        "call_times": client.call_times,
        "support_reasons": client.support_reasons,
    }
    form = ClientForm(request.POST or None, instance=client, initial=initial)
    saved, conflict = None, None
    if "choose" in request.POST:
        form.keep_occupation_errors_only()
    else:
        saved, conflict = on_valid_edit(
            request,
            form,
            lambda version: actions.update_client(
                by=user, client=client, version=version, values=form.values()
            ),
        )
    if saved is not None:
        return back_to_client(request, client, _("Changes saved."))
    return TemplateResponse(
        request,
        "clients/client_form.html",
        {"form": form, "client": client, "conflict": conflict},
        status=409 if conflict else 200,
    )


@for_coaches
@require_http_methods(["GET", "POST"])
def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    user, client = user_and_client(request, pk)
    if not can_reassign(user, client):
        raise Http404
    form = ReassignForm(request.POST or None, coaches=coaches_of(user.led_team_id))
    handed_over = on_valid_post(
        request,
        form,
        lambda: actions.reassign_client(by=user, client=client, coach=form.cleaned_data["coach"]),
    )
    if handed_over is not None:
        return back_to_client(request, client, _("Client handed over."))
    return form_page(
        request,
        form,
        client,
        title=_("Hand over to another coach"),
        submit=_("Hand over"),
    )
