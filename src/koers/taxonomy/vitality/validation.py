"""Checking the content of a vitality mapping: every problem, as a sentence.

Entries are named as ``groups[3] 'zorg'`` (counting from 0, in file order).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from koers.taxonomy.knowledge_base import Taxonomy
from koers.taxonomy.vitality.model import (
    CLASSES,
    GROUP_CLASSES,
    LANGUAGES,
    OCCUPATION_URI_PREFIX,
    VitalityException,
    VitalityGroup,
)

if TYPE_CHECKING:
    # The mapping calls this module: only its type is needed here.
    from koers.taxonomy.vitality.mapping import VitalityMap

_ISCO_CODE = re.compile(r"[0-9]{1,4}")


def problems_in(mapping: VitalityMap, taxonomy: Taxonomy | None) -> list[str]:
    """Every problem in ``mapping``; with a taxonomy, also what ESCO lacks (see ``validate``)."""
    return (
        _source_problems(mapping)
        + _group_problems(mapping, taxonomy)
        + _exception_problems(mapping, taxonomy)
        + _example_problems(mapping, taxonomy)
    )


def _source_problems(mapping: VitalityMap) -> list[str]:
    problems: list[str] = []
    for source in mapping.sources.values():
        where = f"sources.{source.id}"
        if not source.title.strip():
            problems.append(f"{where}: title is empty")
        if not source.publisher.strip():
            problems.append(f"{where}: publisher is empty")
        if source.url and not source.url.startswith(("https://", "http://")):
            problems.append(f"{where}: url {source.url!r} does not start with https://")
    return problems


def _group_problems(mapping: VitalityMap, taxonomy: Taxonomy | None) -> list[str]:
    problems: list[str] = []
    id_counts = Counter(group.id for group in mapping.groups)
    claimed: dict[str, str] = {}
    known_codes = taxonomy.isco_by_code if taxonomy is not None else None
    targeted = {exception.group for exception in mapping.exceptions}
    for group in mapping.groups:
        where = f"groups[{group.index}] {group.id!r}"
        if not group.id.strip():
            problems.append(f"groups[{group.index}]: id is empty")
        elif id_counts[group.id] > 1:
            problems.append(f"{where}: the id {group.id!r} is used by more than one group")
        if group.vital_class not in CLASSES:
            problems.append(
                f"{where}: class {group.vital_class!r} must be one of {', '.join(CLASSES)}"
            )
        if group.source not in mapping.sources:
            problems.append(f"{where}: source {group.source!r} is not a [sources.<id>] entry")
        for lang in LANGUAGES:
            if not group.name.get(lang, "").strip():
                problems.append(f"{where}: name_{lang} is missing")
            if not group.reason.get(lang, "").strip():
                problems.append(f"{where}: reason_{lang} is missing")
        if not group.isco and group.id not in targeted:
            problems.append(f"{where}: maps no ISCO code and no exception points to it")
        for code in group.isco:
            if not _ISCO_CODE.fullmatch(code):
                problems.append(f"{where}: isco {code!r} is not an ISCO-08 code (1 to 4 digits)")
                continue
            if code in claimed:
                other = claimed[code]
                if other == group.id:
                    problems.append(f"{where}: isco {code!r} is listed twice")
                else:
                    problems.append(f"{where}: isco {code!r} is already claimed by group {other!r}")
                continue
            claimed[code] = group.id
            if known_codes is not None and code not in known_codes:
                problems.append(f"{where}: isco {code!r} is not an ISCO group in ESCO")
    return problems


def _exception_problems(mapping: VitalityMap, taxonomy: Taxonomy | None) -> list[str]:
    problems: list[str] = []
    uri_counts = Counter(exception.uri for exception in mapping.exceptions)
    for exception in mapping.exceptions:
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
        problems += _exception_group_problems(mapping, exception, where, taxonomy)
    return problems


def _exception_group_problems(
    mapping: VitalityMap, exception: VitalityException, where: str, taxonomy: Taxonomy | None
) -> list[str]:
    if not exception.group:
        if exception.vital_class in GROUP_CLASSES:
            return [f"{where}: class {exception.vital_class!r} needs a group"]
        return _redundant_problems(mapping, exception, where, taxonomy, None)
    group = mapping.group(exception.group)
    if group is None:
        return [f"{where}: group {exception.group!r} is not a [[groups]] id"]
    if exception.vital_class != group.vital_class:
        return [
            f"{where}: class {exception.vital_class!r} differs from the class "
            f"{group.vital_class!r} of group {group.id!r}"
        ]
    return _redundant_problems(mapping, exception, where, taxonomy, group)


def _redundant_problems(
    mapping: VitalityMap,
    exception: VitalityException,
    where: str,
    taxonomy: Taxonomy | None,
    group: VitalityGroup | None,
) -> list[str]:
    if taxonomy is None or exception.uri not in taxonomy.occupation_index:
        return []
    occupation = taxonomy.occupation(exception.uri)
    if mapping.group_for_isco(occupation.isco_group) is group:
        target = f"group {group.id!r}" if group is not None else "class 'none'"
        return [
            f"{where}: not needed: {occupation.label('en')!r} "
            f"(ISCO {occupation.isco_group}) is already in {target}"
        ]
    return []


def _example_problems(mapping: VitalityMap, taxonomy: Taxonomy | None) -> list[str]:
    problems: list[str] = []
    for example in mapping.examples:
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
        if example.group and mapping.group(example.group) is None:
            problems.append(f"{where}: group {example.group!r} is not a [[groups]] id")
        if not example.note.strip():
            problems.append(f"{where}: note is missing (where does the example come from?)")
    if taxonomy is None or problems:
        return problems
    for result in mapping.check_examples(taxonomy):
        where = f"examples[{result.example.index}]"
        if not result.label:
            problems.append(f"{where}: uri {result.example.uri} is not an occupation in ESCO")
        elif not result.ok:
            expected = result.example
            wanted = expected.vital_class + (f" in {expected.group!r}" if expected.group else "")
            got = result.vitality.vital_class + (
                f" in {result.vitality.group!r}" if result.vitality.group else ""
            )
            problems.append(
                f"{where}: {result.label!r} ({result.code}) is {got}, expected {wanted}"
            )
    return problems
