"""A party's report recorded as sent, and each version opened again as it was sent."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.permissions import can_administer
from koers.web.clients.models import Opdrachtgever
from koers.web.reports.access import open_sent_report
from koers.web.reports.actions import record_sent_report
from koers.web.reports.forms import ReportForm


@staff_required(can_administer)
@require_POST
def record_sent(request: HttpRequest) -> HttpResponse:
    """ "Mark as sent": the report as the page showed it becomes the next version for the
    period (the party, the period and the days of the page's form)."""
    parties = list(Opdrachtgever.objects.values_list("pk", "name"))
    form = ReportForm(request.POST, today=timezone.localdate(), teams=[], parties=parties)
    back = reverse("reports:party")
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect(back)
    data = form.cleaned_data
    party = Opdrachtgever.objects.get(pk=data["opdrachtgever"])
    sent = record_sent_report(
        by=current_user(request),
        opdrachtgever=party,
        period=data["period"],
        not_reached_days=data["days"],
    )
    messages.success(
        request,
        _("Version %(version)s of this report is recorded as sent.") % {"version": sent.version},
    )
    query = {"opdrachtgever": str(party.pk), "period": sent.period, "days": str(data["days"])}
    return redirect(f"{back}?{urlencode(query)}")


@staff_required(can_administer)
def sent_report(request: HttpRequest, pk: int) -> TemplateResponse:
    """The figures and names as they were sent, whatever changed since (read only)."""
    sent = open_sent_report(current_user(request), pk)
    figures = {key: value for key, value in sent.report.items() if key != "named"}
    context = {
        "sent": sent,
        "data": sent.report,
        "figures": json.dumps(figures, indent=2, ensure_ascii=False),
        "title": _("Report as sent"),
    }
    return TemplateResponse(request, "reports/sent.html", context)


@staff_required(can_administer)
def sent_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF as it was sent; gone once a client named in it was erased."""
    sent = open_sent_report(current_user(request), pk, what="pdf")
    if not sent.pdf:
        raise Http404
    response = HttpResponse(bytes(sent.pdf), content_type="application/pdf")
    name = f"rapportage-{sent.period}-versie-{sent.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
