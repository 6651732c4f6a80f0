"""The loaded vitality mapping: the vitality of an occupation, and counts per class and group."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from koers.taxonomy.knowledge_base import Taxonomy
from koers.taxonomy.model import Occupation
from koers.taxonomy.vitality.loading import entries_of, parse_toml, read_text
from koers.taxonomy.vitality.model import (
    CLASSES,
    NOT_VITAL,
    ExampleResult,
    Source,
    Vitality,
    VitalityExample,
    VitalityException,
    VitalityGroup,
)
from koers.taxonomy.vitality.validation import problems_in


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
        return cls.from_toml(*read_text(path))

    @classmethod
    def from_toml(cls, text: str, name: str = "<string>") -> VitalityMap:
        """Parse the TOML text of a mapping file; ``name`` is used in error messages."""
        return cls.from_dict(parse_toml(text, name), name)

    @classmethod
    def from_dict(cls, data: dict[str, Any], name: str = "<dict>") -> VitalityMap:
        """Build a mapping from parsed TOML; checks the shape, not the content."""
        entries = entries_of(data, name)
        return cls(
            entries.sources,
            entries.groups,
            entries.exceptions,
            path=name,
            examples=entries.examples,
        )

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
        return problems_in(self, taxonomy)

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
