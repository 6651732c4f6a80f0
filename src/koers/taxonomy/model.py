"""The ESCO knowledge base as frozen dataclasses: concepts, labels and texts per language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class ConceptText:
    """Everything ESCO says about one concept in one language."""

    preferred: str
    alt: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    description: str = ""
    definition: str = ""
    scope_note: str = ""

    def all_labels(self) -> tuple[str, ...]:
        return (self.preferred, *self.alt, *self.hidden) if self.preferred else self.alt


def _label_in(texts: Mapping[str, ConceptText], language: str) -> str:
    for lang in (language, FALLBACK_LANGUAGE):
        text = texts.get(lang)
        if text is not None and text.preferred:
            return text.preferred
    return next((t.preferred for t in texts.values() if t.preferred), "")


@dataclass(frozen=True, slots=True, eq=False)
class Occupation:
    uri: str
    code: str
    isco_group: str
    status: str
    modified: str
    regulated_note: str
    nace_codes: tuple[str, ...]
    broader: tuple[str, ...]
    texts: Mapping[str, ConceptText] = field(default_factory=dict)

    def label(self, language: str = FALLBACK_LANGUAGE) -> str:
        """Preferred label in ``language``, falling back to English."""
        return _label_in(self.texts, language)


@dataclass(frozen=True, slots=True, eq=False)
class Skill:
    uri: str
    skill_type: str
    reuse_level: str
    status: str
    modified: str
    broader: tuple[str, ...]
    texts: Mapping[str, ConceptText] = field(default_factory=dict)

    def label(self, language: str = FALLBACK_LANGUAGE) -> str:
        return _label_in(self.texts, language)

    def label_and_language(self, language: str) -> tuple[str, str]:
        """The label in ``language`` if ESCO has one, else English, with the language it is in
        (so that a page can mark it, WCAG 3.1.2)."""
        text = self.texts.get(language)
        if text is not None and text.preferred:
            return text.preferred, language
        return self.label(FALLBACK_LANGUAGE), FALLBACK_LANGUAGE


@dataclass(frozen=True, slots=True, eq=False)
class SkillGroup:
    uri: str
    code: str
    broader: tuple[str, ...]
    texts: Mapping[str, ConceptText] = field(default_factory=dict)

    def label(self, language: str = FALLBACK_LANGUAGE) -> str:
        return _label_in(self.texts, language)


@dataclass(frozen=True, slots=True, eq=False)
class IscoGroup:
    uri: str
    code: str
    texts: Mapping[str, ConceptText] = field(default_factory=dict)

    @property
    def parent_code(self) -> str:
        return self.code[:-1]

    def label(self, language: str = FALLBACK_LANGUAGE) -> str:
        return _label_in(self.texts, language)


@dataclass(frozen=True, slots=True)
class SourcePackage:
    """One input of an import: a zip file or a folder of ESCO CSV files."""

    name: str
    version: str
    languages: tuple[str, ...]
    is_base: bool
