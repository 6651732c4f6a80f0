"""The pages that bring a client's apps together: the client's page, "Aandacht nodig", and
pausing a client."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers import knowledge
from koers.taxonomy import SnapshotError
from koers.transitions import TransitionQuery
from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record_listing
from koers.web.casework import pauses
from koers.web.casework.attention import attention
from koers.web.casework.attention_items import attention_items
from koers.web.casework.deadlines import Deadline
from koers.web.casework.forms import PauseForm
from koers.web.clients import queries
from koers.web.clients.access import can_reassign, get_client_for
from koers.web.clients.models import Client
from koers.web.clients.pages import back_to_client, form_page, user_and_client
from koers.web.common import presenters
from koers.web.common.forms import run_on_form
from koers.web.intake.access import requests_to_call_for
from koers.web.training import queries as training_queries

TRANSITIONS_SHOWN = 5
HISTORY_LENGTH = 20


@dataclass(frozen=True, slots=True)
class NextStep:
    """An occupation within reach, with how many of its essential skills the client knows."""

    id: str
    label: str
    known: int
    total: int


@dataclass(frozen=True, slots=True)
class ClientOccupation:
    """The client's occupation as the page shows it; ``known`` False: the URI is not in the
    imported knowledge base, so only the URI is shown."""

    label: str
    known: bool = True
    id: str = ""
    vitality: dict[str, str] = field(default_factory=dict)
    transitions: tuple[NextStep, ...] = ()


def _occupation(client: Client) -> ClientOccupation | None:
    """The client's occupation from the engine: label, vitality and the nearest next steps."""
    if not client.occupation_uri:
        return None
    language = presenters.esco_language()
    try:
        taxonomy = knowledge.taxonomy()
        occupation = taxonomy.occupation(client.occupation_uri)
    except (SnapshotError, KeyError):
        return ClientOccupation(label=client.occupation_uri, known=False)
    transitions = knowledge.ranked(TransitionQuery(origin=occupation.uri), TRANSITIONS_SHOWN)
    return ClientOccupation(
        id=presenters.occupation_id(occupation),
        label=occupation.label(language),
        vitality=presenters.vitality_words(knowledge.vitality_map().of(occupation), language),
        transitions=tuple(
            NextStep(
                id=presenters.occupation_id(target),
                label=target.label(language),
                known=t.essential_known,
                total=t.essential_total,
            )
            for t in transitions
            for target in [taxonomy.occupation(t.uri)]
        ),
    )


@for_coaches
def client_page(request: HttpRequest, pk: int) -> TemplateResponse:
    user = current_user(request)
    client = get_client_for(user, pk)
    today = timezone.localdate()
    changes = queries.history_of(client)
    return TemplateResponse(
        request,
        "casework/client.html",
        {
            "client": client,
            "trajecten": queries.trajecten_of(client),
            "timeline": queries.timeline(client, changes=changes),
            "consents": queries.consents_of(client),
            "occupation": _occupation(client),
            "may_reassign": can_reassign(user, client),
            "pause": queries.active_pause(client, today=today),
            "history": changes[:HISTORY_LENGTH],
            "applications": training_queries.applications_of(client),
        },
    )


@for_coaches
def needs_attention(request: HttpRequest) -> TemplateResponse:
    user = current_user(request)
    today = timezone.localdate()
    team = user.is_teamlead and request.GET.get("wie") != "mij"
    scope = queries.scope_of(user, team=team)
    sections = attention(scope, today=today, expand=request.GET.get("alle", ""))
    record_listing(by=user, what=AuditAction.CLIENT_LISTED, detail="needs attention")
    callbacks = requests_to_call_for(user)
    return TemplateResponse(
        request,
        "casework/attention.html",
        {
            "listed": [
                (section, attention_items(section.rows, team=team))
                for section in sections
                if section.rows
            ],
            "team": team,
            "callbacks": callbacks,
            "total": sum(len(s.rows) for s in sections) + len(callbacks),
        },
    )


@for_coaches
@require_http_methods(["GET", "POST"])
def pause(request: HttpRequest, pk: int) -> HttpResponse:
    user, client = user_and_client(request, pk)
    form = PauseForm(request.POST or None)
    deadlines: list[Deadline] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            paused = run_on_form(
                form,
                lambda: pauses.pause_client(
                    by=user,
                    client=client,
                    until=data["until"],
                    reason=data["reason"],
                    note=data["note"],
                    deadlines_confirmed=data["deadlines_confirmed"],
                ),
            )
        except pauses.DeadlineInPauseError as error:
            deadlines = error.deadlines
            form.add_error("deadlines_confirmed", str(error))
            paused = None
        if paused is not None:
            message = _("Paused until %(date)s.") % {
                "date": date_format(paused.until, "SHORT_DATE_FORMAT")
            }
            back = request.GET.get("next", "")
            if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                messages.success(request, message)
                return redirect(back)
            return back_to_client(request, client, message)
    return form_page(
        request,
        form,
        client,
        title=_("Pause the career question"),
        intro=_("The client stays out of calling rounds until this date, then comes back."),
        submit=_("Pause"),
        deadlines=deadlines,
    )


@for_coaches
@require_POST
def end_pause(request: HttpRequest, pk: int) -> HttpResponse:
    user, client = user_and_client(request, pk)
    running = queries.active_pause(client, today=timezone.localdate())
    if running is None:
        raise Http404
    pauses.end_pause(by=user, pause=running)
    return back_to_client(request, client, _("The pause has ended."))
