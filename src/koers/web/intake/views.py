"""The public "Call me back" form and its confirmation; the staff's intake queue."""

from __future__ import annotations

from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.accounts.models import User
from koers.web.accounts.permissions import can_lead_team
from koers.web.accounts.queries import coaches_of
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, record_listing, target_of
from koers.web.client_address import client_block, fingerprint_of
from koers.web.common.forms import describe_errors, run_on_form
from koers.web.common.pages import page_of
from koers.web.intake import actions, limits, queries
from koers.web.intake.access import can_assign, get_request_for
from koers.web.intake.forms import AssignForm, AttemptForm, CallbackForm, ConvertForm
from koers.web.intake.models import KEEP_DAYS, BestTime, CallbackRequest

T = TypeVar("T")


def _fingerprint(request: HttpRequest) -> str:
    return fingerprint_of(client_block(request) or "", today=timezone.localdate(), purpose="intake")


# The public side: no account, nothing stored but what the person sends on purpose.


@never_cache
@require_http_methods(["GET", "POST"])
def callback(request: HttpRequest) -> HttpResponse:
    """The form on its own page: where it lands without JavaScript when something is wrong."""
    if request.method == "GET":
        form = CallbackForm(initial={"short_code": request.GET.get("code", "")[:20]})
        return _callback_page(request, form)
    form = CallbackForm(request.POST)
    if form.is_from_a_bot:
        # The same answer as for people, so that a bot learns nothing; nothing is stored.
        return redirect("intake:thanks")
    if form.is_valid():
        try:
            stored = run_on_form(
                form,
                lambda: actions.request_callback(
                    by=None, values=form.values(), fingerprint=_fingerprint(request)
                ),
            )
        except actions.RateLimitError as error:
            if error.everyone:
                return _busy(request)
            return _callback_page(request, form, status=429, limited=True)
        if stored is not None:
            return redirect("intake:thanks")
    describe_errors(form)
    return _callback_page(request, form)


def _callback_page(
    request: HttpRequest,
    form: CallbackForm,
    *,
    status: int = 200,
    limited: bool = False,
) -> TemplateResponse:
    code = form["short_code"].value() or ""
    return TemplateResponse(
        request,
        "intake/callback.html",
        {
            "form": form,
            "callback_code": code if isinstance(code, str) else "",
            "limited": limited,
        },
        status=status,
    )


def _busy(request: HttpRequest) -> TemplateResponse:
    """Too many requests from everyone together: the way to call the organisation instead."""
    response = TemplateResponse(request, "intake/busy.html", status=429)
    response["Retry-After"] = str(int(limits.WINDOW.total_seconds()))
    return response


def thanks(request: HttpRequest) -> TemplateResponse:
    """We will call you back: when, what to do meanwhile, and when we delete the request."""
    return TemplateResponse(
        request,
        "intake/thanks.html",
        {"days": settings.KOERS_CALLBACK_WORKING_DAYS, "keep_days": KEEP_DAYS},
    )


# The staff side.


@for_coaches
def queue(request: HttpRequest) -> TemplateResponse:
    user = current_user(request)
    page = page_of(request, queries.queue_for(user))
    record_listing(by=user, what=AuditAction.INTAKE_LISTED, page=page.number)
    return TemplateResponse(
        request,
        "intake/queue.html",
        {
            "page": page,
            "leads": can_lead_team(user),
            "today": timezone.localdate(),
            "rush_on_page": any(callback.during_flood for callback in page),
        },
    )


def _viewed(user: User, callback: CallbackRequest, page: str = "") -> None:
    """Every page that shows the request's name or number is in the audit trail."""
    record(by=user, action=AuditAction.INTAKE_VIEWED, target=target_of(callback), detail=page)


