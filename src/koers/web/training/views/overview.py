"""All applications of the clients one works with: filters, totals per scheme, CSV export."""

from __future__ import annotations

import csv
import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.accounts.models import User
from koers.web.accounts.queries import coaches_of
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, record_listing
from koers.web.common.csv_download import csv_attachment, text_cell
from koers.web.common.htmx import HtmxHttpRequest
from koers.web.common.pages import page_of, query_without_page
from koers.web.training.forms.overview import OverviewFilterForm
from koers.web.training.models import Application, Scheme
from koers.web.training.queries import (
    OverviewFilters,
    applications_for,
    filtered_applications,
    totals_per_scheme,
)


def _filtered(
    request: HttpRequest, user: User, today: datetime.date
) -> tuple[OverviewFilterForm, OverviewFilters, QuerySet[Application]]:
    """The filter form from the query string, and the applications it leaves."""
    coaches = [(c.pk, c.display_name) for c in coaches_of(user.led_team_id)]
    form = OverviewFilterForm(
        request.GET or None,
        schemes=list(Scheme.objects.values_list("pk", "name")),
        coaches=coaches,
    )
    filters = form.filters()
    applications = filtered_applications(applications_for(user, today=today), filters, today=today)
    return form, filters, applications


@for_coaches
def overview(request: HtmxHttpRequest) -> TemplateResponse:
    """The applications, a page at a time, with the totals per scheme of all that match."""
    user = current_user(request)
    today = timezone.localdate()
    form, filters, applications = _filtered(request, user, today)
    page = page_of(request, applications)
    record_listing(by=user, what=AuditAction.APPLICATIONS_LISTED, page=page.number)
    totals = totals_per_scheme(applications)
    template = "training/overview.html#rows" if request.htmx else "training/overview.html"
    return TemplateResponse(
        request,
        template,
        {
            "form": form,
            "page": page,
            "rows": page.object_list,
            "query": query_without_page(request),
            "filtered": filters != OverviewFilters(),
            "totals": totals,
            "total_asked": sum((t.asked for t in totals), Decimal(0)),
            "total_granted": sum((t.granted for t in totals), Decimal(0)),
            "total_paid": sum((t.paid for t in totals), Decimal(0)),
        },
    )


def _amount(value: Decimal | None) -> str:
    # The decimal separator of the language (a comma in Dutch), as spreadsheets read it.
    return "" if value is None else number_format(value, decimal_pos=2)


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


@for_coaches
def export(request: HttpRequest) -> HttpResponse:
    """Every application the filters leave, one CSV row each, for a spreadsheet."""
    user = current_user(request)
    today = timezone.localdate()
    _form, _filters, applications = _filtered(request, user, today)
    response = csv_attachment(f"scholingsaanvragen-{today.isoformat()}.csv")
    # ";": Dutch spreadsheet programs split on it (the comma is their decimal separator).
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Application ID"),
            _("Client number"),
            _("Client"),
            _("Coach"),
            _("Course"),
            _("Provider"),
            _("Cost"),
            _("Status"),
            _("Status since"),
            _("Schemes"),
            _("Asked"),
            _("Granted"),
            _("Paid"),
            _("Next deadline"),
            _("Deadline"),
            _("Application number"),
        ]
    )
    count = 0
    for application in applications.iterator(chunk_size=500):
        client = application.traject.client
        writer.writerow(
            [
                application.pk,
                client.pk,
                text_cell(client.name),
                text_cell(client.coach.display_name),
                text_cell(application.course_title),
                text_cell(application.provider),
                _amount(application.cost),
                application.get_status_display(),
                _date(application.status_on),
                text_cell(application.scheme_names),
                _amount(application.asked_total),
                _amount(application.granted_total),
                _amount(application.paid_total),
                _date(application.deadline_on),
                application.get_deadline_kind_display() if application.deadline_kind else "",
                text_cell(application.reference),
            ]
        )
        count += 1
    record(by=user, action=AuditAction.APPLICATIONS_EXPORTED, detail=f"{count} rows")
    return response
