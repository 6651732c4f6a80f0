"""The audit trail page for admins: filter, page through, newest first; each search audited."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.models import User
from koers.web.accounts.permissions import can_administer
from koers.web.audit.models import AuditAction
from koers.web.audit.queries import AuditFilters, audit_events
from koers.web.audit.trail import record
from koers.web.common.forms import describe_errors
from koers.web.common.pages import page_of, query_without_page

PER_PAGE = 50


class AuditSearchForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("User"),
        queryset=User.objects.order_by("username"),
        to_field_name="username",
        required=False,
        empty_label=_("anyone"),
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("any action")), *AuditAction.choices],
        required=False,
    )
    client = forms.IntegerField(label=_("Client number"), min_value=1, required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return data

    def filters(self) -> AuditFilters:
        data = self.cleaned_data
        return AuditFilters(
            actor=data.get("user"),
            action=data.get("action") or "",
            client_id=data.get("client"),
            since=data.get("since"),
            until=data.get("until"),
        )


@staff_required(can_administer)
def search(request: HttpRequest) -> TemplateResponse:
    """Who saw or changed what. Viewing this page is itself an entry in the trail."""
    user = current_user(request)
    form = AuditSearchForm(request.GET or None)
    filters = form.filters() if form.is_bound and form.is_valid() else AuditFilters()
    page = None
    if not form.is_bound or form.is_valid():
        page = page_of(request, audit_events(filters), per_page=PER_PAGE)
        # Read before writing, so the page shows the trail as it was before this search.
        page.object_list = list(page.object_list)
        record(
            by=user,
            action=AuditAction.AUDIT_SEARCHED,
            client_id=filters.client_id,
            fields=filters.used,
            detail=f"page {page.number}",
        )
    if form.is_bound and form.errors:
        describe_errors(form)
    return TemplateResponse(
        request,
        "audit/search.html",
        {"form": form, "page": page, "query": query_without_page(request)},
        status=200 if page is not None else 400,
    )
