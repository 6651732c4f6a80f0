"""Calling-round pages: start a round, work through it call by call, the list, the report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.accounts.models import User
from koers.web.accounts.queries import coaches_of
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, record_listing, target_of
from koers.web.casework.attention import attention
from koers.web.casework.pauses import DeadlineInPauseError
from koers.web.clients import queries as client_queries
from koers.web.clients.access import get_client_for
from koers.web.clients.choices import Channel, ContactOutcome
from koers.web.clients.models import Client, Contact, Opdrachtgever
from koers.web.common.csv_download import csv_attachment, table_writer
from koers.web.common.forms import run_on_form
from koers.web.common.kept_queries import KeptQuery
from koers.web.intake.access import requests_to_call_for
from koers.web.plans.pages import occupation_label
from koers.web.rounds import actions, queries
from koers.web.rounds.access import get_entry_for, get_round_for, workable_coach_ids
from koers.web.rounds.call_card import call_card
from koers.web.rounds.forms import CallForm, StartRoundForm
from koers.web.rounds.models import CallScript, Entry, NoteTemplate, Round
from koers.web.rounds.report import report_table, round_report


@for_coaches
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """The user's rounds, and a form to start one."""
    user = current_user(request)
    form = StartRoundForm(
        request.POST or None,
        opdrachtgevers=list(Opdrachtgever.objects.values_list("pk", "name")),
        team_lead=user.is_teamlead,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        clients = client_queries.caseload_for(user, today=timezone.localdate())
        scope = []
        if data["opdrachtgever"]:
            clients = clients.filter(trajecten__opdrachtgever_id=data["opdrachtgever"])
            scope.append(str(Opdrachtgever.objects.get(pk=data["opdrachtgever"])))
        if data["situation"]:
            clients = clients.filter(situation=data["situation"])
        if data["urgency"]:
            clients = clients.filter(urgency=data["urgency"])
        if data.get("whole_team"):
            started = actions.start_team_round(
                by=user,
                coaches=coaches_of(user.led_team_id),
                title=data["title"],
                clients=clients,
                scope=", ".join(scope),
                size=data["size"],
                script=data["script"],
            )
            messages.success(
                request,
                ngettext("%(count)d round started.", "%(count)d rounds started.", len(started))
                % {"count": len(started)},
            )
            return redirect("rounds:index")
        if user.is_teamlead:
            # A team lead's own round is over her own clients, not the whole team's.
            clients = clients.filter(coach=user)
        round_ = actions.start_round(
            by=user,
            coach=user,
            title=data["title"],
            clients=clients,
            scope=", ".join(scope),
            size=data["size"],
            script=data["script"],
        )
        return redirect("rounds:call", pk=round_.pk)
    return TemplateResponse(
        request,
        "rounds/index.html",
        {
            "form": form,
            "rounds": queries.rounds_for(user)[:50],
            "callbacks": requests_to_call_for(user),
        },
    )


@for_coaches
@require_POST
def from_attention(request: HttpRequest, section: str) -> HttpResponse:
    """A round over one section of "Aandacht nodig": the clients on the user's own list there
    (a team lead's too, not the team's)."""
    user = current_user(request)
    today = timezone.localdate()
    scope = client_queries.scope_of(user, team=False)
    found = next(
        (s for s in attention(scope, today=today, expand=section) if s.key == section), None
    )
    if found is None or not found.rows:
        messages.info(request, _("Nobody is listed there any more."))
        return redirect("casework:attention")
    round_ = actions.start_round(
        by=user,
        coach=user,
        title=f"{found.title} {date_format(today, 'SHORT_DATE_FORMAT')}",
        clients=Client.objects.filter(pk__in=[listed.pk for listed, _why in found.rows]),
        scope=str(found.title),
        script=CallScript.objects.filter(is_default=True).first(),
    )
    return redirect("rounds:call", pk=round_.pk)


_NOTE_TEMPLATES = KeptQuery(lambda: NoteTemplate.objects.values_list("outcome", "text"))


def _visible_rows(request: HttpRequest, round_: Round) -> list[queries.CallListRow]:
    """The call list, without clients the user may no longer open (handed over meanwhile)."""
    return queries.call_list(round_, coach_ids=workable_coach_ids(current_user(request)))


def _other_routes(client: Client) -> list[str]:
    routes = []
    if client.phone:
        routes.append(str(Channel.WHATSAPP.label))
    if client.email:
        routes.append(str(Channel.EMAIL.label))
    routes.append(str(Channel.LETTER.label))
    if client.employer:
        routes.append(_("via the employer"))
    return routes


def _record(form: CallForm, user: User, entry: Entry) -> Contact | None:
    """Log the call (and the pause, if the form asks for one); None if the form got errors."""
    data = form.cleaned_data
    if not data["pause_until"]:
        return run_on_form(
            form,
            lambda: actions.record_call(
                by=user, entry=entry, values=form.contact_values(), token=data["submit_token"]
            ),
        )
    try:
        return run_on_form(
            form,
            lambda: actions.record_call_and_pause(
                by=user,
                entry=entry,
                values=form.contact_values(),
                token=data["submit_token"],
                until=data["pause_until"],
                reason=data["pause_reason"],
                deadlines_confirmed=data["pause_confirmed"],
            ),
        )
    except DeadlineInPauseError as error:
        words = ", ".join(deadline.what for deadline in error.deadlines)
        form.add_error("pause_confirmed", f"{error} ({words})")
        return None


@for_coaches
@require_http_methods(["GET", "POST"])
def call(request: HttpRequest, pk: int) -> HttpResponse:
    """The work-through screen: the next client, why now, and the call in a few keystrokes."""
    user = current_user(request)
    round_ = get_round_for(user, pk)
    form = CallForm(request.POST) if request.method == "POST" else None
    if form is not None and form.is_valid():
        entry = get_entry_for(user, round_, form.cleaned_data["entry"])
        if entry.done_at is None:
            contact = _record(form, user, entry)
            if contact is not None:
                if contact.outcome == ContactOutcome.WANTS_TO_STOP:
                    # The round goes on; what stopping asks of the coach waits on the client's
                    # page (and on the round report's to-do list).
                    messages.warning(
                        request,
                        _(
                            "%(name)s wants to stop. On the client's page: close the traject "
                            "with its outcome, and ask about consent."
                        )
                        % {"name": entry.client.name},
                    )
                return redirect("rounds:call", pk=round_.pk)
    rows = _visible_rows(request, round_)
    row = queries.next_call(rows)
    done, total = queries.progress(round_)
    context: dict[str, Any] = {
        "round": round_,
        "callbacks": requests_to_call_for(user),
        "row": row,
        "done": done,
        "left": total - done,
        "total": total,
        "waiting": sum(1 for r in rows if r.paused_until is None),
        "paused": sum(1 for r in rows if r.paused_until is not None),
    }
    if row is not None:
        client = get_client_for(user, row.entry.client_id)
        if form is None or form.cleaned_data.get("entry") != row.entry.pk:
            form = CallForm(initial={"entry": row.entry.pk, "minutes": 5})
        today = timezone.localdate()
        context.update(
            client=client,
            form=form,
            occupation=occupation_label(client.occupation_uri) if client.occupation_uri else None,
            card=call_card(client.pk, today=today),
            other_routes=_other_routes(client) if client.needs_other_route else [],
            note_templates=dict(_NOTE_TEMPLATES()),
        )
    return TemplateResponse(request, "rounds/call.html", context)


@for_coaches
def call_list(request: HttpRequest, pk: int) -> TemplateResponse:
    user = current_user(request)
    round_ = get_round_for(user, pk)
    rows = _visible_rows(request, round_)
    record_listing(by=user, what=AuditAction.CLIENT_LISTED, target=target_of(round_))
    return TemplateResponse(request, "rounds/list.html", {"round": round_, "rows": rows})


@for_coaches
@require_POST
def skip(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    user = current_user(request)
    entry = get_entry_for(user, get_round_for(user, pk), entry_pk)
    actions.skip_entry(by=user, entry=entry)
    back = "rounds:list" if request.POST.get("back") == "list" else "rounds:call"
    return redirect(back, pk=pk)


@for_coaches
@require_POST
def pin(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    user = current_user(request)
    entry = get_entry_for(user, get_round_for(user, pk), entry_pk)
    actions.pin_entry(by=user, entry=entry, pinned=not entry.pinned)
    return redirect("rounds:list", pk=pk)


@for_coaches
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    round_ = get_round_for(user, pk)
    actions.close_round(by=user, round_=round_)
    return redirect("rounds:report", pk=pk)


@for_coaches
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Reached and not reached, changes, pauses, call-backs and follow-ups; printable or CSV."""
    user = current_user(request)
    round_ = get_round_for(user, pk)
    result = round_report(round_, coach_ids=workable_coach_ids(user))
    if request.GET.get("format") == "csv":
        record(
            by=user,
            action=AuditAction.CLIENT_EXPORTED,
            target=target_of(round_),
            detail="round report csv",
        )
        response = csv_attachment(f"belronde-{round_.pk}.csv")
        table_writer(response).writerows(report_table(result))
        return response
    record_listing(
        by=user, what=AuditAction.CLIENT_LISTED, target=target_of(round_), detail="round report"
    )
    return TemplateResponse(request, "rounds/report.html", {"round": round_, "report": result})
