"""One client: the page with trajecten and timeline, the form, and reassignment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers import knowledge
from koers.taxonomy import SnapshotError
from koers.transitions import TransitionQuery
from koers.web.accounts.decorators import current_user
from koers.web.accounts.permissions import can_reassign
from koers.web.accounts.queries import coaches_of
from koers.web.clients import actions, queries
from koers.web.clients.access import get_client_for
from koers.web.clients.forms import ClientForm, ReassignForm
from koers.web.clients.models import Client
from koers.web.clients.views._common import conflict_of, for_coaches, run_on_form
from koers.web.explorer import presenters

TRANSITIONS_SHOWN = 5


def _occupation(client: Client) -> dict[str, Any] | None:
    """The client's occupation from the engine: label, vitality and the nearest next steps."""
    if not client.occupation_uri:
        return None
    language = (get_language() or "nl")[:2]
    try:
        taxonomy = knowledge.taxonomy()
        occupation = taxonomy.occupation(client.occupation_uri)
    except (SnapshotError, KeyError):
        return {"label": client.occupation_uri, "known": False}
    transitions = knowledge.ranker().rank(
        TransitionQuery(origin=occupation.uri), k=TRANSITIONS_SHOWN
    )
    return {
        "known": True,
        "id": presenters.occupation_id(occupation),
        "label": occupation.label(language),
        "vitality": presenters.vitality_words(knowledge.vitality_map().of(occupation), language),
        "transitions": [
            {
                "id": presenters.occupation_id(taxonomy.occupation(t.uri)),
                "label": taxonomy.occupation(t.uri).label(language),
                "score": round(t.score * 100),
                "known": t.essential_known,
                "total": t.essential_total,
            }
            for t in transitions
        ],
    }


@for_coaches
def detail(request: HttpRequest, pk: int) -> TemplateResponse:
    user = current_user(request)
    client = get_client_for(user, pk)
    return TemplateResponse(
        request,
        "clients/client_detail.html",
        {
            "client": client,
            "trajecten": queries.trajecten_of(client),
            "timeline": queries.timeline(client),
            "consents": client.consents.all(),
            "occupation": _occupation(client),
            "may_reassign": can_reassign(user, client),
        },
    )


@for_coaches
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = ClientForm(request.POST or None)
    if "choose" in request.POST:
        form.keep_occupation_errors_only()
    elif request.method == "POST" and form.is_valid():
        client = run_on_form(
            form, lambda: actions.create_client(by=user, coach=user, values=form.values())
        )
        if client is not None:
            messages.success(request, _("Client added."))
            return redirect("clients:detail", pk=client.pk)
    return TemplateResponse(request, "clients/client_form.html", {"form": form})


@for_coaches
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    client = get_client_for(user, pk, audit=request.method == "GET")
    initial = {
        "version": client.version,
        "call_times": client.call_times,
        "support_reasons": client.support_reasons,
    }
    form = ClientForm(request.POST or None, instance=client, initial=initial)
    conflict = None
    if "choose" in request.POST:
        form.keep_occupation_errors_only()
    elif request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        try:
            saved = run_on_form(
                form,
                lambda: actions.update_client(
                    by=user, client=client, version=version, values=form.values()
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
        "clients/client_form.html",
        {"form": form, "client": client, "conflict": conflict},
        status=409 if conflict else 200,
    )


@for_coaches
@require_http_methods(["GET", "POST"])
def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    client = get_client_for(user, pk, audit=request.method == "GET")
    if not can_reassign(user, client):
        return TemplateResponse(request, "404.html", status=404)
    form = ReassignForm(request.POST or None, coaches=coaches_of(user.team_id))
    if request.method == "POST" and form.is_valid():
        actions.reassign_client(by=user, client=client, coach=form.cleaned_data["coach"])
        messages.success(request, _("Client handed over."))
        return redirect("clients:detail", pk=client.pk)
    return TemplateResponse(
        request,
        "workspace/form_page.html",
        {
            "form": form,
            "client": client,
            "title": _("Hand over to another coach"),
            "submit": _("Hand over"),
        },
    )
