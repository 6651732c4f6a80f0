"""The forms of the plan editor: one per section, each carrying the plan version it started from.

ESCO occupations and skills are found by name with a plain GET search on the editor; the
search words travel along in a hidden ``query`` field, so that the POST checks the choice
against the same list the coach saw (no JavaScript needed).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.renderers import BaseRenderer
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from koers import knowledge
from koers.web.clients.models import Traject
from koers.web.common import presenters
from koers.web.common.form_renderer import grouped_radio_html
from koers.web.common.forms import DateInput, NoBsnMixin, choice_field
from koers.web.common.search_text import MAX_QUERY, search_text
from koers.web.explorer.reflection import QUESTIONS, question_fields
from koers.web.plans.choices import ActionOwner, DirectionKind, SkillSource
from koers.web.plans.models import OWN_WORDS, OWN_WORDS_MAX, Plan
from koers.web.plans.reflection import answers_of
from koers.web.training.forms.catalogue import EscoSkills
from koers.web.training.models import Application, Course

MATCHES = 8


def occupation_matches(query: str) -> list[tuple[str, str]]:
    """(URI, label) of the occupations found for a job title, in the page's language."""
    if not query:
        return []
    found = knowledge.found(query, presenters.esco_language(), MATCHES)
    return [(match.uri, match.label) for match in found]


def skill_matches(query: str) -> list[tuple[str, str]]:
    """(URI, label) of the skills found by name (skill groups are not a skill one has)."""
    if not query:
        return []
    found = EscoSkills().search(query, limit=MATCHES * 2)
    return [(match.uri, match.label) for match in found if not match.is_group][:MATCHES]


