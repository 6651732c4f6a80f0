"""Forms of an application: its details, its funding lines (a formset) and a status step."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.db import models
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from koers.web.clients.models import Client, Traject
from koers.web.common.conflicts import VersionedForm
from koers.web.common.forms import DATE_ERRORS, DateInput, NoBsnMixin, choice_field
from koers.web.training.actions import LINE_FIELDS
from koers.web.training.choices import STATUS_STEPS, ApplicationStatus
from koers.web.training.inputs import ApplicationValues, FundingLineValues
from koers.web.training.models import Application, FundingLine, Scheme, Window

# Before a decision nothing is granted or paid yet, so those amounts are not asked for.
UNDECIDED = frozenset(
    {ApplicationStatus.IDEA, ApplicationStatus.SUBMITTED, ApplicationStatus.WAITING_LIST}
)
AMOUNT: dict[str, Any] = {"max_digits": 9, "decimal_places": 2, "min_value": 0, "required": False}


class ApplicationForm(NoBsnMixin, forms.ModelForm[Application]):
    """What the coach fills in about the course and the application (funding lines apart)."""

    class Meta:
        model = Application
        fields = (
            "course",
            "target_uri",
            "course_title",
            "provider",
            "cost",
            "applicant",
            "reference",
            "study_cost_clause",
            "latest_start_on",
            "completion_on",
            "claim_on",
            "note",
        )
        widgets: ClassVar[dict[str, Any]] = {
            "course": forms.HiddenInput,
            "target_uri": forms.HiddenInput,
            "latest_start_on": DateInput,
            "completion_on": DateInput,
            "claim_on": DateInput,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages: ClassVar[dict[str, Any]] = {
            "latest_start_on": DATE_ERRORS,
            "completion_on": DATE_ERRORS,
            "claim_on": DATE_ERRORS,
        }
        help_texts: ClassVar[dict[str, Any]] = {
            "study_cost_clause": _(
                "The employer's contract makes the participant repay the cost when leaving early."
            ),
        }

    def values(self) -> ApplicationValues:
        """What the actions take."""
        data = self.cleaned_data
        return ApplicationValues(
            course=data["course"],
            target_uri=data["target_uri"],
            course_title=data["course_title"],
            provider=data["provider"],
            cost=data["cost"],
            applicant=data["applicant"],
            reference=data["reference"],
            study_cost_clause=data["study_cost_clause"],
            latest_start_on=data["latest_start_on"],
            completion_on=data["completion_on"],
            claim_on=data["claim_on"],
            note=data["note"],
        )


class NewApplicationForm(ApplicationForm):
    """A new application: also which of the client's open trajecten it falls under."""

    traject: forms.ModelChoiceField[Traject] = forms.ModelChoiceField(
        label=_("Traject"), queryset=None, empty_label=_("Choose a traject")
    )
    field_order = ("traject",)

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        traject = self.fields["traject"]
        assert isinstance(traject, forms.ModelChoiceField)
        traject.queryset = client.trajecten.open().select_related("opdrachtgever")
        self.open_trajecten = list(traject.queryset)
        if len(self.open_trajecten) == 1:
            traject.initial = self.open_trajecten[0].pk


class ApplicationEditForm(VersionedForm, ApplicationForm):
    """An existing application, saved with optimistic locking; its funding lines are merged
    as one value on the conflict page."""

    def snapshot_values(self, row: models.Model) -> dict[str, Any]:
        assert isinstance(row, Application)
        return {**super().snapshot_values(row), "lines": plain_lines(row.lines.all())}


def plain_lines(lines: Iterable[FundingLine | Mapping[str, Any]]) -> list[list[str]]:
    """Funding lines, from the database or the form, in one comparable form (pks, amounts)."""

    def plain(value: Any) -> str:
        if isinstance(value, models.Model):
            return str(value.pk)
        if isinstance(value, Decimal):
            return str(value.normalize())
        return "" if value is None else str(value)

    return [
        [
            plain(line.get(name) if isinstance(line, Mapping) else getattr(line, name))
            for name in LINE_FIELDS
        ]
        for line in lines
    ]


def describe_lines(lines: Iterable[FundingLine | Mapping[str, Any]]) -> str:
    """Funding lines as the coach reads them: "NL leert door: € 900 asked, € 800 granted"."""
    described = []
    for line in lines:
        values = line if isinstance(line, Mapping) else {n: getattr(line, n) for n in LINE_FIELDS}
        amounts = [
            _("€ %(amount)s %(what)s") % {"amount": values[name], "what": what}
            for name, what in (
                ("asked", _("asked")),
                ("granted", _("granted")),
                ("paid", _("paid")),
            )
            if values.get(name) is not None
        ]
        described.append(f"{values['scheme']}: {', '.join(amounts)}")
    return "; ".join(described) or "—"


class WindowChoiceField(forms.ModelChoiceField[Window]):
    def label_from_instance(self, obj: Window) -> str:
        return _("%(scheme)s: %(window)s (%(opens)s to %(closes)s)") % {
            "scheme": obj.scheme.name,
            "window": obj.label,
            "opens": date_format(obj.opens_on),
            "closes": date_format(obj.closes_on),
        }


