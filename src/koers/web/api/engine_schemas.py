"""The engine's answers as schemas, for the OpenAPI document; the bodies themselves are made by
koers.shapes, the same objects ``koers … --json`` prints."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

ESCO = "http://data.europa.eu/esco/"
KAPPER: JsonDict = {
    "uri": f"{ESCO}occupation/099c6bb0-22d3-4c5d-8bf5-70910af381ef",
    "label": "kapper",
}
HERENKAPPER: JsonDict = {
    "uri": f"{ESCO}occupation/4e0c14d6-b170-40f1-bcdc-703c0b92109b",
    "label": "herenkapper",
}
HAIR_TOOLS: JsonDict = {
    "uri": f"{ESCO}skill/5f27371a-1cf3-4a81-9faf-12fab80cb3e1",
    "label": "apparatuur voor haarverzorging gebruiken",
}
BARBERING: JsonDict = {
    "uri": f"{ESCO}skill/98b28b00-81e6-41f0-8283-2335c9f5d3f3",
    "label": "herenkapperstechnieken",
}
NO_VITALITY: JsonDict = {"class": "none", "group": "", "reason": "", "source": ""}


class Schema(BaseModel):
    """Plain pydantic models, not ninja's Schema: the answers are dicts, and ninja's attribute
    getter around each of a transitions answer's 13,000 values took half of its CPU."""


class Named(Schema):
    uri: str
    label: str


class Match(Named):
    matched_label: str
    score: float


class SearchOut(Schema):
    query: str
    results: list[Match]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "kapster",
                    "results": [{**KAPPER, "matched_label": "kapster", "score": 1.0}],
                }
            ]
        }
    )


class Vitality(Schema):
    """Whether the work went on in March 2020 (``crucial``, ``secondary`` or ``none``)."""

    class_: str = Field(alias="class")
    group: str
    reason: str
    source: str


class IscoGroup(Schema):
    code: str
    label: str


class OccupationOut(Named):
    code: str
    alt_labels: list[str]
    description: str
    isco_group: IscoGroup
    nace_codes: list[str]
    vitality: Vitality
    essential_skills: list[Named]
    optional_skills: list[Named]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **KAPPER,
                    "code": "5141.1",
                    "alt_labels": ["vrouwenkapster", "haarkapper"],
                    "description": "Kappers bieden schoonheidsdiensten aan …",
                    "isco_group": {"code": "5141", "label": "Kappers"},
                    "nace_codes": ["http://data.europa.eu/ux2/nace2.1/9621"],
                    "vitality": NO_VITALITY,
                    "essential_skills": [HAIR_TOOLS],
                    "optional_skills": [],
                }
            ]
        }
    )


class TransitionOut(Named):
    score: float
    essential_coverage: float
    vital: str
    step: str
    continues: bool
    vitality: Vitality
    shared_skills: list[Named]
    missing_essential: list[Named]
    missing_optional: list[Named]
    signals: dict[str, float]


class TransitionsOut(Schema):
    origin: Named
    transitions: list[TransitionOut]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "origin": KAPPER,
                    "transitions": [
                        {
                            **HERENKAPPER,
                            "score": 0.9102,
                            "essential_coverage": 0.75,
                            "vital": "none",
                            "step": "small",
                            "continues": False,
                            "vitality": NO_VITALITY,
                            "shared_skills": [HAIR_TOOLS],
                            "missing_essential": [BARBERING],
                            "missing_optional": [],
                            "signals": {"skill_overlap": 0.7397, "isco_proximity": 1.0},
                        }
                    ],
                }
            ]
        }
    )


class GapSkill(Named):
    essential: bool


class GapStep(Schema):
    group: Named
    skills: list[GapSkill]


class GapOut(Schema):
    origin: Named
    target: Named
    score: float
    step: str
    continues: bool
    essential_coverage: float
    essential_known: int
    essential_total: int
    already: list[Named]
    steps: list[GapStep]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "origin": KAPPER,
                    "target": HERENKAPPER,
                    "score": 0.9102,
                    "step": "small",
                    "continues": False,
                    "essential_coverage": 0.75,
                    "essential_known": 12,
                    "essential_total": 16,
                    "already": [HAIR_TOOLS],
                    "steps": [
                        {
                            "group": {
                                "uri": f"{ESCO}isced-f/1012",
                                "label": "haar- en schoonheidsverzorging",
                            },
                            "skills": [{**BARBERING, "essential": True}],
                        }
                    ],
                }
            ]
        }
    )
