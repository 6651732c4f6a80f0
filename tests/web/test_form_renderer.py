"""Koers renders Django's most used form templates in Python for speed; a coach must see
exactly the page Django's own templates would give, so every widget is rendered both ways."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from koers.web.common.form_renderer import FormRenderer
from koers.web.plans.forms import GroupedRadioSelect

REFERENCE = DjangoTemplates()
FAST = FormRenderer()

CHANNELS = [("phone", "Telefoon"), ("mail", "E-mail & <post>"), ("whatsapp", "WhatsApp")]
GROUPED = [
    ("Werk", [("1", "kapper"), ("2", "kok")]),
    ("Zorg", [("3", "verzorgende IG")]),
    ("4", "anders"),
]


class EveryWidgetForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=20, help_text=mark_safe("<em>roepnaam</em>")
    )
    email = forms.EmailField(
        required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    minutes = forms.IntegerField(min_value=0, initial=15)
    budget = forms.DecimalField(required=False, decimal_places=2)
    due = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, initial=3)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    agreed = forms.BooleanField(required=False)
    channel = forms.ChoiceField(choices=CHANNELS)
    channels = forms.MultipleChoiceField(
        choices=CHANNELS, widget=forms.CheckboxSelectMultiple, required=False
    )
    outcome = forms.ChoiceField(choices=CHANNELS, widget=forms.RadioSelect)
    occupation = forms.ChoiceField(choices=GROUPED, required=False)
    occupations = forms.MultipleChoiceField(choices=GROUPED, required=False)
    directions = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect, required=False)
    skills = forms.MultipleChoiceField(
        choices=GROUPED, widget=forms.CheckboxSelectMultiple, required=False
    )
    quiet = forms.CharField(label="", required=False, disabled=True, initial='a "quoted" <b>')
    year = forms.TypedChoiceField(choices=[(2025, 2025), (2026, 2026)], coerce=int)
    when = forms.DateField(initial=datetime.date(2026, 12, 2), show_hidden_initial=True)


def render_both(form_class: type[forms.Form], **kwargs: Any) -> list[tuple[str, str]]:
    pairs = []
    for renderer in (REFERENCE, FAST):
        form = form_class(renderer=renderer, **kwargs)
        form.is_valid()
        pieces = [str(form.as_div()), str(form.non_field_errors())]
        for field in form:
            pieces += [str(field.as_field_group()), str(field.label_tag()), str(field.errors)]
        pairs.append(pieces)
    return list(zip(*pairs, strict=True))


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {
            "name": "Sandra & <Co>" * 3,
            "email": "not an address",
            "minutes": "-4",
            "budget": "12,50",
            "due": "2026-13-40",
            "version": "3",
            "note": "Belt terug <na> vijven",
            "agreed": "on",
            "channel": "pigeon",
            "channels": ["mail", "phone"],
            "outcome": "mail",
            "occupation": "3",
            "occupations": ["1", "4"],
            "directions": "2",
            "skills": ["3"],
            "year": "2026",
            "when": "2026-12-03",
            "initial-when": "2026-12-02",
        },
    ],
    ids=["unbound", "empty", "filled"],
)
def test_it_renders_every_widget_as_djangos_templates_do(
    language: str, data: dict[str, Any] | None
) -> None:
    with override(language):
        for reference, fast in render_both(EveryWidgetForm, data=data):
            assert fast == reference


def test_it_puts_grouped_choices_in_fieldsets_named_by_their_group() -> None:
    html = GroupedRadioSelect(choices=GROUPED).render("skill", "3", {"id": "id_skill"})
    assert html.startswith('<div id="id_skill"><fieldset class="choice-group"><legend>Werk<')
    assert html.count("<fieldset") == 2
    assert '<label for="id_skill_0_0"><input type="radio" name="skill" value="1"' in html
    assert 'value="3" id="id_skill_1_0" checked> verzorgende IG</label>' in html
    assert html.endswith('value="4" id="id_skill_2"> anders</label></div>\n</div>')


def test_it_leaves_a_widget_with_its_own_option_template_to_django() -> None:
    class StarOption(forms.RadioSelect):
        option_template_name = "django/forms/widgets/input_option.html"

    class StarForm(forms.Form):
        stars = forms.ChoiceField(choices=CHANNELS, widget=StarOption)

    for reference, fast in render_both(StarForm, data={"stars": "phone"}):
        assert fast == reference
