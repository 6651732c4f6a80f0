"""A client's training applications: file one (maybe from the plan page), follow it, change it."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers import knowledge
from koers.taxonomy import SnapshotError
from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.clients.actions import ConflictError, StepError
from koers.web.clients.models import Client
from koers.web.clients.pages import user_and_client
from koers.web.common import presenters
from koers.web.common.conflicts import conflict_of
from koers.web.common.forms import choice_field, on_valid_post, run_on_form
from koers.web.common.htmx import HtmxHttpRequest
from koers.web.training import actions, queries
from koers.web.training.access import get_application_for
from koers.web.training.choices import ApplicationStatus
from koers.web.training.forms.applications import (
    UNDECIDED,
    ApplicationEditForm,
    ApplicationForm,
    BaseFundingLines,
    NewApplicationForm,
    StatusForm,
    describe_lines,
    funding_lines,
    plain_lines,
    typed_lines,
    typed_values,
)
from koers.web.training.guardrails import check_funding
from koers.web.training.models import Application, Course, FundingLine

T = TypeVar("T")
S = ApplicationStatus


def _target_label(uri: str) -> str:
    """The occupation an application aims at, in the page's language (else its URI)."""
    if not uri:
        return ""
    try:
        return knowledge.taxonomy().occupation(uri).label(presenters.esco_language())
    except (SnapshotError, KeyError):
        return uri


def _prefill(request: HttpRequest) -> dict[str, object]:
    """From the plan page: ?course=<id> fills in the course, ?target=<occupation id> the aim."""
    initial: dict[str, object] = {}
    course_id = request.GET.get("course", "")
    course = Course.objects.filter(pk=int(course_id)).first() if course_id.isdigit() else None
    if course is not None:
        initial.update(
            course=course.pk, course_title=course.title, provider=course.provider, cost=course.price
        )
    target_id = request.GET.get("target", "")
    if target_id:
        with suppress(Http404):
            initial["target_uri"] = presenters.find(target_id).uri
    return initial


def _save(
    request: HttpRequest, form: ApplicationForm, lines: BaseFundingLines, action: Callable[[], T]
) -> T | None:
    """On a valid POST, ``run_on_form``; problems with the funding lines go above the lines."""
    if not form.is_bound or not all([form.is_valid(), lines.is_valid()]):
        return None

    def run() -> T:
        try:
            return action()
        except ValidationError as error:
            problems = getattr(error, "error_dict", {}).pop("lines", None)
            if problems:
                lines.add_problems([message for item in problems for message in item.messages])
            raise

    return run_on_form(form, run)


def _refreshing(request: HttpRequest) -> bool:
    """The refresh step: show the windows and warnings for what was typed, save nothing."""
    return request.method == "POST" and "refresh" in request.POST


def _update_on_change(url: str, form: ApplicationForm, lines: BaseFundingLines) -> None:
    """With htmx, a change of the cost or of a line's scheme, window or amounts posts the form
    for the refresh step (the target and the ``refresh`` value are set on the form). A newer
    change aborts the refresh still on its way, so an older answer never replaces a newer one."""
    fields = [form.fields["cost"]] + [
        line.fields[name]
        for line in lines
        for name in ("scheme", "window", "asked", "granted")
        if name in line.fields
    ]
    for field in fields:
        field.widget.attrs["hx-post"] = url
        field.widget.attrs["hx-sync"] = "closest form:replace"


def _form_page(
    request: HtmxHttpRequest,
    form: ApplicationForm,
    lines: BaseFundingLines,
    client: Client,
    *,
    status: int = 200,
    **context: object,
) -> TemplateResponse:
    """The application form (``title`` and ``submit`` given), the open windows as help and
    the funding check; htmx's refresh gets only the check and a changed line's window choices."""
    today = timezone.localdate()
    check = check_funding(form, lines, client, today=today)
    _update_on_change(request.get_full_path(), form, lines)
    if request.htmx and _refreshing(request):
        return TemplateResponse(
            request,
            "training/_application_refresh.html",
            # The window choices only of the line whose scheme changed: a choice made since
            # the request was sent is not swapped away.
            {
                "check": check,
                "lines": lines,
                "client": client,
                "changed": request.htmx.trigger_name,
            },
        )
    return TemplateResponse(
        request,
        "training/application_form.html",
        {
            "form": form,
            "lines": lines,
            "client": client,
            "check": check,
            "open_windows": queries.open_windows(today=today),
            "target_label": _target_label(str(form["target_uri"].value() or "")),
            **context,
        },
        status=status,
    )


