"""Reading a mapping file: where it is, its TOML, and the shape of every entry.

Shape errors raise :class:`VitalityError` naming the file, the entry and the field; the
content (classes, sources, codes) is checked in ``validation``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from koers.taxonomy.vitality.model import (
    LANGUAGES,
    Source,
    VitalityError,
    VitalityExample,
    VitalityException,
    VitalityGroup,
)

ENV_VARIABLE = "KOERS_VITALITY_FILE"

_PACKAGE = "koers.taxonomy"
_RESOURCE = "data/vitality.toml"

_SOURCE_FIELDS = {"title": True, "publisher": True, "date": False, "url": False, "note": False}
_GROUP_FIELDS = {
    "id": True,
    "class": True,
    "name_nl": False,
    "name_en": False,
    "reason_nl": False,
    "reason_en": False,
    "source": False,
}
_EXCEPTION_FIELDS = {
    "uri": True,
    "class": True,
    "group": False,
    "reason": False,
}
_EXAMPLE_FIELDS = {
    "uri": True,
    "class": True,
    "group": False,
    "note": False,
}


def default_path() -> Path:
    """``KOERS_VITALITY_FILE`` if it is set, else the mapping file shipped with Koers."""
    configured = os.environ.get(ENV_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path(str(resources.files(_PACKAGE).joinpath(_RESOURCE)))


def read_text(path: Path | None) -> tuple[str, str]:
    """The text of the mapping file in ``path`` (or of the one shipped with Koers), and its name."""
    if path is None:
        resource = resources.files(_PACKAGE).joinpath(_RESOURCE)
        name = str(resource)
        try:
            text = resource.read_text(encoding="utf-8")
        except OSError as exc:
            raise VitalityError(f"{name}: cannot read the mapping file ({exc})") from None
    else:
        name = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise VitalityError(f"{name}: the mapping file does not exist") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise VitalityError(f"{name}: cannot read the mapping file ({exc})") from None
    return text, name


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """The TOML document in ``text``; ``name`` is used in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise VitalityError(f"{name}: not valid TOML: {exc}") from None
    return data


@dataclass(frozen=True, slots=True)
class Entries:
    """Everything a mapping file lists, in file order."""

    sources: dict[str, Source]
    groups: tuple[VitalityGroup, ...]
    exceptions: tuple[VitalityException, ...]
    examples: tuple[VitalityExample, ...]


def entries_of(data: dict[str, Any], name: str) -> Entries:
    """The entries of a parsed mapping file; checks the shape, not the content."""
    unknown = sorted(set(data) - {"sources", "groups", "exceptions", "examples"})
    if unknown:
        raise VitalityError(
            f"{name}: unknown top-level key {unknown[0]!r} "
            "(expected sources, groups, exceptions, examples)"
        )
    raw_sources = data.get("sources", {})
    if not isinstance(raw_sources, dict):
        raise VitalityError(f"{name}: sources: expected a table of [sources.<id>] entries")
    sources: dict[str, Source] = {}
    for source_id, entry in raw_sources.items():
        values = _fields(entry, _SOURCE_FIELDS, name, f"sources.{source_id}")
        sources[source_id] = Source(id=source_id, **values)
    groups = tuple(
        _group(entry, name, index) for index, entry in enumerate(_entries(data, "groups", name))
    )
    exceptions = tuple(
        _exception(entry, name, index)
        for index, entry in enumerate(_entries(data, "exceptions", name))
    )
    examples = tuple(
        _example(entry, name, index) for index, entry in enumerate(_entries(data, "examples", name))
    )
    return Entries(sources, groups, exceptions, examples)


def _entries(data: dict[str, Any], key: str, name: str) -> list[Any]:
    entries = data.get(key, [])
    if not isinstance(entries, list):
        raise VitalityError(f"{name}: {key}: expected [[{key}]] entries")
    return entries


def _fields(
    entry: Any, spec: dict[str, bool], name: str, where: str, other: tuple[str, ...] = ()
) -> dict[str, str]:
    """The string fields of one entry; ``VitalityError`` for unknown, missing or non-strings."""
    if not isinstance(entry, dict):
        raise VitalityError(f"{name}: {where}: expected a table, got {type(entry).__name__}")
    unknown = sorted(set(entry) - set(spec) - set(other))
    if unknown:
        expected = ", ".join((*spec, *other))
        raise VitalityError(f"{name}: {where}.{unknown[0]}: unknown field (expected {expected})")
    values: dict[str, str] = {}
    for key, required in spec.items():
        if key not in entry:
            if required:
                raise VitalityError(f"{name}: {where}.{key}: missing")
            values[key] = ""
            continue
        value = entry[key]
        if not isinstance(value, str):
            raise VitalityError(
                f"{name}: {where}.{key}: expected a string, got {type(value).__name__}"
            )
        values[key] = value
    return values


def _example(entry: Any, name: str, index: int) -> VitalityExample:
    values = _fields(entry, _EXAMPLE_FIELDS, name, f"examples[{index}]")
    return VitalityExample(
        uri=values["uri"],
        vital_class=values["class"],
        group=values["group"],
        note=values["note"],
        index=index,
    )


def _group(entry: Any, name: str, index: int) -> VitalityGroup:
    where = f"groups[{index}]"
    values = _fields(entry, _GROUP_FIELDS, name, where, other=("isco",))
    isco = entry.get("isco", [])
    if not isinstance(isco, list) or not all(isinstance(code, str) for code in isco):
        raise VitalityError(
            f'{name}: {where}.isco: expected a list of ISCO codes as strings, like ["2221"]'
        )
    return VitalityGroup(
        id=values["id"],
        vital_class=values["class"],
        name={lang: values[f"name_{lang}"] for lang in LANGUAGES},
        reason={lang: values[f"reason_{lang}"] for lang in LANGUAGES},
        source=values["source"],
        isco=tuple(isco),
        index=index,
    )


def _exception(entry: Any, name: str, index: int) -> VitalityException:
    where = f"exceptions[{index}]"
    values = _fields(entry, _EXCEPTION_FIELDS, name, where)
    return VitalityException(
        uri=values["uri"],
        vital_class=values["class"],
        group=values["group"],
        reason=values["reason"],
        index=index,
    )
