"""The filters of the applications overview (GET, shared by the page and its CSV export)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from koers.web.clients.choices import DEADLINE_DAYS
from koers.web.common.forms import choice_field
from koers.web.training.choices import ApplicationStatus
from koers.web.training.queries import OverviewFilters


class OverviewFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    scheme = forms.TypedChoiceField(label=_("Scheme"), required=False, coerce=int, empty_value=None)
    deadline = forms.ChoiceField(label=_("Deadline"), required=False)
    coach = forms.TypedChoiceField(label=_("Coach"), required=False, coerce=int, empty_value=None)

    def __init__(
        self,
        *args: Any,
        schemes: list[tuple[int, str]],
        coaches: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everyone: list[tuple[object, object]] = [("", _("all"))]
        choice_field(self, "status").choices = everyone + list(ApplicationStatus.choices)
        choice_field(self, "scheme").choices = everyone + schemes
        choice_field(self, "deadline").choices = [
            ("", _("any")),
            (
                "soon",
                ngettext(
                    "within %(days)d day or passed",
                    "within %(days)d days or passed",
                    DEADLINE_DAYS,
                )
                % {"days": DEADLINE_DAYS},
            ),
            ("passed", _("passed")),
        ]
        if coaches:
            choice_field(self, "coach").choices = everyone + coaches
        else:
            del self.fields["coach"]

    def filters(self) -> OverviewFilters:
        """The filters chosen; none when the form is unbound or invalid."""
        if not self.is_valid():
            return OverviewFilters()
        data = self.cleaned_data
        return OverviewFilters(
            status=data["status"],
            scheme=data["scheme"],
            deadline=data["deadline"],
            coach=data.get("coach"),
        )
