"""Engine results in the words and shapes the explorer pages show (no HTML here)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from koers import knowledge
from koers.taxonomy.model import Occupation, Skill
from koers.taxonomy.vitality import Vitality

ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True, slots=True)
class SkillText:
    """A skill as shown: its label, the language of that label, and its group in ours."""

    label: str
    lang: str
    group: str


def esco_language() -> str:
    """The language to show ESCO labels in: the page's ("nl" or "en")."""
    return (get_language() or "nl").split("-")[0]


def occupation_id(occupation: Occupation) -> str:
    """The short id in explorer URLs: the last part of the ESCO URI."""
    return occupation.uri.removeprefix(ESCO_OCCUPATION)


def find(occupation_id: str) -> Occupation:
    try:
        return knowledge.taxonomy().occupation(ESCO_OCCUPATION + occupation_id)
    except KeyError:
        raise Http404(occupation_id) from None


def summary(occupation: Occupation, language: str) -> tuple[str, str]:
    """At most three short sentences of the description, and the whole text.

    A plain-language text comes first when there is one: the installation's own, else the
    B1 text that ships with Koers (see koers.taxonomy.plain_language).
    """
    text = occupation.texts.get(language) or occupation.texts.get("en")
    full = text.description if text else ""
    plain = knowledge.plain_language().text(occupation.uri, language)
    if plain:
        return plain, full
    sentences = _SENTENCE_END.split(full.strip())
    short = " ".join(s for s in sentences[:3] if len(s) < 200) or (sentences[0] if full else "")
    return short, full


def skill_text(skill: Skill, language: str) -> SkillText:
    """The label in ``language`` if ESCO has one, else English marked as such (WCAG 3.1.2)."""
    taxonomy = knowledge.taxonomy()
    group = ""
    features = knowledge.ranker().features_
    index = int(features.skill_group[taxonomy.skill_index[skill.uri]])
    if index >= 0:
        group = taxonomy.skill_group_by_uri[features.group_uris[index]].label(language)
    label, label_language = skill.label_and_language(language)
    return SkillText(label, label_language, group)


def vitality_words(vitality: Vitality, language: str) -> dict[str, str]:
    """How vitality is said: never "not vital"; the 2020 list was about childcare."""
    data = vitality.as_dict(language)
    if vitality.vital_class == "crucial":
        headline = _("This work was on the list of crucial professions of March 2020.")
    elif vitality.vital_class == "secondary":
        headline = _("This work was not on the list, but it helps people through a crisis.")
    else:
        headline = _(
            "This work was not on the list of March 2020. That list was about who could use "
            "childcare, not about how important your work is."
        )
    return {"class": vitality.vital_class, "headline": headline, **data}


def requirement_words(occupation: Occupation, language: str) -> str:
    """Which diploma or registration the work asks; honest when we do not know."""
    found = knowledge.requirements().of(occupation)
    return found.text(language) if found is not None else _("We do not know that yet.")
