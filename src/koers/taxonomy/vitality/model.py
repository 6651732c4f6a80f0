"""The entries of a vitality mapping file, and the vitality of one occupation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from koers.taxonomy.model import FALLBACK_LANGUAGE

VitalityClass = Literal["crucial", "secondary", "none"]

CLASSES: tuple[str, ...] = ("crucial", "secondary", "none")
GROUP_CLASSES: tuple[str, ...] = ("crucial", "secondary")
"""The classes whose exceptions need a group; a ``none`` exception may have one."""
OCCUPATION_URI_PREFIX = "http://data.europa.eu/esco/occupation/"
LANGUAGES = ("nl", "en")
"""The languages every group is named and gives its reason in."""


class VitalityError(ValueError):
    """The mapping file cannot be read: missing, not TOML, or an entry of the wrong shape."""


@dataclass(frozen=True, slots=True)
class Source:
    """A publication that a group is based on."""

    id: str
    title: str
    publisher: str
    date: str = ""
    url: str = ""
    note: str = ""

    def citation(self) -> str:
        """``title. publisher, date. url``, leaving out what is empty."""
        published = ", ".join(part for part in (self.publisher, self.date) if part)
        text = ""
        for part in (self.title, published, self.url):
            if part:
                text += part if not text else (" " if text[-1] in ".?!" else ". ") + part
        return text


@dataclass(frozen=True, slots=True)
class VitalityGroup:
    """One ``[[groups]]`` entry: a class, names and reasons per language, ISCO codes."""

    id: str
    vital_class: str
    name: dict[str, str]
    reason: dict[str, str]
    source: str
    isco: tuple[str, ...]
    index: int = 0


@dataclass(frozen=True, slots=True)
class VitalityException:
    """One ``[[exceptions]]`` entry: the class (and group) of one ESCO occupation."""

    uri: str
    vital_class: str
    group: str
    reason: str
    """Why this occupation is an exception: a note for maintainers, not shown to people."""
    index: int = 0


@dataclass(frozen=True, slots=True)
class VitalityExample:
    """One ``[[examples]]`` entry: an occupation whose class (and group) the sources settle."""

    uri: str
    vital_class: str
    group: str
    note: str
    """Where the example comes from, for example the sentence of the seed post that names it."""
    index: int = 0


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """How the mapping classes one example, and whether that is what the example expects."""

    example: VitalityExample
    label: str
    code: str
    vitality: Vitality

    @property
    def ok(self) -> bool:
        expected = self.example
        return self.vitality.vital_class == expected.vital_class and (
            not expected.group or self.vitality.group == expected.group
        )

    def as_dict(self, language: str = "nl") -> dict[str, Any]:
        return {
            "uri": self.example.uri,
            "label": self.label,
            "code": self.code,
            "expected": {"class": self.example.vital_class, "group": self.example.group},
            "vitality": self.vitality.as_dict(language),
            "note": self.example.note,
            "ok": self.ok,
        }


@dataclass(frozen=True, slots=True)
class Vitality:
    """The vitality of one occupation, with the group, the reason and the source."""

    vital_class: str
    group: str = ""
    group_name: dict[str, str] = field(default_factory=dict)
    reason: dict[str, str] = field(default_factory=dict)
    source: str = ""

    def as_dict(self, language: str = "nl") -> dict[str, str]:
        """``{"class", "group", "reason", "source"}`` in ``language``, falling back to English."""
        return {
            "class": self.vital_class,
            "group": _in_language(self.group_name, language),
            "reason": _in_language(self.reason, language),
            "source": self.source,
        }


NOT_VITAL = Vitality("none")


def _in_language(texts: dict[str, str], language: str) -> str:
    for lang in (language, FALLBACK_LANGUAGE):
        if texts.get(lang):
            return texts[lang]
    return next((text for text in texts.values() if text), "")
