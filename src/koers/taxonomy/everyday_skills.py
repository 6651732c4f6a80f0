"""Everyday things a person can also do, each as the ESCO skills it stands for.

The explorer asks "Wat kun je nog meer?" with a short list (``data/everyday_skills_nl.toml``,
see its header for the format): working with a computer, serving customers, a driving
licence... A ticked thing's ESCO skills count as held, beside the occupation's own
(``TransitionQuery.have``). Each thing has a ``key`` (in the explorer's address) and a
``bit`` (in the short code of a result) that never change. Loading checks the file and
raises :class:`EverydaySkillsError` naming the file, the entry and the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from koers.taxonomy.vitality.loading import parse_toml
from koers.taxonomy.vitality.model import LANGUAGES, VitalityError

SKILL_URI_PREFIX = "http://data.europa.eu/esco/skill/"
BITS = 20
"""Bits 0 to 19: as many as the short code of a result has room for."""

_PACKAGE = "koers.taxonomy"
_RESOURCE = "data/everyday_skills_nl.toml"
_KEY = re.compile(r"[a-z]{2,20}")
_TEXTS = ("key", "reason", *LANGUAGES)


class EverydaySkillsError(ValueError):
    """The list cannot be used: not TOML, or an entry that is wrong."""


@dataclass(frozen=True, slots=True)
class EverydaySkill:
    """One thing a person can tick, and the ESCO skills it stands for."""

    key: str
    bit: int
    labels: dict[str, str]
    reason: str
    uris: tuple[str, ...]

    def label(self, language: str) -> str:
        """What the person reads, in ``language`` (Dutch when there is no such text)."""
        return self.labels.get(language) or self.labels["nl"]


class EverydaySkills:
    """The list, in file order: look up by key or bit, and the ESCO skills of some keys."""

    def __init__(self, skills: tuple[EverydaySkill, ...]) -> None:
        self.skills = skills
        self._by_key = {skill.key: skill for skill in skills}
        self._by_bit = {skill.bit: skill for skill in skills}

    @classmethod
    def load(cls, path: Path | None = None) -> EverydaySkills:
        """The list in ``path``, else the one shipped with Koers."""
        source = path or Path(str(resources.files(_PACKAGE).joinpath(_RESOURCE)))
        try:
            text = source.read_text(encoding="utf-8")
            data = parse_toml(text, str(source))
        except (OSError, UnicodeDecodeError) as exc:
            raise EverydaySkillsError(f"{source}: cannot read the list ({exc})") from None
        except VitalityError as exc:
            raise EverydaySkillsError(str(exc)) from None
        return cls.from_dict(data, str(source))

    @classmethod
    def from_dict(cls, data: dict[str, Any], name: str = "<dict>") -> EverydaySkills:
        """Build the list from parsed TOML, checking every entry."""
        unknown = sorted(set(data) - {"source", "skills"})
        if unknown:
            raise EverydaySkillsError(
                f"{name}: unknown top-level key {unknown[0]!r} (expected source, skills)"
            )
        entries = data.get("skills", [])
        if not isinstance(entries, list):
            raise EverydaySkillsError(f"{name}: skills: expected [[skills]] entries")
        skills = tuple(_skill(entry, f"{name}: skills[{i}]") for i, entry in enumerate(entries))
        for field in ("key", "bit"):
            seen: set[object] = set()
            for index, skill in enumerate(skills):
                value = getattr(skill, field)
                if value in seen:
                    raise EverydaySkillsError(
                        f"{name}: skills[{index}].{field}: {value!r} is used twice"
                    )
                seen.add(value)
        return cls(skills)

    def get(self, key: str) -> EverydaySkill | None:
        """The thing with this key, or None."""
        return self._by_key.get(key)

    def by_bit(self, bit: int) -> EverydaySkill | None:
        """The thing with this bit, or None."""
        return self._by_bit.get(bit)

    def chosen(self, keys: Iterable[str]) -> tuple[str, ...]:
        """The known keys among ``keys``, once each, in the order of the list."""
        wanted = set(keys)
        return tuple(skill.key for skill in self.skills if skill.key in wanted)

    def uris_of(self, keys: Iterable[str]) -> tuple[str, ...]:
        """The ESCO skills of the things with these keys, once each, in the order of the list."""
        uris: dict[str, None] = {}
        for key in self.chosen(keys):
            uris.update(dict.fromkeys(self._by_key[key].uris))
        return tuple(uris)


@cache
def shipped() -> EverydaySkills:
    """The list that ships with Koers, loaded once."""
    return EverydaySkills.load()


def _skill(entry: Any, where: str) -> EverydaySkill:
    if not isinstance(entry, dict):
        raise EverydaySkillsError(f"{where}: expected a table, got {type(entry).__name__}")
    unknown = sorted(set(entry) - {*_TEXTS, "bit", "uris"})
    if unknown:
        raise EverydaySkillsError(
            f"{where}.{unknown[0]}: unknown field (expected {', '.join((*_TEXTS, 'bit', 'uris'))})"
        )
    texts = {}
    for field in _TEXTS:
        value = entry.get(field)
        if not isinstance(value, str) or not value.strip():
            raise EverydaySkillsError(f"{where}.{field}: missing or empty")
        texts[field] = value
    if not _KEY.fullmatch(texts["key"]):
        raise EverydaySkillsError(
            f"{where}.key: {texts['key']!r} is not 2 to 20 lower-case letters a to z"
        )
    bit = entry.get("bit")
    if not isinstance(bit, int) or isinstance(bit, bool) or not 0 <= bit < BITS:
        raise EverydaySkillsError(f"{where}.bit: expected a whole number from 0 to {BITS - 1}")
    uris = entry.get("uris")
    if not isinstance(uris, list) or not uris or not all(isinstance(u, str) for u in uris):
        raise EverydaySkillsError(f"{where}.uris: expected a list of ESCO skill URIs")
    for uri in uris:
        if not uri.startswith(SKILL_URI_PREFIX):
            raise EverydaySkillsError(
                f"{where}.uris: {uri!r} is not an ESCO skill URI ({SKILL_URI_PREFIX}...)"
            )
    return EverydaySkill(
        key=texts["key"],
        bit=bit,
        labels={language: texts[language] for language in LANGUAGES},
        reason=texts["reason"],
        uris=tuple(uris),
    )