class GroupedRadioSelect(forms.RadioSelect):
    """Radio buttons in groups, each group a fieldset with its name as the legend."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        return grouped_radio_html(self.get_context(name, value, attrs)["widget"])


class VersionedForm(NoBsnMixin, forms.Form):
    """Every editor form names the plan version it was shown with (a conflict check)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.fields["version"].initial = plan.version

    def values(self) -> dict[str, Any]:
        """What the change takes (the version goes separately)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class SearchedForm(VersionedForm):
    """A form whose choice (``uri``) comes from a search: the words are posted along."""

    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_QUERY)

    def __init__(self, *args: Any, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            query = search_text(self.data.get(self.add_prefix("query"), ""))
        self.fields["query"].initial = query
        choice_field(self, "uri").choices = self.matches(query)

    def matches(self, query: str) -> list[tuple[str, str]]:
        raise NotImplementedError


class OccupationForm(SearchedForm):
    uri = forms.ChoiceField(label=_("Occupation held"), widget=forms.RadioSelect)
    years = forms.IntegerField(
        label=_("Years in this work"), min_value=0, max_value=60, required=False
    )

    def matches(self, query: str) -> list[tuple[str, str]]:
        return occupation_matches(query)

    def values(self) -> dict[str, Any]:
        return {"occupation_uri": self.cleaned_data["uri"], "years": self.cleaned_data["years"]}


class SkillForm(SearchedForm):
    uri = forms.ChoiceField(label=_("Skill"), widget=forms.RadioSelect)
    source = forms.ChoiceField(
        label=_("Learned in"), choices=SkillSource.choices, widget=forms.RadioSelect
    )
    own_words = forms.CharField(
        label=_("In their own words"),
        max_length=300,
        required=False,
        help_text=_("For example: “I run the canteen of the football club”."),
    )

    def matches(self, query: str) -> list[tuple[str, str]]:
        return skill_matches(query)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"skill_uri": data["uri"], "source": data["source"], "own_words": data["own_words"]}


class TextsForm(VersionedForm):
    """The plan's own words, in three parts that each save alone: where the person stands
    (``standing``), what matters to them (``reflection``) and the notes (``notes``)."""

    PARTS = ("standing", "reflection", "notes")

    def __init__(self, *args: Any, part: str, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, plan=plan, **kwargs)
        self.part = part
        answers = plan.answers if plan is not None else {}
        if part == "standing":
            self.fields["standing"] = forms.CharField(
                label=_("Where I stand, in my own words"),
                max_length=4000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Situation, work and what the person can do, as they say it."),
            )
        elif part == "reflection":
            self.fields.update(question_fields(answers))
            self.fields[OWN_WORDS] = forms.CharField(
                label=_("What matters to me, in my own words"),
                max_length=OWN_WORDS_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answers.get(OWN_WORDS, ""),
            )
        elif part == "notes":
            self.fields["client_notes"] = forms.CharField(
                label=_("Notes for the client"),
                max_length=4000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("The client reads these on the plan."),
            )
            self.fields["coach_notes"] = forms.CharField(
                label=_("Notes for the coach (stay in Koers)"),
                max_length=4000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_(
                    "Never on the printed plan, the client's link or to a commissioning party."
                ),
            )
        else:
            raise ValueError(f"unknown part of the plan: {part}")
        if plan is not None:
            for name in ("standing", "client_notes", "coach_notes"):
                if name in self.fields:
                    self.fields[name].initial = getattr(plan, name)

    def values(self) -> dict[str, Any]:
        """What ``update_plan`` takes for this part. Unanswered questions are left out, as the
        explorer leaves them out, so that saving an untouched form changes nothing."""
        data = self.cleaned_data
        if self.part != "reflection":
            return {name: data[name] for name in self.fields if name != "version"}
        reflection: dict[str, Any] = {key: data[key] for key in QUESTIONS if data[key]}
        if data[OWN_WORDS]:
            reflection[OWN_WORDS] = data[OWN_WORDS]
        return {"reflection": reflection}


class DirectionForm(VersionedForm):
    """A direction: a personal transition chosen (new or temporary), or staying, differently."""

    kind = forms.ChoiceField(choices=DirectionKind.choices, widget=forms.HiddenInput)
    occupation = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    why = forms.CharField(label=_("Why it fits, in own words"), max_length=2000, required=False)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"kind": data["kind"], "occupation_uri": data["occupation"], "why": data["why"]}


class LinksForm(VersionedForm):
    """A course from the catalogue and a training application of this client (both optional):
    what a learning step links to."""

    course = forms.ModelChoiceField(
        label=_("Course from the catalogue"),
        queryset=Course.objects.filter(active=True),
        required=False,
    )
    application = forms.ModelChoiceField(
        label=_("Training application of this client"),
        queryset=Application.objects.none(),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        courses: list[tuple[str, list[tuple[int, str]]]],
        applications: QuerySet[Application],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "course").choices = [("", _("No course yet")), *courses]
        application = self.fields["application"]
        assert isinstance(application, forms.ModelChoiceField)
        application.queryset = applications
        # The choices once, from the applications as given: a page with a form per learning
        # step then reads them once (a ModelChoiceField asks its queryset again per render).
        application.choices = [
            ("", _("No application")),
            *((row.pk, application.label_from_instance(row)) for row in applications),
        ]

    def values(self) -> dict[str, Any]:
        return {
            "course": self.cleaned_data["course"],
            "application": self.cleaned_data["application"],
        }


class StepForm(LinksForm):
    """A learning step for one direction: a skill from its gap (for staying in the own work:
    a skill found by name), a course, and a training application of this client."""

    direction = forms.IntegerField(widget=forms.HiddenInput)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_QUERY)
    skill = forms.ChoiceField(label=_("Skill to learn"), widget=GroupedRadioSelect)
    field_order = ["version", "direction", "query", "skill", "course", "application"]

    def __init__(self, *args: Any, skills: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "skill").choices = skills

    def values(self) -> dict[str, Any]:
        return {"skill_uri": self.cleaned_data["skill"], **super().values()}


class LinkForm(LinksForm):
    """Link a learning step to a course and a training application (or unlink: none chosen)."""

    step = forms.IntegerField(widget=forms.HiddenInput)


class ActionForm(VersionedForm):
    what = forms.CharField(label=_("What"), max_length=300)
    who = forms.ChoiceField(label=_("Who"), choices=ActionOwner.choices, widget=forms.RadioSelect)
    due_on = forms.DateField(label=_("By when"), required=False, widget=DateInput)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"what": data["what"], "who": data["who"], "due_on": data["due_on"]}


class ItemForm(VersionedForm):
    """One item of the plan by its number: to remove, or an action to mark done."""

    KINDS = ("occupation", "skill", "direction", "step", "action")

    kind = forms.ChoiceField(choices=[(kind, kind) for kind in KINDS], widget=forms.HiddenInput)
    item = forms.IntegerField(widget=forms.HiddenInput)


class ReflectionCodeForm(VersionedForm):
    """The code the person reads out from the explorer: its ticked boxes go into the plan."""

    answers: dict[str, list[str]]

    code = forms.CharField(
        label=_("Code from the explorer"),
        max_length=20,
        help_text=_(
            "The code under the answers in the explorer, like PRT-4679. The person's own words "
            "are not in it: ask about them."
        ),
    )

    def clean_code(self) -> str:
        """Refused here already, so that a wrong code shows at once; the action checks again."""
        code: str = self.cleaned_data["code"]
        try:
            self.answers = answers_of(code)
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["code"]) from None
        return code


class PartyChoiceField(forms.ModelChoiceField[Traject]):
    """A traject named by its commissioning party and start."""

    def label_from_instance(self, obj: Traject) -> str:
        return _("%(party)s (traject from %(starts)s)") % {
            "party": obj.opdrachtgever.name,
            "starts": date_format(obj.starts),
        }


class ShareForm(VersionedForm):
    """Send the version shown to the commissioning party of one of the client's trajecten.

    ``version`` is the version the coach saw and the button names: exactly that one goes,
    whatever was saved since (a version never changes)."""

    traject = PartyChoiceField(
        queryset=Traject.objects.none(),
        label=_("Send to"),
        empty_label=None,
    )
    note = forms.CharField(label=_("Note for the file (not sent)"), max_length=300, required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, plan=plan, **kwargs)
        field = self.fields["traject"]
        assert isinstance(field, PartyChoiceField)
        # Every traject of this client: one without consent gets the action's reason why not.
        field.queryset = plan.client.trajecten.select_related("opdrachtgever").order_by("-starts")


class AnswerForm(forms.Form):
    """The client's answer on their private link: agree, or say what they would change."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    answer = forms.ChoiceField(choices=[("agree", "agree"), ("change", "change")])
    comment = forms.CharField(
        label=_("I want this to be different"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "aria-describedby": "comment-hint"}),
    )
