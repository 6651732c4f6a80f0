"""Closed work: which occupations were shut down in a crisis, and so which work went on.

The list is a TOML file that people read and change (``data/closed_work.toml`` in this
package, the Netherlands in March 2020; see its header for the format), made like the
vitality mapping. An occupation is closed when:

1. no ``[[exceptions]]`` entry names its URI (work that went on inside a closed group), and
2. a group lists its URI in ``uris``, or a group's ISCO-08 code is the longest prefix of its
   ISCO unit group.

Work *continues* when it is not closed, and vital work (crucial or secondary in the vitality
mapping) always continues. Loading checks the file and raises :class:`ClosedWorkError`
naming the file, the entry and the field.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from koers.taxonomy.model import Occupation
from koers.taxonomy.vitality import OCCUPATION_URI_PREFIX, Vitality, VitalityMap
from koers.taxonomy.vitality.loading import parse_toml, read_text
from koers.taxonomy.vitality.model import LANGUAGES, Source, VitalityError

ENV_VARIABLE = "KOERS_CLOSED_WORK_FILE"
VITAL_CLASSES = frozenset({"crucial", "secondary"})

_PACKAGE = "koers.taxonomy"
_RESOURCE = "data/closed_work.toml"
_ISCO_CODE = re.compile(r"[0-9]{1,4}")
_SOURCE_FIELDS = ("title", "publisher")
_GROUP_TEXTS = ("id", "source", *(f"{f}_{lang}" for f in ("name", "reason") for lang in LANGUAGES))


class ClosedWorkError(ValueError):
    """The closed-work file cannot be used: missing, not TOML, or an entry that is wrong."""


@dataclass(frozen=True, slots=True)
class ClosedGroup:
    """One ``[[groups]]`` entry: work that was shut down, why, and on what authority."""

    id: str
    name: dict[str, str]
    reason: dict[str, str]
    source: Source
    isco: tuple[str, ...]
    uris: tuple[str, ...]


def default_path() -> Path:
    """``KOERS_CLOSED_WORK_FILE`` if it is set, else the list shipped with Koers."""
    configured = os.environ.get(ENV_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path(str(resources.files(_PACKAGE).joinpath(_RESOURCE)))


class ClosedWork:
    """The loaded list: is an occupation's work closed, does it continue."""

    def __init__(self, groups: tuple[ClosedGroup, ...], open_uris: dict[str, str]) -> None:
        self.groups = groups
        self.open_uris = open_uris
        """Occupations inside a closed group whose work went on, with the maintainers' reason."""
        self._by_code = {code: group for group in groups for code in group.isco}
        self._by_uri = {uri: group for group in groups for uri in group.uris}

    @classmethod
    def load(cls, path: Path | None = None) -> ClosedWork:
        """The list in ``path``, else in ``KOERS_CLOSED_WORK_FILE``, else the one shipped with
        Koers; ``ClosedWorkError`` naming the file, entry and field if it is wrong."""
        try:
            text, name = read_text(path or default_path())
            data = parse_toml(text, name)
        except VitalityError as exc:
            raise ClosedWorkError(str(exc).replace("mapping file", "closed-work file")) from None
        return cls.from_dict(data, name)

    @classmethod
    def from_dict(cls, data: dict[str, Any], name: str = "<dict>") -> ClosedWork:
        """Build the list from parsed TOML, checking every entry."""
        unknown = sorted(set(data) - {"sources", "groups", "exceptions"})
        if unknown:
            raise ClosedWorkError(
                f"{name}: unknown top-level key {unknown[0]!r} (expected sources, groups, "
                "exceptions)"
            )
        sources = _sources(data.get("sources", {}), name)
        groups = tuple(
            _group(entry, index, sources, name)
            for index, entry in enumerate(_list(data, "groups", name))
        )
        _check_unique(groups, name)
        open_uris: dict[str, str] = {}
        for index, entry in enumerate(_list(data, "exceptions", name)):
            where = f"exceptions[{index}]"
            values = _strings(entry, ("uri", "reason"), (), name, where)
            _check_uri(values["uri"], name, f"{where}.uri")
            if values["uri"] in open_uris:
                raise ClosedWorkError(f"{name}: {where}.uri: {values['uri']} is listed twice")
            open_uris[values["uri"]] = values["reason"]
        return cls(groups, open_uris)

    def group_of(self, occupation: Occupation) -> ClosedGroup | None:
        """The closed group of an occupation, ``None`` when its work was not shut down."""
        if occupation.uri in self.open_uris:
            return None
        group = self._by_uri.get(occupation.uri)
        if group is not None:
            return group
        code = occupation.isco_group
        for length in range(len(code), 0, -1):
            group = self._by_code.get(code[:length])
            if group is not None:
                return group
        return None

    def continues(self, occupation: Occupation, vitality: Vitality) -> bool:
        """Whether the work went on: vital work always, other work unless it was closed."""
        return vitality.vital_class in VITAL_CLASSES or self.group_of(occupation) is None