def _windows_to_offer(
    *, today: datetime.date, scheme: int | None, keep: int | None
) -> QuerySet[Window]:
    """The chosen scheme's open windows (every scheme's in use while none is chosen), and
    ``keep``, the window already chosen, even when it has closed (the form warns then)."""
    offered = Q(opens_on__lte=today, closes_on__gte=today, scheme__active=True)
    if keep is not None:
        offered |= Q(pk=keep)
    windows = Window.objects.filter(offered).select_related("scheme")
    if scheme is not None:
        windows = windows.filter(scheme_id=scheme)
    return windows.order_by("scheme__name", "opens_on")


def _pk_of(value: object) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() else None


class FundingLineForm(forms.Form):
    """One scheme that pays; a row left empty is ignored."""

    scheme: forms.ModelChoiceField[Scheme] = forms.ModelChoiceField(
        label=_("Scheme"), queryset=None, required=False
    )
    window = WindowChoiceField(
        label=_("Window"),
        queryset=None,
        required=False,
        empty_label=_("no window"),
        error_messages={
            "invalid_choice": _("Choose a window of the chosen scheme (refresh the windows).")
        },
    )
    asked = forms.DecimalField(label=_("Asked (euros)"), **AMOUNT)
    granted = forms.DecimalField(label=_("Granted (euros)"), **AMOUNT)
    paid = forms.DecimalField(label=_("Paid (euros)"), **AMOUNT)

    def __init__(
        self,
        *args: Any,
        amounts: bool,
        schemes: QuerySet[Scheme],
        today: datetime.date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        scheme = self.fields["scheme"]
        window = self.fields["window"]
        assert isinstance(scheme, forms.ModelChoiceField)
        assert isinstance(window, forms.ModelChoiceField)
        scheme.queryset = schemes
        window.queryset = _windows_to_offer(
            today=today, scheme=_pk_of(self["scheme"].value()), keep=_pk_of(self["window"].value())
        )
        if not amounts:
            del self.fields["granted"], self.fields["paid"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if all(cleaned.get(name) in (None, "") for name in LINE_FIELDS):
            return cleaned
        if not cleaned.get("scheme"):
            self.add_error("scheme", _("Choose the scheme, or empty the whole row."))
        if cleaned.get("asked") is None:
            self.add_error("asked", _("Give the amount asked, or empty the whole row."))
        return cleaned

    def line(self) -> FundingLineValues | None:
        """The line as the actions take it; None for an empty or removed row."""
        data = self.cleaned_data
        if data.get("DELETE") or not data.get("scheme"):
            return None
        return FundingLineValues(
            scheme=data["scheme"],
            window=data.get("window"),
            asked=data["asked"],
            granted=data.get("granted"),
            paid=data.get("paid"),
        )


class BaseFundingLines(forms.BaseFormSet[FundingLineForm]):
    """The funding lines of one application; problems across lines are shown above them."""

    def add_fields(self, form: FundingLineForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this line")

    def add_problems(self, problems: list[str]) -> None:
        self.full_clean()
        self._non_form_errors = self.error_class(problems, error_class="nonform")

    def lines(self) -> list[FundingLineValues]:
        return [line for form in self.forms if (line := form.line()) is not None]


FundingLines = forms.formset_factory(
    FundingLineForm,
    formset=BaseFundingLines,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
)


def funding_lines(
    data: Any,
    *,
    application: Application | None = None,
    amounts: bool = False,
    typed: list[dict[str, str]] | None = None,
) -> BaseFundingLines:
    """The formset, filled with ``application``'s lines (or the ``typed`` ones, shown again by
    the refresh step); granted and paid only if ``amounts``."""
    current = list(application.lines.all()) if application else []
    schemes = Scheme.objects.filter(Q(active=True) | Q(pk__in=[line.scheme_id for line in current]))
    initial: list[dict[str, Any]] = (
        typed
        if typed is not None
        else [
            {
                "scheme": line.scheme_id,
                "window": line.window_id,
                "asked": line.asked,
                "granted": line.granted,
                "paid": line.paid,
            }
            for line in current
        ]
    )
    formset = FundingLines(
        data,
        initial=initial,
        prefix="lines",
        form_kwargs={"amounts": amounts, "schemes": schemes, "today": timezone.localdate()},
    )
    assert isinstance(formset, BaseFundingLines)
    return formset


def typed_values(data: QueryDict) -> dict[str, Any]:
    """The application's fields as typed, to show again without checking them (refresh)."""
    return {**data.dict(), "study_cost_clause": "study_cost_clause" in data}


def typed_lines(data: QueryDict) -> list[dict[str, str]]:
    """The funding lines as typed, leaving out empty and removed rows (refresh)."""
    total = data.get("lines-TOTAL_FORMS", "")
    count = min(int(total), FundingLines.absolute_max) if total.isdigit() else 0
    rows = [
        (index, {name: data.get(f"lines-{index}-{name}", "") for name in LINE_FIELDS})
        for index in range(count)
    ]
    return [
        row for index, row in rows if any(row.values()) and not data.get(f"lines-{index}-DELETE")
    ]


class StatusForm(NoBsnMixin, forms.Form):
    """One step along the workflow, dated; only the steps allowed from here are offered."""

    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    on = forms.DateField(label=_("Date"), widget=DateInput, error_messages=DATE_ERRORS)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "status").choices = [
            (step, ApplicationStatus(step).label) for step in STATUS_STEPS[application.status]
        ]
        self.fields["on"].initial = timezone.localdate()
