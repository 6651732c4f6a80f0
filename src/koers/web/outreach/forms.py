"""Choosing a message, editing it before it goes, and keeping the templates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.web.clients.models import Client
from koers.web.common.forms import DateTimeInput, NoBsnMixin, SubmitTokenField, choice_field
from koers.web.outreach.channels import TEXT_MAX, channels_for
from koers.web.outreach.filling import MOMENT_NAMES, PLACEHOLDERS, names_in
from koers.web.outreach.models import MessageTemplate


class ChooseForm(forms.Form):
    """Which message, over which channel, and the appointment it names (if any)."""

    template = forms.ModelChoiceField(
        label=_("Message"), queryset=MessageTemplate.objects.filter(active=True), empty_label=None
    )
    channel = forms.ChoiceField(label=_("Channel"))
    moment = forms.DateTimeField(
        label=_("Date and time of the appointment"),
        required=False,
        widget=DateTimeInput,
        help_text=_("Only for a message that names them (a call-back or an appointment)."),
    )

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "channel").choices = [
            (channel.value, channel.label) for channel in channels_for(client)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        template = cleaned.get("template")
        if template is not None and cleaned.get("moment") is None:
            used = names_in(template.body_nl + template.subject_nl)
            used |= names_in(template.body_en + template.subject_en)
            if used & MOMENT_NAMES:
                self.add_error("moment", _("This message names the date and time: fill them in."))
        return cleaned


class MessageForm(NoBsnMixin, forms.Form):
    """The filled-in message, as the coach may still change it before it goes."""

    template = forms.ModelChoiceField(
        queryset=MessageTemplate.objects.all(), widget=forms.HiddenInput
    )
    channel = forms.CharField(widget=forms.HiddenInput, max_length=12)
    subject = forms.CharField(label=_("Subject"), max_length=150, required=False)
    text = forms.CharField(
        label=_("Text"),
        max_length=max(TEXT_MAX.values()),
        widget=forms.Textarea(attrs={"rows": 8}),
        strip=False,
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    submit_token = SubmitTokenField()


class TemplateForm(forms.ModelForm[MessageTemplate]):
    class Meta:
        model = MessageTemplate
        fields = ["key", "name", "subject_nl", "body_nl", "subject_en", "body_en", "active"]
        widgets = {
            "body_nl": forms.Textarea(attrs={"rows": 6}),
            "body_en": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        known = ", ".join(f"{{{name}}} ({words})" for name, words in PLACEHOLDERS.items())
        for name in ("body_nl", "body_en"):
            self.fields[name].help_text = _("You can use: %(known)s.") % {"known": known}
        if self.instance.pk:
            self.fields["key"].disabled = True
