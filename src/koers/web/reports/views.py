"""The report page: charts with their tables for one period; each table as CSV."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.models import Team
from koers.web.accounts.permissions import can_administer
from koers.web.common.csv_download import csv_attachment, table_writer
from koers.web.reports.access import ScopeRefused, may_read_reports, open_report, record_download
from koers.web.reports.forms import ReportForm
from koers.web.reports.period import last_month
from koers.web.reports.tables import report_sections, table_named


@staff_required(may_read_reports)
def report_page(request: HttpRequest) -> HttpResponse:
    """Clients, reach, pauses, trajecten, budget, training and plans over a month or quarter."""
    user = current_user(request)
    today = timezone.localdate()
    teams = list(Team.objects.values_list("name", flat=True)) if can_administer(user) else []
    data = request.GET.copy()
    data.setdefault("period", last_month(today).code)
    data.setdefault("days", str(ReportForm.base_fields["days"].initial))
    form = ReportForm(data, today=today, teams=teams)
    context: dict[str, Any] = {"form": form, "report": None, "sections": []}
    if not form.is_valid():
        return TemplateResponse(request, "reports/report.html", context, status=400)
    period, team = form.cleaned_data["period"], form.cleaned_data.get("team") or ""
    try:
        report = open_report(user, period, team=team, not_reached_days=form.cleaned_data["days"])
    except ScopeRefused as refused:
        form.add_error(None, str(refused))
        return TemplateResponse(request, "reports/report.html", context, status=403)
    if request.GET.get("format") == "csv":
        table = table_named(report, request.GET.get("tabel", ""))
        if table is None:
            raise Http404
        record_download(user, report, what=f"{table.slug} csv")
        response = csv_attachment(f"rapportage-{period.code}-{table.slug}.csv")
        table_writer(response).writerows(table.csv_rows())
        return response
    query = data.copy()
    query["format"] = "csv"
    context.update(report=report, sections=report_sections(report), query=query.urlencode())
    return TemplateResponse(request, "reports/report.html", context)
