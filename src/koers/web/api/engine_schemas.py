"""The engine's answers as schemas, for the OpenAPI document; the bodies themselves are made by
koers.shapes, the same objects ``koers … --json`` prints."""

from __future__ import annotations

from ninja import Field, Schema


class Named(Schema):
    uri: str
    label: str


class Match(Named):
    matched_label: str
    score: float


class SearchOut(Schema):
    query: str
    results: list[Match]


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
