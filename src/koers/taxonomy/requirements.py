"""Which diploma, registration or licence work in the Netherlands asks (an editable list)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from koers.taxonomy.model import Occupation

ENV_VARIABLE = "KOERS_REQUIREMENTS_FILE"


@dataclass(frozen=True, slots=True)
class Requirement:
    isco: tuple[str, ...]
    texts: dict[str, str]

    def text(self, language: str) -> str:
        return self.texts.get(language) or self.texts.get("nl", "")


class RequirementList:
    """The list, and the requirement of an occupation by the longest matching ISCO code."""

    def __init__(self, requirements: list[Requirement]) -> None:
        self.requirements = requirements
        self._by_code = {code: r for r in requirements for code in r.isco}

    @classmethod
    def load(cls, path: Path | None = None) -> RequirementList:
        """``path``, else KOERS_REQUIREMENTS_FILE, else the list that ships with Koers."""
        configured = path or (
            Path(os.environ[ENV_VARIABLE]) if ENV_VARIABLE in os.environ else None
        )
        if configured is not None:
            text = Path(configured).read_text(encoding="utf-8")
        else:
            source = resources.files("koers.taxonomy").joinpath("data/requirements_nl.toml")
            text = source.read_text(encoding="utf-8")
        entries = tomllib.loads(text).get("requirements", [])
        for number, entry in enumerate(entries):
            if not entry.get("isco") or not entry.get("nl"):
                raise ValueError(f"requirements[{number}]: needs 'isco' codes and an 'nl' text")
        return cls(
            [
                Requirement(
                    tuple(str(c) for c in e["isco"]), {"nl": e["nl"], "en": e.get("en", "")}
                )
                for e in entries
            ]
        )

    def of(self, occupation: Occupation) -> Requirement | None:
        code = occupation.isco_group
        for length in range(len(code), 0, -1):
            found = self._by_code.get(code[:length])
            if found is not None:
                return found
        return None
