"""{% url %} and |date with their answers kept give exactly what Django's own give."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
from django.template import Context, Engine, engines
from django.template.backends.django import DjangoTemplates
from django.urls import NoReverseMatch, clear_script_prefix, set_script_prefix
from django.utils import timezone, translation

from koers.web.common import template_builtins

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
MOMENT = datetime.datetime(2026, 11, 3, 23, 30, tzinfo=datetime.UTC)

LINKS = (
    "{% url 'casework:client' pk %}|{% url 'plans:version' pk 2 %}|{% url 'clients:caseload' %}"
    "|{% url 'casework:client' pk=pk %}|{% url view pk %}|{% url 'casework:client' word %}"
    "|{% url 'clients:caseload' as link %}[{{ link }}]|{% url 'nothing:here' as missing %}"
    "[{{ missing }}]|{% url 'plan_link' token %}"
)
DATES = (
    "{{ day|date:'j M Y' }}|{{ moment|date:'j M Y H:i' }}|{{ moment|date }}|{{ day|date }}"
    "|{{ naive|date:'c' }}|{{ none|date:'j M Y' }}|{{ text|date:'j M Y' }}|{{ at|date:'H:i' }}"
)


def both(source: str, values: dict[str, Any]) -> tuple[str, str]:
    """The text from the project's engine and from a plain Django engine."""
    project = engines["django"]
    assert isinstance(project, DjangoTemplates)
    ours = project.engine.from_string(source)
    django = Engine().from_string(source)
    return ours.render(Context(values)), django.render(Context(values))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_links_are_djangos_in_each_language(language: str) -> None:
    values = {"pk": 7, "view": "casework:client", "word": "12", "token": "a&b"}
    with translation.override(language):
        for _ in range(2):  # made, then given again
            ours, django = both(LINKS, values)
            assert ours == django
    assert ("/en/clienten/7/" in ours) == (language == "en")
    assert "a&amp;b" in ours


def test_a_link_with_plain_arguments_is_made_once() -> None:
    page = engines["django"].from_string("{% url 'casework:client' pk %}")
    page.render({"pk": 8})
    before = template_builtins.kept_link.cache_info().hits
    assert page.render({"pk": 8}) == "/clienten/8/"
    assert template_builtins.kept_link.cache_info().hits == before + 1


def test_a_link_follows_the_script_prefix() -> None:
    values = {"pk": 7}
    plain = engines["django"].from_string("{% url 'casework:client' pk %}").render(values)
    set_script_prefix("/koers/")
    try:
        moved = engines["django"].from_string("{% url 'casework:client' pk %}").render(values)
    finally:
        clear_script_prefix()
    assert (plain, moved) == ("/clienten/7/", "/koers/clienten/7/")


class Seven:
    def __str__(self) -> str:
        return "7"


def test_a_link_with_other_arguments_and_a_missing_one_behave_as_djangos() -> None:
    values = {"pk": Seven()}  # neither an int nor a str: made by Django's own tag every time
    ours, django = both("{% url 'casework:client' pk %}", values)
    assert ours == django == "/clienten/7/"
    with pytest.raises(NoReverseMatch):
        engines["django"].from_string("{% url 'nothing:here' %}").render({})


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("zone", [AMSTERDAM, NEW_YORK])
def test_dates_are_djangos_in_each_language_and_time_zone(
    language: str, zone: zoneinfo.ZoneInfo
) -> None:
    values = {
        "day": datetime.date(2026, 5, 1),
        "moment": MOMENT,
        "naive": datetime.datetime(2026, 5, 1, 8, 15),  # noqa: DTZ001 (a naive one on purpose)
        "none": None,
        "text": "",
        "at": datetime.time(9, 45),
    }
    with translation.override(language), timezone.override(zone):
        for _ in range(2):
            ours, django = both(DATES, values)
            assert ours == django
    assert ("mei" in ours) == (language == "nl")


def test_the_same_moment_in_two_zones_is_not_mixed_up() -> None:
    template = engines["django"].from_string("{{ moment|date:'j M H:i' }}")
    with translation.override("en"):
        with timezone.override(AMSTERDAM):
            amsterdam = template.render({"moment": MOMENT})
        with timezone.override(NEW_YORK):
            new_york = template.render({"moment": MOMENT})
    assert (amsterdam, new_york) == ("4 Nov 00:30", "3 Nov 18:30")
