"""The sharing page's section "Link for the client": make a private link (the one before it
stops working), or revoke it. Both change no version of the plan; both are audited."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.web.accounts.decorators import for_coaches
from koers.web.plans import links
from koers.web.plans.views.editor import plan_to_change, saved

SHARING = "plans:sharing"


@for_coaches
@require_POST
def create(request: HttpRequest, pk: int) -> HttpResponse:
    user, plan = plan_to_change(request, pk)
    links.create_link(by=user, plan=plan)
    return saved(
        request, plan.client, _("A new link for the client is made."), "link", page=SHARING
    )


@for_coaches
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user, plan = plan_to_change(request, pk)
    link = links.current_link(plan)
    if link is not None:
        links.revoke_link(by=user, link=link)
    return saved(request, plan.client, _("The link no longer works."), "link", page=SHARING)
