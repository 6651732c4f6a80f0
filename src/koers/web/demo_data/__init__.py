"""Demo data: teams, coaches and a synthetic caseload, the same for the same seed and day."""

from __future__ import annotations

# The actions write one audited row at a time, which would take hours for a million
# contacts. This package writes with ``bulk_create`` in batches instead, inside one
# transaction, and records one audit entry for the whole generation. Nothing here is a real
# person: names are drawn from common Dutch names, e-mail addresses use example.org.
from koers.web.demo_data.generate import create_demo_data, knowledge_base_occupations
from koers.web.demo_data.results import CaseloadNotEmptyError, DemoData, Progress

__all__ = [
    "CaseloadNotEmptyError",
    "DemoData",
    "Progress",
    "create_demo_data",
    "knowledge_base_occupations",
]
