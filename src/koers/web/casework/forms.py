"""The pause form (saving goes through pauses.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.web.clients.choices import PauseReason
from koers.web.common.forms import DateInput, NoBsnMixin


class PauseForm(NoBsnMixin, forms.Form):
    until = forms.DateField(label=_("Pause until"), widget=DateInput)
    reason = forms.ChoiceField(
        label=_("Reason"), choices=PauseReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    deadlines_confirmed = forms.BooleanField(
        label=_("Yes, pause anyway: I will take care of what falls due."), required=False
    )
