"""The ESCO knowledge base: import, snapshot, look-ups and job-title search (no Django).

The names below load their module on first use: a command that only searches job titles
starts without the importer and its dependencies.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from koers.taxonomy.esco_csv import import_esco
    from koers.taxonomy.knowledge_base import Taxonomy
    from koers.taxonomy.messages import EscoImportError, ImportMessage, ImportReport
    from koers.taxonomy.model import ConceptText, IscoGroup, Occupation, Skill, SkillGroup
    from koers.taxonomy.snapshot import SnapshotError, load_snapshot, save_snapshot

_MODULES = {
    "import_esco": "esco_csv",
    "Taxonomy": "knowledge_base",
    "EscoImportError": "messages",
    "ImportMessage": "messages",
    "ImportReport": "messages",
    "ConceptText": "model",
    "IscoGroup": "model",
    "Occupation": "model",
    "Skill": "model",
    "SkillGroup": "model",
    "SnapshotError": "snapshot",
    "load_snapshot": "snapshot",
    "save_snapshot": "snapshot",
}

__all__ = [
    "ConceptText",
    "EscoImportError",
    "ImportMessage",
    "ImportReport",
    "IscoGroup",
    "Occupation",
    "Skill",
    "SkillGroup",
    "SnapshotError",
    "Taxonomy",
    "import_esco",
    "load_snapshot",
    "save_snapshot",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
