"""One client: the page with trajecten and timeline, the form, and reassignment."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers import knowledge
from koers.taxonomy import SnapshotError
from koers.transitions import TransitionQuery
from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.accounts.queries import coaches_of
from koers.web.clients import actions, queries
from koers.web.clients.access import can_reassign, get_client_for
from koers.web.clients.forms import ClientForm, ReassignForm
from koers.web.clients.models import Client
from koers.web.clients.pages import (
    back_to_client,
    form_page,
    on_valid_edit,
    user_and_client,
)
from koers.web.common import presenters
from koers.web.common.forms import on_valid_post
from koers.web.training import queries as training_queries

TRANSITIONS_SHOWN = 5


def _occupation(client: Client) -> dict[str, Any] | None:
    """The client's occupation from the engine: label, vitality and the nearest next steps."""
    if not client.occupation_uri:
        return None
    language = presenters.esco_language()
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
                "id": presenters.occupation_id(target),
                "label": target.label(language),
                "known": t.essential_known,
                "total": t.essential_total,
            }
            for t in transitions
            for target in [taxonomy.occupation(t.uri)]
        ],
    }


@for_coaches
def detail(request: HttpRequest, pk: int) -> TemplateResponse:
    user = current_user(request)
    client = get_client_for(user, pk)
    today = timezone.localdate()
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
            "pause": queries.active_pause(client, today=today),
            "history": queries.history_of(client)[:20],
            "applications": training_queries.applications_of(client),
        },
    )


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
            lambda version, values: actions.update_client(
                by=user, client=client, version=version, values=values
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
        return TemplateResponse(request, "404.html", status=404)
    form = ReassignForm(request.POST or None, coaches=coaches_of(user.team_id))
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
