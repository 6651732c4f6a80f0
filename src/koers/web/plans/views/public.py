"""The client's private link (``/plan/<token>/``): their plan on a phone, no account, no
workspace around it, no JavaScript needed; and their answer on it.

Every answer the page gives is private and kept by nobody: ``noindex``, no referrer to any
other site, ``Cache-Control: no-store``. A token that opens nothing (unknown, expired,
revoked, or the client erased) gets one and the same 404 page, so a guesser learns nothing.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_http_methods

from koers.web.client_address import client_block
from koers.web.common.forms import describe_errors, run_on_form
from koers.web.plans import links
from koers.web.plans.client_copy import client_copy, language_of
from koers.web.plans.forms import AnswerForm
from koers.web.plans.models import PlanLink, PlanVersion


def _private(response: HttpResponse) -> HttpResponse:
    # The token must never reach another site in a Referer. Not "no-referrer": with it the
    # browser posts the answer form with "Origin: null" and no Referer, and Django's CSRF check
    # (rightly) refuses that; "same-origin" sends a Referer to Koers itself and to nobody else.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _gone(request: HttpRequest) -> HttpResponse:
    return _private(TemplateResponse(request, "plans/link/gone.html", status=404))


def _busy(request: HttpRequest) -> HttpResponse:
    response = TemplateResponse(request, "plans/link/busy.html", status=429)
    response["Retry-After"] = str(int(links.WINDOW.total_seconds()))
    return _private(response)


def _page(
    request: HttpRequest, version: PlanVersion, form: AnswerForm | None = None
) -> HttpResponse:
    response = TemplateResponse(
        request,
        "plans/link/page.html",
        {"copy": client_copy(version), "version": version, "form": form or AnswerForm()},
        status=200 if form is None else 400,
    )
    # Rendered now, while the client's language is active.
    response.render()
    return _private(response)


def _answer(request: HttpRequest, link: PlanLink, token: str) -> HttpResponse:
    form = AnswerForm(request.POST)
    if form.is_valid():
        values = form.cleaned_data
        answered = run_on_form(
            form,
            lambda: links.answer(
                link,
                number=values["version"],
                agreed=values["answer"] == "agree",
                comment=values["comment"],
            ),
        )
        if answered is not None:
            return redirect("plan_link", token=token)
    describe_errors(form)
    return _page(request, links.current_version(link), form)


# never_cache: Cache-Control no-store (and private); ensure_csrf_cookie: a first visit without
# any cookie gets the CSRF cookie with the page, so that its answer can be posted.
@never_cache
@ensure_csrf_cookie
@require_http_methods(["GET", "POST"])
def plan_link(request: HttpRequest, token: str) -> HttpResponse:
    """The plan as the client reads it (each view counted and audited), and their answer."""
    try:
        link = links.open_link(token, address=client_block(request) or "")
    except links.LinkGoneError:
        return _gone(request)
    except links.TooManyRequestsError:
        return _busy(request)
    version = links.current_version(link)
    with translation.override(language_of(version)):
        if request.method == "POST":
            return _answer(request, link, token)
        links.record_view(link, version)
        return _page(request, version)