@cache
def shipped() -> tuple[ClosedWork, VitalityMap]:
    """The closed-work list and vitality mapping of this installation, loaded once."""
    from koers.taxonomy.vitality import default_path as vitality_path

    return ClosedWork.load(), VitalityMap.load(vitality_path())


def continues(occupation: Occupation) -> bool:
    """Whether the occupation's work went on in March 2020 (not closed, or vital)."""
    closed, vitality = shipped()
    return closed.continues(occupation, vitality.of(occupation))


def _list(data: dict[str, Any], key: str, name: str) -> list[Any]:
    entries = data.get(key, [])
    if not isinstance(entries, list):
        raise ClosedWorkError(f"{name}: {key}: expected [[{key}]] entries")
    return entries


def _strings(
    entry: Any, required: tuple[str, ...], optional: tuple[str, ...], name: str, where: str
) -> dict[str, str]:
    """The string fields of one entry; the list fields ``isco`` and ``uris`` are left alone."""
    if not isinstance(entry, dict):
        raise ClosedWorkError(f"{name}: {where}: expected a table, got {type(entry).__name__}")
    lists = ("isco", "uris") if where.startswith("groups") else ()
    unknown = sorted(set(entry) - set(required) - set(optional) - set(lists))
    if unknown:
        expected = ", ".join((*required, *optional, *lists))
        raise ClosedWorkError(f"{name}: {where}.{unknown[0]}: unknown field (expected {expected})")
    values: dict[str, str] = {}
    for key in (*required, *optional):
        value = entry.get(key, "")
        if not isinstance(value, str):
            raise ClosedWorkError(
                f"{name}: {where}.{key}: expected a string, got {type(value).__name__}"
            )
        if key in required and not value.strip():
            raise ClosedWorkError(f"{name}: {where}.{key}: missing or empty")
        values[key] = value
    return values


def _sources(raw: Any, name: str) -> dict[str, Source]:
    if not isinstance(raw, dict):
        raise ClosedWorkError(f"{name}: sources: expected a table of [sources.<id>] entries")
    sources: dict[str, Source] = {}
    for source_id, entry in raw.items():
        values = _strings(
            entry, _SOURCE_FIELDS, ("date", "url", "note"), name, f"sources.{source_id}"
        )
        if values["url"] and not values["url"].startswith(("https://", "http://")):
            raise ClosedWorkError(
                f"{name}: sources.{source_id}.url: {values['url']!r} does not start with https://"
            )
        sources[source_id] = Source(id=source_id, **values)
    return sources


def _group(entry: Any, index: int, sources: dict[str, Source], name: str) -> ClosedGroup:
    where = f"groups[{index}]"
    values = _strings(entry, _GROUP_TEXTS, (), name, where)
    if values["source"] not in sources:
        raise ClosedWorkError(
            f"{name}: {where}.source: {values['source']!r} is not a [sources.<id>] entry"
        )
    isco = _string_list(entry, "isco", name, where)
    for code in isco:
        if not _ISCO_CODE.fullmatch(code):
            raise ClosedWorkError(
                f"{name}: {where}.isco: {code!r} is not an ISCO-08 code (1 to 4 digits)"
            )
    uris = _string_list(entry, "uris", name, where)
    for uri in uris:
        _check_uri(uri, name, f"{where}.uris")
    if not isco and not uris:
        raise ClosedWorkError(f"{name}: {where}: lists no ISCO code and no URI")
    return ClosedGroup(
        id=values["id"],
        name={lang: values[f"name_{lang}"] for lang in LANGUAGES},
        reason={lang: values[f"reason_{lang}"] for lang in LANGUAGES},
        source=sources[values["source"]],
        isco=tuple(isco),
        uris=tuple(uris),
    )


def _string_list(entry: dict[str, Any], key: str, name: str, where: str) -> list[str]:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ClosedWorkError(
            f'{name}: {where}.{key}: expected a list of strings, like ["5141"] or ["http://..."]'
        )
    return values


def _check_uri(uri: str, name: str, where: str) -> None:
    if not uri.startswith(OCCUPATION_URI_PREFIX):
        raise ClosedWorkError(
            f"{name}: {where}: {uri!r} is not an ESCO occupation URI ({OCCUPATION_URI_PREFIX}...)"
        )


def _check_unique(groups: tuple[ClosedGroup, ...], name: str) -> None:
    """Every id, ISCO code and URI once: the first claimant would silently win otherwise."""
    ids: set[str] = set()
    claimed: dict[str, str] = {}
    for index, group in enumerate(groups):
        if group.id in ids:
            raise ClosedWorkError(f"{name}: groups[{index}].id: {group.id!r} is used twice")
        ids.add(group.id)
        for field, key in [("isco", c) for c in group.isco] + [("uris", u) for u in group.uris]:
            if key in claimed:
                raise ClosedWorkError(
                    f"{name}: groups[{index}].{field}: {key!r} is already claimed by group "
                    f"{claimed[key]!r}"
                )
            claimed[key] = group.id
