"""The public "Call me back" form and the forms of the intake queue; saving goes through
actions.py."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from koers.web.accounts.forms import PersonField
from koers.web.accounts.models import User
from koers.web.clients.choices import CallTime, Situation, Urgency
from koers.web.clients.inputs import ClientValues
from koers.web.common.bsn import refuse_bsn
from koers.web.common.forms import NoBsnMixin
from koers.web.explorer.short_code import InvalidCodeError, decode
from koers.web.intake.inputs import CallbackValues
from koers.web.intake.models import (
    NOTE_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    AttemptOutcome,
    BestTime,
    validate_phone,
)

# The honeypot: people never see this field (nor do screen readers); bots fill it in.
HONEYPOT = "website"


class CallbackForm(forms.Form):
    """First name, phone number, best time, and the result's code if the person wants."""

    first_name = forms.CharField(
        label=_("Your first name"),
        max_length=100,
        error_messages={"required": _("Fill in your first name.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=PHONE_MAX_LENGTH,
        error_messages={
            "required": _("Fill in your phone number."),
            "max_length": _("This phone number is too long."),
        },
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    best_time = forms.ChoiceField(
        label=_("When can we call you best?"),
        choices=BestTime.choices,
        initial=BestTime.ANY,
        widget=forms.RadioSelect,
    )
    send_code = forms.BooleanField(label=_("Send my code along"), required=False)
    short_code = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "callback-%s")
        super().__init__(*args, **kwargs)

    @property
    def is_from_a_bot(self) -> bool:
        """The honeypot was filled in: people cannot see it."""
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_first_name(self) -> str:
        value: str = self.cleaned_data["first_name"].strip()
        refuse_bsn(value)
        return value

    def clean_phone(self) -> str:
        value: str = self.cleaned_data["phone"].strip()
        refuse_bsn(value)
        validate_phone(value)
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        code = cleaned.get("short_code", "") or ""
        if not cleaned.get("send_code") or not code:
            cleaned["short_code"] = ""
            return cleaned
        try:
            decode(code)
        except InvalidCodeError:
            self.add_error("send_code", _("We could not read your code."))
        else:
            cleaned["short_code"] = code.strip().upper().replace(" ", "").replace("-", "")
        return cleaned

    def values(self) -> CallbackValues:
        """What the request stores."""
        data = self.cleaned_data
        return CallbackValues(
            first_name=data["first_name"],
            phone=data["phone"],
            best_time=data["best_time"],
            short_code=data["short_code"],
        )


class CoachWithCaseloadField(PersonField):
    """A coach by name, with how many clients she has and whether she is away (a cover)."""

    def label_from_instance(self, obj: User) -> str:
        # The annotations of queries.assignable_coaches.
        count: int = getattr(obj, "caseload", 0)
        away_until: datetime.date | None = getattr(obj, "away_until", None)
        label = ngettext("%(name)s · %(count)d client", "%(name)s · %(count)d clients", count) % {
            "name": obj.display_name,
            "count": count,
        }
        if away_until is not None:
            label += " · " + _("away until %(date)s") % {
                "date": date_format(away_until, "SHORT_DATE_FORMAT")
            }
        return label


class AssignForm(forms.Form):
    coach = CoachWithCaseloadField(label=_("Coach"), queryset=User.objects.none())

    def __init__(self, *args: Any, coaches: QuerySet[User], **kwargs: Any) -> None:
        """``coaches``: from ``queries.assignable_coaches`` (with caseload and away_until)."""
        super().__init__(*args, **kwargs)
        coach_field = self.fields["coach"]
        assert isinstance(coach_field, PersonField)
        coach_field.queryset = coaches


class ConvertForm(NoBsnMixin, forms.Form):
    """The few things a new client needs; the rest goes on the client's page later."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30)
    call_times = forms.MultipleChoiceField(
        label=_("Best times to call"),
        choices=CallTime.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    situation = forms.ChoiceField(
        label=_("Situation"), choices=Situation.choices, widget=forms.RadioSelect
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.MEDIUM,
        widget=forms.RadioSelect,
    )

    def values(self, *, occupation_uri: str = "") -> ClientValues:
        """The values for ``clients.actions.create_client``."""
        data = self.cleaned_data
        values = ClientValues(
            first_name=data["first_name"],
            last_name=data["last_name"],
            phone=data["phone"],
            call_times=data["call_times"],
            situation=data["situation"],
            urgency=data["urgency"],
        )
        if occupation_uri:
            values["occupation_uri"] = occupation_uri
        return values


class AttemptForm(NoBsnMixin, forms.Form):
    """A try to call back that did not end the request."""

    outcome = forms.ChoiceField(
        label=_("How did it go?"), choices=AttemptOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
