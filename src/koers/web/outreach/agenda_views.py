"""The coach's private calendar feed, its page on her account, and a client's appointment."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import channel, record
from koers.web.clients.pages import user_and_client
from koers.web.common.forms import DateTimeInput
from koers.web.outreach import actions
from koers.web.outreach.agenda import appointment_of, coach_items, feed_of, feed_owner
from koers.web.outreach.models import CalendarFeed

CALENDAR = "text/calendar; charset=utf-8"


class AppointmentForm(forms.Form):
    """What the link on the message page gives: a moment and maybe a length in minutes."""

    moment = forms.DateTimeField(widget=DateTimeInput)
    minutes = forms.IntegerField(min_value=5, max_value=240, required=False)


def _calendar_response(body: bytes, *, filename: str = "") -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed a calendar app reads with the secret URL (no sign-in); each read audited."""
    coach = feed_owner(token)
    with translation.override(settings.LANGUAGE_CODE):
        items = coach_items(coach, today=timezone.localdate())
        body = feed_of(
            items,
            name=f"Koers · {coach.display_name}",
            url_of=lambda pk: request.build_absolute_uri(reverse("casework:client", args=[pk])),
        )
    with channel("feed"):
        record(by=coach, action=AuditAction.CALENDAR_FEED_READ, detail=f"{len(items)} events")
    return _calendar_response(body)


@never_cache
@for_coaches
@require_http_methods(["GET", "POST"])
def my_feed(request: HttpRequest) -> TemplateResponse:
    """The coach's feed: when it was made, and a new secret URL (shown once) on request."""
    user = current_user(request)
    url = ""
    if request.method == "POST":
        token = actions.renew_feed(by=user)
        url = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
    made = CalendarFeed.objects.filter(coach=user).values_list("created_at", flat=True).first()
    return TemplateResponse(request, "outreach/my_feed.html", {"url": url, "made": made})


@require_GET
@for_coaches
def appointment(request: HttpRequest, pk: int) -> HttpResponse:
    """An .ics file with one appointment, for the coach to send the client."""
    user, client = user_and_client(request, pk)
    form = AppointmentForm(request.GET)
    if not form.is_valid():
        problems = "; ".join(
            f"{name}: {' '.join(str(error) for error in errors)}"
            for name, errors in form.errors.items()
        )
        return HttpResponseBadRequest(problems, content_type="text/plain; charset=utf-8")
    body = appointment_of(
        client,
        coach=user,
        moment=form.cleaned_data["moment"],
        minutes=form.cleaned_data["minutes"] or 30,
    )
    return _calendar_response(body, filename="afspraak.ics")
