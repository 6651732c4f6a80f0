"""The caseload: search, filters, sorting and pages; htmx swaps only the rows."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils import timezone

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.accounts.models import User
from koers.web.accounts.queries import coaches_of
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record_listing
from koers.web.clients.caseload_table import caseload_rows
from koers.web.clients.forms import CaseloadFilterForm
from koers.web.clients.models import Opdrachtgever
from koers.web.clients.queries import caseload_for, filtered_caseload
from koers.web.common.htmx import HtmxHttpRequest
from koers.web.common.pages import page_of, query_without_page

# What a row of the page shows (caseload_table): a client's file has thirty columns,
# the coach's account a password hash and more. ``name`` reads ``erased_at``.
ROW_COLUMNS = (
    *("first_name", "last_name", "erased_at", "employer", "situation", "urgency", "phone"),
    *(f"coach__{name}" for name in User.DISPLAY_NAME_FIELDS),
)


@for_coaches
def caseload(request: HtmxHttpRequest) -> TemplateResponse:
    user = current_user(request)
    clients = caseload_for(user, today=timezone.localdate())
    coaches = [(c.pk, c.display_name) for c in coaches_of(user.led_team_id)]
    form = CaseloadFilterForm(
        request.GET or None,
        opdrachtgevers=list(Opdrachtgever.objects.values_list("pk", "name")),
        coaches=coaches,
    )
    page = page_of(request, filtered_caseload(clients, form.filters()).only(*ROW_COLUMNS))
    record_listing(by=user, what=AuditAction.CLIENT_LISTED, page=page.number)
    template = "clients/caseload.html#rows" if request.htmx else "clients/caseload.html"
    return TemplateResponse(
        request,
        template,
        {
            "form": form,
            "page": page,
            "rows": caseload_rows(page.object_list, show_coach=bool(coaches)),
            "query": query_without_page(request),
            "show_coach": bool(coaches),
        },
    )
