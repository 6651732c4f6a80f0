"""A party's report recorded as sent, and each version opened again as it was sent."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.permissions import can_administer
from koers.web.clients.models import Opdrachtgever
from koers.web.reports.access import open_sent_report
from koers.web.reports.actions import record_sent_report
from koers.web.reports.period import PeriodError, parse_period


@staff_required(can_administer)
@require_POST
def record_sent(request: HttpRequest) -> HttpResponse:
    """ "Mark as sent": the report as it is now becomes the next version for the period."""
    party = Opdrachtgever.objects.filter(pk=request.POST.get("opdrachtgever") or 0).first()
    code = request.POST.get("period", "")
    back = reverse("reports:party")
    try:
        period = parse_period(code)
    except PeriodError as error:
        messages.error(request, str(error))
        return redirect(back)
    if party is None:
        messages.error(request, _("Choose the commissioning party the report was sent to."))
        return redirect(back)
    sent = record_sent_report(by=current_user(request), opdrachtgever=party, period=period)
    messages.success(
        request,
        _("Version %(version)s of this report is recorded as sent.") % {"version": sent.version},
    )
    query = urlencode({"opdrachtgever": str(party.pk), "period": period.code})
    return redirect(f"{back}?{query}")


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
