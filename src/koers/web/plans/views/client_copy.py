"""The client's copy of a plan, for the coach to print or hand over as a PDF; each audited."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, target_of
from koers.web.plans.access import get_plan_for
from koers.web.plans.client_copy import client_copy_html, client_copy_pdf
from koers.web.plans.models import PlanVersion


def _version(request: HttpRequest, pk: int) -> PlanVersion:
    """The version asked for (``?versie=N``, else the current one) of a plan the user may open."""
    user = current_user(request)
    plan = get_plan_for(user, pk, audit=False)
    if plan is None:
        raise Http404
    number = request.GET.get("versie", "")
    try:
        version = plan.versions.select_related("plan__client__coach").get(
            number=int(number) if number.isdigit() else plan.version
        )
    except PlanVersion.DoesNotExist:
        raise Http404 from None
    record(
        by=user,
        action=AuditAction.PLAN_PRINTED,
        client_id=plan.client_id,
        target=target_of(version),
    )
    return version


@for_coaches
def client_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable page, in the client's language."""
    return HttpResponse(client_copy_html(_version(request, pk)))


def pdf_download(version: PlanVersion, pdf: bytes) -> HttpResponse:
    """The client's copy of ``version`` as a PDF to save, named after its version."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="loopbaanplan-v{version.number}.pdf"'
    return response


@for_coaches
def client_copy_pdf_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The same page as a PDF made on the server."""
    version = _version(request, pk)
    return pdf_download(version, client_copy_pdf(version))
