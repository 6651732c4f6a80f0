"""Pausing a client's career question until a date, and ending a pause early."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.web.accounts.decorators import for_coaches
from koers.web.clients import actions, queries
from koers.web.clients.forms import PauseForm
from koers.web.clients.pages import (
    back_to_client,
    form_page,
    user_and_client,
)
from koers.web.common.forms import run_on_form


@for_coaches
@require_http_methods(["GET", "POST"])
def pause(request: HttpRequest, pk: int) -> HttpResponse:
    user, client = user_and_client(request, pk)
    form = PauseForm(request.POST or None)
    deadlines: list[queries.Deadline] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            paused = run_on_form(
                form,
                lambda: actions.pause_client(
                    by=user,
                    client=client,
                    until=data["until"],
                    reason=data["reason"],
                    note=data["note"],
                    deadlines_confirmed=data["deadlines_confirmed"],
                ),
            )
        except actions.DeadlineInPauseError as error:
            deadlines = error.deadlines
            form.add_error("deadlines_confirmed", str(error))
            paused = None
        if paused is not None:
            message = _("Paused until %(date)s.") % {"date": paused.until.strftime("%d-%m-%Y")}
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
    actions.end_pause(by=user, pause=running)
    return back_to_client(request, client, _("The pause has ended."))
