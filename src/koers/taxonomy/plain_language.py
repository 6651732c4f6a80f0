"""Plain-language texts and synonyms per occupation: Koers's own, and an installation's.

Koers ships B1 Dutch texts for the occupations people search most
(data/plain_language_nl.toml). KOERS_PLAIN_LANGUAGE_FILE names an installation's own
TOML file in the same shape, which wins per occupation and language, for example::

    [[occupations]]
    uri = "http://data.europa.eu/esco/occupation/099c6bb0-22d3-4c5d-8bf5-70910af381ef"
    text_nl = "Je knipt, kleurt en stylt haar. Je praat veel met klanten."
    synonyms_nl = ["haarkunstenaar", "kapsalonmedewerker"]

Texts replace the ESCO description on the explorer's occupation page; a synonym typed
exactly puts its occupation first in the suggestions.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from koers.taxonomy.labels import normalise

ENV_VARIABLE = "KOERS_PLAIN_LANGUAGE_FILE"
DEFAULT_TEXTS = Path(__file__).parent / "data" / "plain_language_nl.toml"


@dataclass
class PlainLanguage:
    texts: dict[tuple[str, str], str] = field(default_factory=dict)
    synonyms: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> PlainLanguage:
        """Koers's own texts, then ``path`` (else KOERS_PLAIN_LANGUAGE_FILE) over them."""
        plain = cls()
        plain.read(DEFAULT_TEXTS)
        configured = path or os.environ.get(ENV_VARIABLE)
        if configured:
            plain.read(Path(configured))
        return plain

    def read(self, path: Path) -> None:
        """Add the entries of one TOML file; a text replaces an earlier one for its occupation."""
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("occupations", [])
        for number, entry in enumerate(entries):
            uri = entry.get("uri", "")
            if not uri.startswith("http://data.europa.eu/esco/occupation/"):
                raise ValueError(f"{path}: occupations[{number}]: 'uri' is no ESCO occupation")
            for language in ("nl", "en"):
                if entry.get(f"text_{language}"):
                    self.texts[(uri, language)] = entry[f"text_{language}"]
                for synonym in entry.get(f"synonyms_{language}", []):
                    self.synonyms.setdefault((normalise(synonym), language), []).append(uri)

    def text(self, uri: str, language: str) -> str | None:
        return self.texts.get((uri, language))

    def occupations_named(self, query: str, language: str) -> list[str]:
        """The occupations an installation gave this exact synonym in ``language``."""
        return self.synonyms.get((normalise(query), language), [])
