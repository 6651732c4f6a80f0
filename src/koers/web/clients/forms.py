"""Forms of the client file; saving goes through actions.py, never form.save()."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers import knowledge
from koers.taxonomy.sectors import SECTORS
from koers.web.accounts.forms import PersonField
from koers.web.accounts.models import User
from koers.web.clients.choices import (
    TRAJECT_STEPS,
    CallTime,
    ContactOutcome,
    Outcome,
    Situation,
    SupportReason,
    TrajectStatus,
    Urgency,
)
from koers.web.clients.inputs import ClientValues, ContactValues, TrajectValues
from koers.web.clients.models import Afspraak, Client, Consent, Contact, Opdrachtgever, Traject
from koers.web.clients.queries import CaseloadFilters
from koers.web.common import presenters
from koers.web.common.conflicts import VersionedForm
from koers.web.common.forms import (
    DateInput,
    DateTimeInput,
    NoBsnMixin,
    SubmitTokenField,
    choice_field,
)

OCCUPATION_MATCHES = 6
OCCUPATION_QUERY_MAX = 100


def check_callback_time(form: forms.BaseForm, cleaned: dict[str, Any]) -> None:
    """A call-back appointment needs its date and time (the database refuses one without)."""
    if cleaned.get("outcome") == ContactOutcome.CALLBACK and not cleaned.get("callback_at"):
        form.add_error("callback_at", _("Give the date and time of the call-back."))


class ClientForm(NoBsnMixin, VersionedForm, forms.ModelForm[Client]):
    """The client's details; the current occupation is chosen with the job-title search."""

    call_times = forms.MultipleChoiceField(
        label=_("Best times to call"),
        choices=CallTime.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    support_reasons = forms.MultipleChoiceField(
        label=_("Reasons for extra support"),
        choices=SupportReason.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    occupation_query = forms.CharField(
        label=_("Current occupation"),
        max_length=OCCUPATION_QUERY_MAX,
        required=False,
        help_text=_("Type a job title; then choose the right occupation from the list."),
    )
    occupation_uri = forms.ChoiceField(
        label=_("Choose the occupation"), required=False, widget=forms.RadioSelect
    )

    class Meta:
        model = Client
        fields = [
            "first_name",
            "last_name",
            "phone",
            "email",
            "call_times",
            "call_times_note",
            "channel",
            "language",
            "employer",
            "sector",
            "contract_type",
            "education_level",
            "situation",
            "question_type",
            "urgency",
            "digital_skills",
            "support_reasons",
            "notes",
        ]
        widgets = {
            "situation": forms.RadioSelect,
            "urgency": forms.RadioSelect,
            "question_type": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = presenters.esco_language()
        choice_field(self, "sector").choices = [("", "—")] + [
            (s.letter, f"{s.letter}: {s.name(language)}") for s in SECTORS
        ]
        self.fields["phone"].widget.attrs.update(autocomplete="off", inputmode="tel")
        self.fields["email"].widget.attrs.update(autocomplete="off")
        current = self.instance.occupation_uri if self.instance.pk else ""
        # Cut as the field will (a longer text is refused there) before the search keeps it.
        raw = str(self.data.get("occupation_query", ""))[:OCCUPATION_QUERY_MAX]
        query = raw.strip() if self.is_bound else ""
        choices: list[tuple[str, str]] = []
        taxonomy = knowledge.taxonomy()
        if current:
            try:
                label = taxonomy.occupation(current).label(language)
            except KeyError:
                label = current
            choices.append((current, label))
            self.fields["occupation_uri"].initial = current
        if query:
            for match in knowledge.found(query, language, OCCUPATION_MATCHES):
                if match.uri != current:
                    choices.append((match.uri, match.label))
        self.occupation_choices = choices
        choice_field(self, "occupation_uri").choices = [("", _("No occupation")), *choices]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        query = cleaned.get("occupation_query", "")
        chosen = cleaned.get("occupation_uri", "")
        if query and not chosen:
            options = self.occupation_choices
            exact = [uri for uri, label in options if uri and str(label).lower() == query.lower()]
            if len(exact) == 1:
                cleaned["occupation_uri"] = exact[0]
            elif options:
                self.add_error("occupation_uri", _("Choose the occupation from the list."))
            else:
                self.add_error("occupation_query", _("No occupation found. Try other words."))
        return cleaned

    def keep_occupation_errors_only(self) -> None:
        """While searching an occupation, the rest of the form is not judged yet."""
        self.is_valid()
        for name in list(self.errors):
            if not name.startswith("occupation"):
                del self.errors[name]

    def values(self) -> ClientValues:
        """What the actions take: the model fields plus the chosen occupation."""
        data = self.cleaned_data
        return ClientValues(
            first_name=data["first_name"],
            last_name=data["last_name"],
            phone=data["phone"],
            email=data["email"],
            call_times=data["call_times"],
            call_times_note=data["call_times_note"],
            channel=data["channel"],
            language=data["language"],
            employer=data["employer"],
            sector=data["sector"],
            contract_type=data["contract_type"],
            education_level=data["education_level"],
            situation=data["situation"],
            question_type=data["question_type"],
            urgency=data["urgency"],
            digital_skills=data["digital_skills"],
            support_reasons=data["support_reasons"],
            notes=data["notes"],
            occupation_uri=data.get("occupation_uri", ""),
        )


class ContactForm(NoBsnMixin, forms.ModelForm[Contact]):
    submit_token = SubmitTokenField()

    class Meta:
        model = Contact
        fields = [
            "at",
            "channel",
            "with_whom",
            "outcome",
            "callback_at",
            "minutes",
            "traject",
            "situation_after",
            "urgency_after",
            "summary",
            "next_action",
            "next_action_on",
            "shareable",
        ]
        widgets = {
            "at": DateTimeInput,
            "callback_at": DateTimeInput,
            "next_action_on": DateInput,
            "outcome": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        traject_field = self.fields["traject"]
        assert isinstance(traject_field, forms.ModelChoiceField)
        traject_field.queryset = client.trajecten.exclude(
            status=TrajectStatus.CLOSED
        ).select_related("opdrachtgever")
        open_trajecten = list(traject_field.queryset)
        if len(open_trajecten) == 1:
            traject_field.initial = open_trajecten[0].pk
        choice_field(self, "situation_after").choices = [
            ("", _("unchanged")),
            *Situation.choices,
        ]
        choice_field(self, "urgency_after").choices = [("", _("unchanged")), *Urgency.choices]
        self.fields["at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        check_callback_time(self, cleaned)
        return cleaned

    def values(self) -> ContactValues:
        data = self.cleaned_data
        return ContactValues(
            at=data["at"],
            channel=data["channel"],
            with_whom=data["with_whom"],
            outcome=data["outcome"],
            callback_at=data["callback_at"],
            minutes=data["minutes"],
            traject=data["traject"],
            situation_after=data["situation_after"],
            urgency_after=data["urgency_after"],
            summary=data["summary"],
            next_action=data["next_action"],
            next_action_on=data["next_action_on"],
            shareable=data["shareable"],
        )


class TrajectForm(NoBsnMixin, VersionedForm, forms.ModelForm[Traject]):
    class Meta:
        model = Traject
        fields = [
            "opdrachtgever",
            "order_number",
            "afspraak",
            "budget_unit",
            "budget",
            "hourly_rate",
            "starts",
            "ends",
        ]
        widgets = {"starts": DateInput, "ends": DateInput}

    def values(self) -> TrajectValues:
        data = self.cleaned_data
        return TrajectValues(
            opdrachtgever=data["opdrachtgever"],
            order_number=data["order_number"],
            afspraak=data["afspraak"],
            budget_unit=data["budget_unit"],
            budget=data["budget"],
            hourly_rate=data["hourly_rate"],
            starts=data["starts"],
            ends=data["ends"],
        )


class TrajectStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)

    def __init__(self, *args: Any, traject: Traject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        steps = TRAJECT_STEPS[traject.status]
        choice_field(self, "status").choices = [(s, TrajectStatus(s).label) for s in steps]
        choice_field(self, "outcome").choices = [("", "—"), *Outcome.choices]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") == TrajectStatus.CLOSED and not cleaned.get("outcome"):
            self.add_error("outcome", _("Choose the outcome to close the traject."))
        return cleaned


class ConsentForm(NoBsnMixin, forms.ModelForm[Consent]):
    class Meta:
        model = Consent
        fields = ["recipient", "given_on", "expires_on", "note"]
        widgets = {"given_on": DateInput, "expires_on": DateInput}


class ReassignForm(forms.Form):
    coach = PersonField(label=_("New coach"), queryset=User.objects.none())

    def __init__(self, *args: Any, coaches: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        coach_field = self.fields["coach"]
        assert isinstance(coach_field, PersonField)
        coach_field.queryset = coaches


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    situation = forms.ChoiceField(label=_("Situation"), required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), required=False)
    status = forms.ChoiceField(label=_("Traject status"), required=False)
    opdrachtgever = forms.TypedChoiceField(
        label=_("Commissioning party"), required=False, coerce=int, empty_value=None
    )
    coach = forms.TypedChoiceField(label=_("Coach"), required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(
        self,
        *args: Any,
        opdrachtgevers: list[tuple[int, str]],
        coaches: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everyone: list[tuple[object, object]] = [("", _("all"))]
        choice_field(self, "situation").choices = everyone + list(Situation.choices)
        choice_field(self, "urgency").choices = everyone + list(Urgency.choices)
        choice_field(self, "status").choices = everyone + list(TrajectStatus.choices)
        choice_field(self, "opdrachtgever").choices = everyone + opdrachtgevers
        if coaches:
            choice_field(self, "coach").choices = everyone + coaches
        else:
            del self.fields["coach"]
        choice_field(self, "sort").choices = [
            ("name", _("name")),
            ("urgency", _("urgency, highest first")),
            ("last_contact", _("last contact, longest ago first")),
            ("-last_contact", _("last contact, most recent first")),
        ]

    def filters(self) -> CaseloadFilters:
        """The filters asked for (the page and the API read them so); none on invalid input."""
        if not self.is_valid():
            return CaseloadFilters()
        data = self.cleaned_data
        return CaseloadFilters(
            q=data["q"].strip(),
            situation=data["situation"],
            urgency=data["urgency"],
            status=data["status"],
            opdrachtgever=data["opdrachtgever"],
            coach=data.get("coach"),
            sort=data["sort"] or "name",
        )


class OpdrachtgeverForm(NoBsnMixin, forms.ModelForm[Opdrachtgever]):
    class Meta:
        model = Opdrachtgever
        fields = ["name", "kind", "retention_months"]


class AfspraakForm(NoBsnMixin, forms.ModelForm[Afspraak]):
    class Meta:
        model = Afspraak
        fields = [
            "name",
            "kind",
            "parties",
            "scope",
            "entitlement",
            "starts",
            "ends",
            "financier",
            "reporting",
        ]
        widgets = {
            "starts": DateInput,
            "ends": DateInput,
            "scope": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "reporting": _(
                "Koers never records union membership. By default only totals are reported."
            ),
        }
