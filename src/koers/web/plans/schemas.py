"""The career plan in the API: the snapshot format of docs/plans.md (``koers.plan/1``), with
the client's number added, as ``koers plan show CLIENT --json`` prints it."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema
from pydantic import ConfigDict

URI = "http://data.europa.eu/esco/occupation/099c6bb0-22d3-4c5d-8bf5-70910af381ef"


class HeldOccupation(Schema):
    uri: str
    years: int | None


class PlanSkill(Schema):
    uri: str
    source: str
    own_words: str


class LearningStep(Schema):
    skill_uri: str
    course: int | None
    application: int | None


class Direction(Schema):
    position: int
    kind: str
    occupation_uri: str
    why: str
    learning_steps: list[LearningStep]


class PlanAction(Schema):
    id: int
    what: str
    who: str
    due_on: datetime.date | None
    done_on: datetime.date | None


class PlanOut(Schema):
    """The whole current plan: URIs, codes and ISO dates, no labels (docs/plans.md)."""

    client: int
    format: str
    version: int
    standing: str
    reflection: dict[str, Any]
    client_notes: str
    coach_notes: str
    occupations: list[HeldOccupation]
    skills: list[PlanSkill]
    directions: list[Direction]
    actions: list[PlanAction]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "client": 42,
                    "format": "koers.plan/1",
                    "version": 7,
                    "standing": "Ik wil minder staan.",
                    "reflection": {"gives": ["people"], "own_words": "Mijn rug."},
                    "client_notes": "",
                    "coach_notes": "",
                    "occupations": [{"uri": URI, "years": 12}],
                    "skills": [],
                    "directions": [
                        {
                            "position": 1,
                            "kind": "new",
                            "occupation_uri": URI,
                            "why": "Met mensen, minder staan.",
                            "learning_steps": [],
                        }
                    ],
                    "actions": [
                        {
                            "id": 5,
                            "what": "Solliciteren bij de salon",
                            "who": "client",
                            "due_on": "2026-12-09",
                            "done_on": None,
                        }
                    ],
                }
            ]
        }
    )
