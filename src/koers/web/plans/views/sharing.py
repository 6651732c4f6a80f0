"""Sending the plan to the commissioning party: records the share, then hands the coach the
PDF of exactly the version sent to pass on (Koers has no e-mail address of the party)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.web.accounts.decorators import for_coaches
from koers.web.common.forms import run_on_form
from koers.web.plans.forms import ShareForm
from koers.web.plans.sharing import send_plan
from koers.web.plans.views.client_copy import pdf_download
from koers.web.plans.views.editor import editor_page, plan_to_change


@for_coaches
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the version shown; the editor again with the reason when it may not go."""
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
    return editor_page(request, plan, bound=("share", form))
