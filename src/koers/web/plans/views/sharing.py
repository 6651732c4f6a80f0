"""Sharing the plan (``clienten/<pk>/plan/delen/``): the client's private link, and sending the
plan to the commissioning party. Sending records the share, then hands the coach the PDF of
exactly the version sent to pass on (Koers has no e-mail address of the party).

A page of its own, apart from the editor: who sees the plan is a step after writing it, and
the editor no longer reads the trajecten, consents, links and shares on every visit."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.common.forms import describe_errors, run_on_form
from koers.web.plans import pages, queries, sharing
from koers.web.plans.access import get_plan_for
from koers.web.plans.forms import ShareForm
from koers.web.plans.models import Plan
from koers.web.plans.sharing import send_plan
from koers.web.plans.views.client_copy import pdf_download
from koers.web.plans.views.editor import plan_to_change


def sharing_page(
    request: HttpRequest, plan: Plan, *, form: ShareForm | None = None, status: int = 200
) -> TemplateResponse:
    """The page; ``form`` is the share form just posted, shown again with its errors."""
    if form is None:
        form = ShareForm(plan=plan, auto_id="share-%s")
    else:
        describe_errors(form)
    parties = sharing.parties_of(plan.client)
    return TemplateResponse(
        request,
        "plans/sharing.html",
        {
            "client": plan.client,
            "plan": plan,
            "forms": {"share": form},
            "parties": parties,
            "can_share": any(not party.refusal for party in parties),
            "shares": queries.shares_of(plan),
            "private_link": pages.link_shown(plan),
            "answered": pages.latest_answer(plan),
        },
        status=status,
    )


@for_coaches
@require_GET
def sharing_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Who may see the plan, and how it reaches them; the editor when no plan was started."""
    plan = get_plan_for(current_user(request), pk, contents=())
    if plan is None:
        return redirect("plans:plan", pk=pk)
    return sharing_page(request, plan)


@for_coaches
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the version shown; the sharing page again with the reason when it may not go."""
    user, plan = plan_to_change(request, pk)
    form = ShareForm(request.POST, plan=plan, auto_id="share-%s")
    if form.is_valid():
        version = plan.versions.filter(number=form.cleaned_data["version"]).first()
        if version is not None:
            sent = run_on_form(
                form,
                lambda: send_plan(
                    by=user,
                    version=version,
                    traject=form.cleaned_data["traject"],
                    note=form.cleaned_data["note"],
                ),
            )
            if sent is not None:
                return pdf_download(version, sent[1])
        else:
            form.add_error(None, _("This version of the plan does not exist."))
    return sharing_page(request, plan, form=form)
