"""Forms of the calling round: starting one, and recording a call in a few keystrokes."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.web.clients.choices import ContactOutcome, PauseReason, Situation, Urgency
from koers.web.clients.forms import check_callback_time
from koers.web.clients.inputs import ContactValues
from koers.web.common.forms import (
    DateInput,
    DateTimeInput,
    NoBsnMixin,
    SubmitTokenField,
    choice_field,
)
from koers.web.rounds.models import CallScript, NoteTemplate

# The keys that choose an outcome or an urgency on the call screen (shown with each choice).
OUTCOME_KEYS = {
    ContactOutcome.REACHED: "1",
    ContactOutcome.NOT_REACHED: "2",
    ContactOutcome.VOICEMAIL: "3",
    ContactOutcome.MESSAGE: "4",
    ContactOutcome.CALLBACK: "5",
    ContactOutcome.WRONG_NUMBER: "6",
    ContactOutcome.WANTS_TO_STOP: "7",
}
URGENCY_KEYS = {Urgency.HIGH: "h", Urgency.MEDIUM: "m", Urgency.LOW: "l"}
# A call-back in one key: this afternoon, tomorrow morning, in a week (besides a time picker).
CALLBACK_KEYS = {"vanmiddag": "v", "morgenochtend": "o", "volgende_week": "w"}
AFTERNOON = datetime.time(14, 0)
MORNING = datetime.time(10, 0)


def quick_callback_at(when: str, *, now: datetime.datetime) -> datetime.datetime:
    """The moment of a one-key call-back: 14:00 today (or in an hour, rounded up to the
    quarter, once that has passed), 10:00 tomorrow, or 10:00 a week from today."""
    now = timezone.localtime(now)
    if when == "vanmiddag":
        later = now + datetime.timedelta(hours=1, minutes=14)
        in_an_hour = later.replace(minute=later.minute // 15 * 15, second=0, microsecond=0)
        return max(now.replace(hour=14, minute=0, second=0, microsecond=0), in_an_hour)
    days = 1 if when == "morgenochtend" else 7
    day = now.date() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, MORNING))


class StartRoundForm(forms.Form):
    title = forms.CharField(label=_("Name of the round"), max_length=120)
    opdrachtgever = forms.TypedChoiceField(
        label=_("Only clients of"), required=False, coerce=int, empty_value=None
    )
    situation = forms.ChoiceField(label=_("Only clients whose situation is"), required=False)
    urgency = forms.ChoiceField(label=_("Only urgency"), required=False)
    size = forms.IntegerField(
        label=_("Only the first to call"),
        help_text=_("For example 20: the round holds the 20 clients to call first today."),
        required=False,
        min_value=1,
        max_value=1000,
    )
    whole_team = forms.BooleanField(
        label=_("For the whole team: every coach calls their own clients"), required=False
    )
    script = forms.ModelChoiceField(
        label=_("Call script"),
        queryset=CallScript.objects.all(),
        required=False,
        empty_label=_("none"),
    )

    def __init__(
        self, *args: Any, opdrachtgevers: list[tuple[int, str]], team_lead: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["script"].initial = CallScript.objects.filter(is_default=True).first()
        everyone: list[tuple[object, object]] = [("", _("all"))]
        choice_field(self, "opdrachtgever").choices = everyone + opdrachtgevers
        choice_field(self, "situation").choices = everyone + list(Situation.choices)
        choice_field(self, "urgency").choices = everyone + list(Urgency.choices)
        self.fields["title"].initial = _("Calling round %(date)s") % {
            "date": timezone.localdate().strftime("%d-%m-%Y")
        }
        if not team_lead:
            del self.fields["whole_team"]


class CallForm(NoBsnMixin, forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    submit_token = SubmitTokenField()
    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect)
    urgency_after = forms.ChoiceField(
        label=_("Urgency now"), required=False, widget=forms.RadioSelect
    )
    situation_after = forms.ChoiceField(label=_("Situation now"), required=False)
    summary = forms.CharField(
        label=_("Short note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_action = forms.CharField(label=_("Next action"), required=False, max_length=300)
    next_action_on = forms.DateField(label=_("Next follow-up on"), required=False, widget=DateInput)
    callback_when = forms.ChoiceField(
        label=_("Call back"), required=False, widget=forms.RadioSelect
    )
    callback_at = forms.DateTimeField(
        label=_("Or call back at"), required=False, widget=DateTimeInput
    )
    minutes = forms.IntegerField(label=_("Minutes"), min_value=0, max_value=600, initial=5)
    pause_until = forms.DateField(
        label=_("Pause the client until"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty for no pause. The call is logged as well."),
    )
    pause_reason = forms.ChoiceField(
        label=_("Reason for the pause"),
        choices=[("", "—"), *PauseReason.choices],
        required=False,
    )
    pause_confirmed = forms.BooleanField(
        label=_("Yes, pause anyway: I will take care of what falls due."), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "outcome").choices = [
            (value, f"{OUTCOME_KEYS[ContactOutcome(value)]} · {label}")
            for value, label in ContactOutcome.choices
        ]
        choice_field(self, "urgency_after").choices = [
            ("", _("unchanged")),
            *(
                (value, f"{URGENCY_KEYS[Urgency(value)]} · {label}")
                for value, label in Urgency.choices
            ),
        ]
        choice_field(self, "situation_after").choices = [("", _("unchanged")), *Situation.choices]
        choice_field(self, "callback_when").choices = [
            ("", _("no call-back, or at the time below")),
            ("vanmiddag", f"v · {_('this afternoon')}"),
            ("morgenochtend", f"o · {_('tomorrow morning')}"),
            ("volgende_week", f"w · {_('in a week')}"),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        when = cleaned.get("callback_when")
        if when and not cleaned.get("callback_at"):
            cleaned["callback_at"] = quick_callback_at(when, now=timezone.now())
        check_callback_time(self, cleaned)
        if cleaned.get("pause_until") and not cleaned.get("pause_reason"):
            self.add_error("pause_reason", _("Choose why the client pauses."))
        return cleaned

    def contact_values(self) -> ContactValues:
        data = self.cleaned_data
        return {
            "at": timezone.now(),
            "channel": "telefoon",
            "outcome": data["outcome"],
            "urgency_after": data["urgency_after"] or "",
            "situation_after": data["situation_after"] or "",
            "summary": data["summary"],
            "next_action": data["next_action"],
            "next_action_on": data["next_action_on"],
            "callback_at": data["callback_at"],
            "minutes": data["minutes"] or 0,
        }


class CallScriptForm(forms.ModelForm[CallScript]):
    # Not a model field of the form: saving a script as the one offered first takes that from
    # the one before (actions.save_call_script), so the form must not refuse it as a second.
    is_default = forms.BooleanField(label=_("offered first for a new round"), required=False)

    class Meta:
        model = CallScript
        fields = ["name", "questions"]
        widgets = {"questions": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["is_default"].initial = self.instance.is_default

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.instance.is_default = bool(cleaned.get("is_default"))
        return cleaned


class NoteTemplateForm(forms.ModelForm[NoteTemplate]):
    class Meta:
        model = NoteTemplate
        fields = ["outcome", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
