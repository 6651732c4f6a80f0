"""Vitality of occupations: the Dutch crisis lists of 2020, mapped onto ESCO through ISCO-08.

The mapping is a TOML file that people read and change (``data/vitality.toml`` in this
package; see its header for the format). An occupation gets:

1. the class and group of an ``[[exceptions]]`` entry for its URI, if there is one;
2. else the group with the longest ISCO-08 code that is a prefix of its ISCO unit group;
3. else the class ``none``.

A group of class ``none`` says why work close to the list was not on it (psychologists outside
health care, whose ISCO group sits next to the care professions): people see that reason
instead of the plain "not on the list".

Loading checks the shape of the file and raises :class:`VitalityError` naming the file, the
entry and the field. :meth:`VitalityMap.validate` checks the content (classes, sources, ISCO
codes, URIs, and the ``[[examples]]`` whose class the sources settle) and returns the problems
as sentences, so that a command can list all of them.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from koers.taxonomy.knowledge_base import Taxonomy
from koers.taxonomy.model import FALLBACK_LANGUAGE, Occupation

VitalityClass = Literal["crucial", "secondary", "none"]

CLASSES: tuple[str, ...] = ("crucial", "secondary", "none")
GROUP_CLASSES: tuple[str, ...] = ("crucial", "secondary")
"""The classes whose exceptions need a group; a ``none`` exception may have one."""
ENV_VARIABLE = "KOERS_VITALITY_FILE"
OCCUPATION_URI_PREFIX = "http://data.europa.eu/esco/occupation/"

_PACKAGE = "koers.taxonomy"
_RESOURCE = "data/vitality.toml"
_ISCO_CODE = re.compile(r"[0-9]{1,4}")
_LANGUAGES = ("nl", "en")

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


def default_path() -> Path:
    """``KOERS_VITALITY_FILE`` if it is set, else the mapping file shipped with Koers."""
    configured = os.environ.get(ENV_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path(str(resources.files(_PACKAGE).joinpath(_RESOURCE)))


class VitalityMap:
    """The loaded mapping: look up occupations, validate the file, count per class and group."""

    def __init__(
        self,
        sources: dict[str, Source],
        groups: tuple[VitalityGroup, ...],
        exceptions: tuple[VitalityException, ...],
        path: str = "",
        examples: tuple[VitalityExample, ...] = (),
    ) -> None:
        self.sources = sources
        self.groups = groups
        self.exceptions = exceptions
        self.examples = examples
        self.path = path
        # The first claimant wins on duplicates; validate() reports them.
        self._group_by_id: dict[str, VitalityGroup] = {}
        self._group_by_code: dict[str, VitalityGroup] = {}
        for group in groups:
            self._group_by_id.setdefault(group.id, group)
            for code in group.isco:
                self._group_by_code.setdefault(code, group)
        self._exception_by_uri: dict[str, VitalityException] = {}
        for exception in exceptions:
            self._exception_by_uri.setdefault(exception.uri, exception)
        self._results: dict[str, Vitality] = {
            group.id: Vitality(
                vital_class=group.vital_class,
                group=group.id,
                group_name=group.name,
                reason=group.reason,
                source=self._citation(group.source),
            )
            for group in reversed(groups)
        }

    # -- loading -----------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None) -> VitalityMap:
        """The mapping in ``path``, or the one shipped with Koers; ``VitalityError`` if malformed.

        ``KOERS_VITALITY_FILE`` is not read here: callers pass ``default_path()`` for that.
        """
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
        return cls.from_toml(text, name)

    @classmethod
    def from_toml(cls, text: str, name: str = "<string>") -> VitalityMap:
        """Parse the TOML text of a mapping file; ``name`` is used in error messages."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise VitalityError(f"{name}: not valid TOML: {exc}") from None
        return cls.from_dict(data, name)

    @classmethod
    def from_dict(cls, data: dict[str, Any], name: str = "<dict>") -> VitalityMap:
        """Build a mapping from parsed TOML; checks the shape, not the content."""
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
            _example(entry, name, index)
            for index, entry in enumerate(_entries(data, "examples", name))
        )
        return cls(sources, groups, exceptions, path=name, examples=examples)

    # -- look-up -----------------------------------------------------------------------------

    def of(self, occupation: Occupation) -> Vitality:
        """The vitality of an occupation: its exception, else the longest ISCO prefix, else none."""
        exception = self._exception_by_uri.get(occupation.uri)
        if exception is not None:
            return self._exception_result(exception)
        group = self.group_for_isco(occupation.isco_group)
        return NOT_VITAL if group is None else self._results[group.id]

    def group_for_isco(self, code: str) -> VitalityGroup | None:
        """The group with the longest ISCO code that is a prefix of ``code``, if any."""
        for length in range(len(code), 0, -1):
            group = self._group_by_code.get(code[:length])
            if group is not None:
                return group
        return None

    def group(self, group_id: str) -> VitalityGroup | None:
        return self._group_by_id.get(group_id)

    def _exception_result(self, exception: VitalityException) -> Vitality:
        group = self._group_by_id.get(exception.group) if exception.group else None
        if group is None:
            return NOT_VITAL if exception.vital_class == "none" else Vitality(exception.vital_class)
        result = self._results[group.id]
        if result.vital_class == exception.vital_class:
            return result
        return Vitality(
            exception.vital_class, result.group, result.group_name, result.reason, result.source
        )

    def _citation(self, source_id: str) -> str:
        source = self.sources.get(source_id)
        return source.citation() if source is not None else ""

    # -- checks and counts -------------------------------------------------------------------

    def validate(self, taxonomy: Taxonomy | None = None) -> list[str]:
        """Every problem in the mapping, as sentences; empty if it is fine.

        Entries are named as ``groups[3] 'zorg'`` (counting from 0, in file order). With a
        taxonomy, ISCO codes and occupation URIs must also exist in it, and every example must
        get the class (and group) it expects.
        """
        problems: list[str] = []
        for source in self.sources.values():
            where = f"sources.{source.id}"
            if not source.title.strip():
                problems.append(f"{where}: title is empty")
            if not source.publisher.strip():
                problems.append(f"{where}: publisher is empty")
            if source.url and not source.url.startswith(("https://", "http://")):
                problems.append(f"{where}: url {source.url!r} does not start with https://")
        problems += self._validate_groups(taxonomy)
        problems += self._validate_exceptions(taxonomy)
        problems += self._validate_examples(taxonomy)
        return problems

    def _validate_groups(self, taxonomy: Taxonomy | None) -> list[str]:
        problems: list[str] = []
        id_counts = Counter(group.id for group in self.groups)
        claimed: dict[str, str] = {}
        known_codes = taxonomy.isco_by_code if taxonomy is not None else None
        targeted = {exception.group for exception in self.exceptions}
        for group in self.groups:
            where = f"groups[{group.index}] {group.id!r}"
            if not group.id.strip():
                problems.append(f"groups[{group.index}]: id is empty")
            elif id_counts[group.id] > 1:
                problems.append(f"{where}: the id {group.id!r} is used by more than one group")
            if group.vital_class not in CLASSES:
                problems.append(
                    f"{where}: class {group.vital_class!r} must be one of {', '.join(CLASSES)}"
                )
            if group.source not in self.sources:
                problems.append(f"{where}: source {group.source!r} is not a [sources.<id>] entry")
            for lang in _LANGUAGES:
                if not group.name.get(lang, "").strip():
                    problems.append(f"{where}: name_{lang} is missing")
                if not group.reason.get(lang, "").strip():
                    problems.append(f"{where}: reason_{lang} is missing")
            if not group.isco and group.id not in targeted:
                problems.append(f"{where}: maps no ISCO code and no exception points to it")
            for code in group.isco:
                if not _ISCO_CODE.fullmatch(code):
                    problems.append(
                        f"{where}: isco {code!r} is not an ISCO-08 code (1 to 4 digits)"
                    )
                    continue
                if code in claimed:
                    other = claimed[code]
                    if other == group.id:
                        problems.append(f"{where}: isco {code!r} is listed twice")
                    else:
                        problems.append(
                            f"{where}: isco {code!r} is already claimed by group {other!r}"
                        )
                    continue
                claimed[code] = group.id
                if known_codes is not None and code not in known_codes:
                    problems.append(f"{where}: isco {code!r} is not an ISCO group in ESCO")
        return problems

    def _validate_exceptions(self, taxonomy: Taxonomy | None) -> list[str]:
        problems: list[str] = []
        uri_counts = Counter(exception.uri for exception in self.exceptions)
        for exception in self.exceptions:
            where = f"exceptions[{exception.index}]"
            if not exception.uri.startswith(OCCUPATION_URI_PREFIX):
                problems.append(
                    f"{where}: uri {exception.uri!r} is not an ESCO occupation URI "
                    f"({OCCUPATION_URI_PREFIX}...)"
                )
            elif uri_counts[exception.uri] > 1:
                problems.append(f"{where}: uri {exception.uri} has more than one exception")
            elif taxonomy is not None and exception.uri not in taxonomy.occupation_index:
                problems.append(f"{where}: uri {exception.uri} is not an occupation in ESCO")
            if exception.vital_class not in CLASSES:
                problems.append(
                    f"{where}: class {exception.vital_class!r} must be one of {', '.join(CLASSES)}"
                )
            if not exception.reason.strip():
                problems.append(f"{where}: reason is missing")
            problems += self._check_exception_group(exception, where, taxonomy)
        return problems

    def _check_exception_group(
        self, exception: VitalityException, where: str, taxonomy: Taxonomy | None
    ) -> list[str]:
        if not exception.group:
            if exception.vital_class in GROUP_CLASSES:
                return [f"{where}: class {exception.vital_class!r} needs a group"]
            return self._check_redundant(exception, where, taxonomy, None)
        group = self._group_by_id.get(exception.group)
        if group is None:
            return [f"{where}: group {exception.group!r} is not a [[groups]] id"]
        if exception.vital_class != group.vital_class:
            return [
                f"{where}: class {exception.vital_class!r} differs from the class "
                f"{group.vital_class!r} of group {group.id!r}"
            ]
        return self._check_redundant(exception, where, taxonomy, group)

    def _check_redundant(
        self,
        exception: VitalityException,
        where: str,
        taxonomy: Taxonomy | None,
        group: VitalityGroup | None,
    ) -> list[str]:
        if taxonomy is None or exception.uri not in taxonomy.occupation_index:
            return []
        occupation = taxonomy.occupation(exception.uri)
        if self.group_for_isco(occupation.isco_group) is group:
            target = f"group {group.id!r}" if group is not None else "class 'none'"
            return [
                f"{where}: not needed: {occupation.label('en')!r} "
                f"(ISCO {occupation.isco_group}) is already in {target}"
            ]
        return []

    def _validate_examples(self, taxonomy: Taxonomy | None) -> list[str]:
        problems: list[str] = []
        for example in self.examples:
            where = f"examples[{example.index}]"
            if not example.uri.startswith(OCCUPATION_URI_PREFIX):
                problems.append(
                    f"{where}: uri {example.uri!r} is not an ESCO occupation URI "
                    f"({OCCUPATION_URI_PREFIX}...)"
                )
            if example.vital_class not in CLASSES:
                problems.append(
                    f"{where}: class {example.vital_class!r} must be one of {', '.join(CLASSES)}"
                )
            if example.group and example.group not in self._group_by_id:
                problems.append(f"{where}: group {example.group!r} is not a [[groups]] id")
            if not example.note.strip():
                problems.append(f"{where}: note is missing (where does the example come from?)")
        if taxonomy is None or problems:
            return problems
        for result in self.check_examples(taxonomy):
            where = f"examples[{result.example.index}]"
            if not result.label:
                problems.append(f"{where}: uri {result.example.uri} is not an occupation in ESCO")
            elif not result.ok:
                expected = result.example
                wanted = expected.vital_class + (
                    f" in {expected.group!r}" if expected.group else ""
                )
                got = result.vitality.vital_class + (
                    f" in {result.vitality.group!r}" if result.vitality.group else ""
                )
                problems.append(
                    f"{where}: {result.label!r} ({result.code}) is {got}, expected {wanted}"
                )
        return problems

    def check_examples(self, taxonomy: Taxonomy, language: str = "nl") -> list[ExampleResult]:
        """How the mapping classes each example; an unknown URI gives an empty label."""
        results: list[ExampleResult] = []
        for example in self.examples:
            if example.uri not in taxonomy.occupation_index:
                results.append(ExampleResult(example, "", "", NOT_VITAL))
                continue
            occupation = taxonomy.occupation(example.uri)
            results.append(
                ExampleResult(
                    example, occupation.label(language), occupation.code, self.of(occupation)
                )
            )
        return results

    def summary(self, taxonomy: Taxonomy) -> dict[str, Any]:
        """How many ESCO occupations fall in each class and each group."""
        per_class: Counter[str] = Counter()
        per_group: Counter[str] = Counter()
        by_exception: Counter[str] = Counter()
        for occupation in taxonomy.occupations:
            vitality = self.of(occupation)
            per_class[vitality.vital_class] += 1
            if vitality.group:
                per_group[vitality.group] += 1
                if occupation.uri in self._exception_by_uri:
                    by_exception[vitality.group] += 1
        return {
            "occupations": len(taxonomy.occupations),
            "classes": {name: per_class[name] for name in CLASSES},
            "groups": [
                {
                    "id": group.id,
                    "class": group.vital_class,
                    "name": dict(group.name),
                    "source": group.source,
                    "isco": list(group.isco),
                    "occupations": per_group[group.id],
                    "by_exception": by_exception[group.id],
                }
                for group in self.groups
            ],
            "exceptions": len(self.exceptions),
        }


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
        name={lang: values[f"name_{lang}"] for lang in _LANGUAGES},
        reason={lang: values[f"reason_{lang}"] for lang in _LANGUAGES},
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
