"""The report pages: charts with their tables for one period; each table as CSV, all as PDF."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.models import Team, User
from koers.web.accounts.permissions import can_administer
from koers.web.clients.models import Opdrachtgever
from koers.web.common.csv_download import csv_attachment, table_writer
from koers.web.reports.access import (
    ScopeRefused,
    may_read_reports,
    open_party_report,
    open_report,
    record_download,
)
from koers.web.reports.forms import ReportForm
from koers.web.reports.party import sent_versions
from koers.web.reports.pdf import report_pdf
from koers.web.reports.period import last_month
from koers.web.reports.report import Report
from koers.web.reports.tables import (
    Section,
    party_sections,
    report_sections,
    scope_title,
    table_named,
)


def _form(request: HttpRequest, **choices: Any) -> ReportForm:
    """The GET form, last month and the usual days when the address gives none."""
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("period", last_month(today).code)
    data.setdefault("days", str(ReportForm.base_fields["days"].initial))
    return ReportForm(data, today=today, **choices)


def _page(request: HttpRequest, form: ReportForm, *, status: int = 200) -> TemplateResponse:
    context: dict[str, Any] = {"form": form, "report": None, "sections": [], "title": _("Reports")}
    return TemplateResponse(request, "reports/report.html", context, status=status)


def _show(
    request: HttpRequest,
    user: User,
    form: ReportForm,
    report: Report,
    sections: list[Section],
    **extra: Any,
) -> HttpResponse:
    """The page, one table as CSV (``format=csv&tabel=...``) or the whole report as PDF."""
    period, title = report.period, scope_title(report)
    asked = request.GET.get("format")
    if asked == "csv":
        table = table_named(sections, request.GET.get("tabel", ""))
        if table is None:
            raise Http404
        record_download(user, report, what=f"{table.slug} csv")
        response = csv_attachment(f"rapportage-{period.code}-{table.slug}.csv")
        table_writer(response).writerows(table.csv_rows())
        return response
    if asked == "pdf":
        record_download(user, report, what="pdf")
        pdf = report_pdf(title=title, period=period, sections=sections)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="rapportage-{period.code}.pdf"'
        return response
    query = {key: value for key, value in form.data.items() if key not in {"format", "tabel"}}
    context = {
        "form": form,
        "report": report,
        "sections": sections,
        "title": f"{_('Reports')}: {title}",
        "query": urlencode(query),
        **extra,
    }
    return TemplateResponse(request, "reports/report.html", context)


@staff_required(may_read_reports)
def report_page(request: HttpRequest) -> HttpResponse:
    """Clients, reach, pauses, trajecten, budget, training and plans over a month or quarter."""
    user = current_user(request)
    teams = list(Team.objects.values_list("name", flat=True)) if can_administer(user) else []
    form = _form(request, teams=teams)
    if not form.is_valid():
        return _page(request, form, status=400)
    data = form.cleaned_data
    try:
        report = open_report(
            user, data["period"], team=data.get("team") or "", not_reached_days=data["days"]
        )
    except ScopeRefused as refused:
        form.add_error(None, str(refused))
        return _page(request, form, status=403)
    return _show(request, user, form, report, report_sections(report))


@staff_required(can_administer)
def party_page(request: HttpRequest) -> HttpResponse:
    """One commissioning party's report: its trajecten only, small counts hidden, names only of
    clients who consented to it."""
    user = current_user(request)
    parties = list(Opdrachtgever.objects.values_list("pk", "name"))
    if "opdrachtgever" not in request.GET:
        # The first visit: the form alone, nothing counted yet.
        today = timezone.localdate()
        initial = {"period": last_month(today).code, "days": ReportForm.base_fields["days"].initial}
        return _page(request, ReportForm(initial=initial, today=today, teams=[], parties=parties))
    form = _form(request, teams=[], parties=parties)
    if not form.is_valid():
        return _page(request, form, status=400)
    data = form.cleaned_data
    party = open_party_report(
        user, data["period"], data["opdrachtgever"], not_reached_days=data["days"]
    )
    sent = sent_versions(data["opdrachtgever"])
    return _show(request, user, form, party.report, party_sections(party), sent_versions=sent)