def _detail_page(
    request: HttpRequest, user: User, callback: CallbackRequest, attempt_form: AttemptForm
) -> TemplateResponse:
    _viewed(user, callback)
    may_assign = can_assign(user, callback)
    form = AssignForm(coaches=coaches_of(user.led_team_id)) if may_assign else None
    return TemplateResponse(
        request,
        "intake/detail.html",
        {
            "callback": callback,
            "may_assign": may_assign,
            "form": form,
            "attempt_form": attempt_form,
            "attempts": callback.attempts.select_related("by"),
            "today": timezone.localdate(),
        },
    )


@for_coaches
def detail(request: HttpRequest, pk: int) -> TemplateResponse:
    user = current_user(request)
    return _detail_page(request, user, get_request_for(user, pk), AttemptForm())


@for_coaches
@require_http_methods(["POST"])
def attempt(request: HttpRequest, pk: int) -> HttpResponse:
    """Log a try that did not reach the person (or that agreed to call again later)."""
    user = current_user(request)
    callback = get_request_for(user, pk)
    form = AttemptForm(request.POST)
    if form.is_valid():
        try:
            done = run_on_form(
                form,
                lambda: actions.log_attempt(
                    by=user,
                    callback=callback,
                    outcome=form.cleaned_data["outcome"],
                    note=form.cleaned_data["note"],
                ),
            )
        except actions.AlreadyHandledError as error:
            return _gone(request, error)
        if done is not None:
            messages.success(request, _("Attempt logged."))
            return redirect("intake:detail", pk=callback.pk)
    describe_errors(form)
    return _detail_page(request, user, callback, form)


def _gone(request: HttpRequest, error: actions.AlreadyHandledError) -> HttpResponse:
    messages.warning(request, str(error))
    return redirect("intake:queue")


@for_coaches
@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    callback = get_request_for(user, pk)
    if not can_assign(user, callback):
        raise Http404
    form = AssignForm(
        request.POST or None,
        coaches=queries.assignable_coaches(user.led_team_id, today=timezone.localdate()),
    )
    if request.method == "POST" and form.is_valid():
        coach = form.cleaned_data["coach"]
        try:
            done = run_on_form(
                form, lambda: actions.assign_request(by=user, callback=callback, coach=coach)
            )
        except actions.AlreadyHandledError as error:
            return _gone(request, error)
        if done is not None:
            messages.success(
                request,
                _("%(coach)s will call %(name)s back.")
                % {"coach": coach.display_name, "name": callback.first_name},
            )
            return redirect("intake:queue")
    describe_errors(form)
    _viewed(user, callback, "assign page")
    return TemplateResponse(request, "intake/assign.html", {"callback": callback, "form": form})


def _initial(callback: CallbackRequest) -> dict[str, object]:
    times = [] if callback.best_time == BestTime.ANY else [callback.best_time]
    return {"first_name": callback.first_name, "phone": callback.phone, "call_times": times}


@for_coaches
@require_http_methods(["GET", "POST"])
def convert(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    callback = get_request_for(user, pk)
    form = ConvertForm(request.POST or None, initial=_initial(callback))
    if request.method == "POST" and form.is_valid():
        values = form.values(occupation_uri=queries.occupation_uri_of(callback.short_code))
        try:
            client = run_on_form(
                form,
                lambda: actions.convert_request(by=user, callback=callback, values=values),
            )
        except actions.AlreadyHandledError as error:
            return _gone(request, error)
        if client is not None:
            messages.success(request, _("Client added."))
            return redirect("casework:client", pk=client.pk)
    describe_errors(form)
    _viewed(user, callback, "convert page")
    return TemplateResponse(request, "intake/convert.html", {"callback": callback, "form": form})


@for_coaches
@require_http_methods(["GET", "POST"])
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    callback = get_request_for(user, pk)
    if request.method == "POST":
        try:
            actions.decline_request(by=user, callback=callback)
        except actions.AlreadyHandledError as error:
            return _gone(request, error)
        messages.success(request, _("Request declined. Nobody will call."))
        return redirect("intake:queue")
    _viewed(user, callback, "decline page")
    return TemplateResponse(request, "intake/decline.html", {"callback": callback})
