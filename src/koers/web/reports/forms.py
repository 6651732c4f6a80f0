"""The period picker (and, for an admin, the team): a GET form that works without JavaScript."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from koers.web.reports.period import Period, PeriodError, last_month, parse_period
from koers.web.reports.queries import NOT_REACHED_DAYS

MONTHS_BACK = 13
QUARTERS_BACK = 5


def period_choices(today: datetime.date) -> list[tuple[str, str]]:
    """This month and the twelve before it, then this quarter and the four before it."""
    month = parse_period(f"{today:%Y-%m}")
    months = []
    for _step in range(MONTHS_BACK):
        months.append((month.code, date_format(month.starts, "F Y")))
        month = last_month(month.starts)
    quarter = (today.month - 1) // 3
    quarters = []
    for back in range(QUARTERS_BACK):
        index = today.year * 4 + quarter - back
        code = f"{index // 4}-Q{index % 4 + 1}"
        quarters.append(
            (code, str(_("quarter %(q)s %(year)s") % {"q": index % 4 + 1, "year": index // 4}))
        )
    return months + quarters


class ReportForm(forms.Form):
    """``teams`` for an admin's choice of team; ``parties`` (pk, name) for a party's report."""

    period = forms.CharField(label=_("Period"), max_length=20)
    opdrachtgever = forms.TypedChoiceField(label=_("Commissioning party"), coerce=int)
    team = forms.ChoiceField(label=_("Team"), required=False)
    days = forms.IntegerField(
        label=_("Not reached for (days)"), min_value=1, max_value=365, initial=NOT_REACHED_DAYS
    )

    def __init__(
        self,
        *args: Any,
        today: datetime.date,
        teams: list[str],
        parties: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = period_choices(today)
        asked = self.data.get("period", "")
        if asked and asked not in dict(choices):
            choices.insert(0, (asked, asked))
        self.fields["period"].widget = forms.Select(choices=choices)
        if teams:
            team = self.fields["team"]
            assert isinstance(team, forms.ChoiceField)
            team.choices = [("", _("the whole organisation")), *((name, name) for name in teams)]
        else:
            del self.fields["team"]
        if parties is None:
            del self.fields["opdrachtgever"]
        else:
            party = self.fields["opdrachtgever"]
            assert isinstance(party, forms.TypedChoiceField)
            party.choices = parties

    def clean_period(self) -> Period:
        try:
            return parse_period(self.cleaned_data["period"])
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