def _to_application(request: HttpRequest, application: Application, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("training:application", pk=application.pk)


@for_coaches
@require_http_methods(["GET", "POST"])
def create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A new application for a client (``pk``), maybe for a course picked on the plan page."""
    user, client = user_and_client(request, pk)
    if _refreshing(request):
        form = NewApplicationForm(client=client, initial=typed_values(request.POST))
        lines = funding_lines(None, typed=typed_lines(request.POST))
    else:
        form = NewApplicationForm(request.POST or None, client=client, initial=_prefill(request))
        lines = funding_lines(request.POST or None)
    application = _save(
        request,
        form,
        lines,
        lambda: actions.create_application(
            by=user,
            traject=form.cleaned_data["traject"],
            values=form.values(),
            lines=lines.lines(),
        ),
    )
    if application is not None:
        return _to_application(request, application, _("Application saved."))
    return _form_page(
        request,
        form,
        lines,
        client,
        needs_traject=not form.open_trajecten,
        title=_("New training application"),
        submit=_("Save application"),
    )


@for_coaches
@require_http_methods(["GET", "POST"])
def edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Change an application and its funding lines, unless someone else saved in between."""
    user = current_user(request)
    application = get_application_for(user, pk, audit=request.method == "GET")
    amounts = application.status not in UNDECIDED
    if _refreshing(request):
        form = ApplicationEditForm(instance=application, initial=typed_values(request.POST))
        lines = funding_lines(
            None, application=application, amounts=amounts, typed=typed_lines(request.POST)
        )
    else:
        form = ApplicationEditForm(request.POST or None, instance=application)
        lines = funding_lines(request.POST or None, application=application, amounts=amounts)
    conflict = None
    try:
        saved = _save(
            request,
            form,
            lines,
            lambda: actions.update_application(
                by=user,
                application=application,
                version=form.cleaned_data["version"] or 0,
                values=form.values(),
                lines=lines.lines(),
            ),
        )
    except ConflictError as error:
        current = error.current
        assert isinstance(current, Application)
        saved, conflict = None, conflict_of(form, current, form.values())
        theirs = list(current.lines.select_related("scheme"))
        if not conflict.merge(
            name="lines",
            label=_("Funding lines"),
            mine=plain_lines(lines.lines()),
            saved=plain_lines(theirs),
            shown=(describe_lines(lines.lines()), describe_lines(theirs)),
        ):
            amounts = current.status not in UNDECIDED
            lines = funding_lines(None, application=current, amounts=amounts)
    if saved is not None:
        return _to_application(request, saved, _("Changes saved."))
    return _form_page(
        request,
        form,
        lines,
        application.traject.client,
        application=application,
        amounts=amounts,
        conflict=conflict,
        title=_("Change application"),
        submit=_("Save changes"),
        status=409 if conflict else 200,
    )


def _missing_amount(application: Application, lines: list[FundingLine]) -> str:
    """Which amount the coach should enter now: "granted", "paid" or nothing."""
    if application.status in UNDECIDED or application.status in (S.REJECTED, S.WITHDRAWN):
        return ""
    if any(line.granted is None for line in lines):
        return "granted"
    if application.status == S.PAID and any(line.paid is None for line in lines):
        return "paid"
    return ""


def _detail_page(
    request: HttpRequest, application: Application, form: StatusForm
) -> TemplateResponse:
    prefetch_related_objects([application], queries.lines_with_schemes())
    lines = list(application.lines.all())
    return TemplateResponse(
        request,
        "training/application.html",
        {
            "application": application,
            "client": application.traject.client,
            "lines": lines,
            "steps": application.steps.select_related("by"),
            "form": form,
            "steps_left": bool(choice_field(form, "status").choices),
            "missing_amount": _missing_amount(application, lines),
            "target_label": _target_label(application.target_uri),
        },
    )


@for_coaches
def detail(request: HttpRequest, pk: int) -> TemplateResponse:
    application = get_application_for(current_user(request), pk)
    return _detail_page(request, application, StatusForm(application=application))


@for_coaches
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    """One step along the workflow; a refused step is shown on the application's page."""
    user = current_user(request)
    application = get_application_for(user, pk, audit=False)
    form = StatusForm(request.POST, application=application)
    try:
        changed = on_valid_post(
            request,
            form,
            lambda: actions.change_application_status(
                by=user,
                application=application,
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            ),
        )
    except StepError as error:
        form.add_error("status", str(error))
        changed = None
    if changed is not None:
        return _to_application(request, changed, _("Status changed."))
    return _detail_page(request, application, form)
