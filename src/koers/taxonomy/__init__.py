"""The ESCO knowledge base: import, snapshot, look-ups and job-title search (no Django)."""

from koers.taxonomy.esco_csv import import_esco
from koers.taxonomy.knowledge_base import Taxonomy
from koers.taxonomy.messages import EscoImportError, ImportMessage, ImportReport
from koers.taxonomy.model import ConceptText, IscoGroup, Occupation, Skill, SkillGroup
from koers.taxonomy.snapshot import SnapshotError, load_snapshot, save_snapshot

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
