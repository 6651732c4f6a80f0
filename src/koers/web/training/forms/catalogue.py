"""Forms of the catalogue: schemes and their windows, courses with the ESCO skills they teach."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from koers import knowledge
from koers.taxonomy import SnapshotError
from koers.taxonomy.skill_search import SkillIndex
from koers.web.common import presenters
from koers.web.common.forms import (
    DATE_ERRORS,
    CsvFileField,
    DateInput,
    NoBsnMixin,
    choice_field,
)
from koers.web.common.search_text import search_text
from koers.web.training.choices import Applicant, CourseForm
from koers.web.training.models import Course, Scheme, Window

SKILL_MATCHES = 10


@dataclass(frozen=True, slots=True)
class SkillLabel:
    """An ESCO skill or skill group as people read it; unknown URIs are shown as they are."""

    uri: str
    label: str
    is_group: bool = False
    known: bool = True
    lang: str = ""
    """The language of ``label`` when known (search results), so a page can mark English."""

    def __str__(self) -> str:
        if not self.known:
            return f"{self.uri} ({_('not found in the ESCO data')})"
        if self.is_group:
            return f"{self.label} ({_('skill group')})"
        return self.label


class EscoSkills:
    """Look-ups of ESCO skills and skill groups in one language; empty without a knowledge base."""

    def __init__(self, language: str | None = None) -> None:
        self.language = language or presenters.esco_language()

    @cached_property
    def _uris(self) -> tuple[frozenset[str], frozenset[str]] | None:
        """(skill URIs, skill-group URIs), or None when the ESCO data is not imported."""
        try:
            taxonomy = knowledge.taxonomy()
        except SnapshotError:
            return None
        return frozenset(taxonomy.skill_index), frozenset(taxonomy.skill_group_by_uri)

    @cached_property
    def _index(self) -> SkillIndex | None:
        return knowledge.skill_index(self.language) if self.available else None

    @property
    def available(self) -> bool:
        return self._uris is not None

    def known(self, uri: str) -> bool:
        uris = self._uris
        return uris is not None and (uri in uris[0] or uri in uris[1])

    def label(self, uri: str) -> SkillLabel:
        index, uris = self._index, self._uris
        found = index.label_of(uri) if index is not None else None
        if found is None or uris is None:
            return SkillLabel(uri, uri, known=False)
        return SkillLabel(uri, found, is_group=uri in uris[1])

    def labels(self, uris: Iterable[str]) -> list[SkillLabel]:
        return [self.label(uri) for uri in uris]

    def search(self, query: str, *, limit: int = SKILL_MATCHES) -> list[SkillLabel]:
        if self._index is None:
            return []
        return [
            SkillLabel(match.uri, match.label, is_group=match.is_group, lang=match.lang)
            for match in self._index.search(query, limit=limit)
        ]


class SchemeForm(NoBsnMixin, forms.ModelForm[Scheme]):
    applicants = forms.MultipleChoiceField(
        label=_("Who applies"),
        choices=Applicant.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line."),
    )

    class Meta:
        model = Scheme
        fields = (
            "name",
            "financier",
            "financier_kind",
            "applicants",
            "max_amount",
            "maximum_note",
            "conditions",
            "links",
            "active",
        )
        widgets: ClassVar[dict[str, Any]] = {"conditions": forms.Textarea(attrs={"rows": 4})}
        help_texts: ClassVar[dict[str, Any]] = {
            "maximum_note": _("For example “€ 1,000 per person per year”."),
            "active": _("Schemes no longer in use stay on applications that used them."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["links"] = "\n".join(self.instance.links)

    def clean_links(self) -> list[str]:
        """One URL per line, each checked; stored as a list."""
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        check = URLValidator()
        wrong = []
        for link in links:
            try:
                check(link)
            except ValidationError:
                wrong.append(link)
        if wrong:
            raise ValidationError(
                [
                    _("“%(link)s” is not a web address; start it with https://.") % {"link": link}
                    for link in wrong
                ]
            )
        return list(dict.fromkeys(links))


class WindowForm(NoBsnMixin, forms.ModelForm[Window]):
    class Meta:
        model = Window
        fields = ("label", "opens_on", "closes_on", "max_amount", "note")
        widgets: ClassVar[dict[str, Any]] = {"opens_on": DateInput, "closes_on": DateInput}
        error_messages: ClassVar[dict[str, Any]] = {
            "opens_on": DATE_ERRORS,
            "closes_on": DATE_ERRORS,
        }
        help_texts: ClassVar[dict[str, Any]] = {
            "label": _("For example “2027” or “Spring 2027”."),
            "max_amount": _("Only when it differs from the scheme's maximum."),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on",
                _("The window cannot close before it opens (%(date)s).")
                % {"date": date_format(opens, "SHORT_DATE_FORMAT")},
            )
        return cleaned


class CourseEditForm(NoBsnMixin, forms.ModelForm[Course]):
    """A course; its skills are found by name and kept as checked boxes across searches."""

    skill_query = forms.CharField(
        label=_("Find a skill or skill group"),
        max_length=100,
        required=False,
        help_text=_("Type a word, then choose “Find”. Check what the course teaches."),
    )
    link = forms.URLField(label=_("Link"), max_length=200, required=False, assume_scheme="https")
    skills = forms.MultipleChoiceField(
        label=_("Skills it teaches"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Checked skills and skill groups are saved with the course."),
    )

    class Meta:
        model = Course
        fields = (
            "title",
            "provider",
            "price",
            "duration",
            "form",
            "link",
            "description",
            "skills",
            "active",
        )
        widgets: ClassVar[dict[str, Any]] = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts: ClassVar[dict[str, Any]] = {
            "duration": _("In words, for example “10 weeks, 1 evening a week”."),
            "active": _("Uncheck to take the course out of the catalogue."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.esco = EscoSkills()
        saved: list[str] = list(self.instance.skills)
        chosen = saved
        self.query = ""
        if self.is_bound:
            posted = self.fields["skills"].widget.value_from_datadict(
                self.data, self.files, self.add_prefix("skills")
            )
            chosen = [uri for uri in dict.fromkeys(posted) if uri in saved or self.esco.known(uri)]
            self.query = search_text(self.data.get(self.add_prefix("skill_query"), ""))
        self.matches = (
            [match for match in self.esco.search(self.query) if match.uri not in chosen]
            if self.query
            else []
        )
        options = [*self.esco.labels(chosen), *self.matches]
        choice_field(self, "skills").choices = [(skill.uri, str(skill)) for skill in options]

    def keep_skill_errors_only(self) -> None:
        """While finding skills, the rest of the form is not judged yet."""
        self.is_valid()
        for name in list(self.errors):
            if not name.startswith("skill"):
                del self.errors[name]
        if not self.esco.available:
            self.add_error("skill_query", _("The ESCO data is not imported yet."))
        elif not self.query:
            self.add_error("skill_query", _("Type a word to find."))
        elif not self.matches:
            self.add_error("skill_query", _("No new skill or skill group found. Try other words."))


class CourseFilterForm(forms.Form):
    q = forms.CharField(label=_("Title or provider"), max_length=100, required=False)
    form = forms.ChoiceField(label=_("Form"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "form").choices = [("", _("all")), *CourseForm.choices]


class CourseImportForm(forms.Form):
    file = CsvFileField(label=_("Course file (CSV)"))
