"""The caseload import pages for coaches (the data requests of admins are in privacy)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user, for_coaches
from koers.web.accounts.forms import PersonField
from koers.web.accounts.models import User
from koers.web.clients import caseload_columns, csv_import
from koers.web.common import csv_files
from koers.web.common.csv_download import csv_attachment
from koers.web.common.forms import CsvFileField, describe_errors

# Caseload import ------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = CsvFileField(label=gettext_lazy("Caseload file (CSV)"))
    coach = PersonField(label=gettext_lazy("Coach of these clients"), queryset=User.objects.none())
    allow_duplicates = forms.BooleanField(
        label=gettext_lazy("Also add likely duplicates"),
        help_text=gettext_lazy(
            "Only when the file names people who share a name and a phone number or e-mail "
            "address with another row or a client already there, and they are different people."
        ),
        required=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        coach = self.fields["coach"]
        assert isinstance(coach, PersonField)
        coach.queryset = csv_import.assignable_coaches(user).order_by("first_name", "username")
        coach.initial = user.pk
        coach.empty_label = None


@for_coaches
@require_http_methods(["GET", "POST"])
def import_caseload(request: HttpRequest) -> HttpResponse:
    """Upload a caseload file; every problem listed by row and column, or all clients added."""
    user = current_user(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=user)
    problems: list[csv_files.Problem] = []
    if request.method == "POST" and form.is_valid():
        coach: User = form.cleaned_data["coach"]
        try:
            clients = csv_import.import_caseload(
                by=user,
                coach=coach,
                data=form.cleaned_data["file"].read(),
                allow_duplicates=form.cleaned_data["allow_duplicates"],
            )
        except csv_import.CaseloadError as error:
            problems = error.problems
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d client added to the caseload of %(coach)s.",
                    "%(count)d clients added to the caseload of %(coach)s.",
                    len(clients),
                )
                % {"count": len(clients), "coach": coach.display_name},
            )
            return redirect("clients:caseload")
    if form.errors:
        describe_errors(form)
    return TemplateResponse(
        request,
        "data/import.html",
        {"form": form, "problems": problems, "columns": caseload_columns.COLUMNS},
        status=400 if form.errors or problems else 200,
    )


@for_coaches
def import_template(request: HttpRequest) -> HttpResponse:
    """The CSV template: the header row and one made-up example row."""
    return csv_attachment("koers-caseload-template.csv", caseload_columns.template_csv())
