"""Training applications in the API: an application with its funding lines."""

from __future__ import annotations

from decimal import Decimal

from ninja import ModelSchema, Schema
from pydantic import ConfigDict

from koers.web.training.models import Application


class SchemeRef(Schema):
    id: int
    name: str


class WindowRef(Schema):
    id: int
    label: str


class FundingLineOut(Schema):
    """One source of money: the scheme and its window, what was asked, granted and paid."""

    scheme: SchemeRef
    window: WindowRef | None
    asked: Decimal
    granted: Decimal | None
    paid: Decimal | None


class ApplicationOut(ModelSchema):
    """A training-funding application of one of the client's trajecten."""

    lines: list[FundingLineOut]

    class Meta:
        model = Application
        fields = [
            "id",
            "traject",
            "course",
            "course_title",
            "provider",
            "cost",
            "target_uri",
            "applicant",
            "reference",
            "study_cost_clause",
            "latest_start_on",
            "completion_on",
            "claim_on",
            "note",
            "status",
            "status_on",
            "deadline_on",
            "deadline_kind",
            "version",
            "created_at",
        ]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 4,
                    "traject": 7,
                    "course": 11,
                    "course_title": "Helpende zorg en welzijn",
                    "provider": "ROC Midden",
                    "cost": "900.00",
                    "target_uri": "",
                    "applicant": "adviseur",
                    "reference": "",
                    "study_cost_clause": False,
                    "latest_start_on": None,
                    "completion_on": None,
                    "claim_on": None,
                    "note": "",
                    "status": "ingediend",
                    "status_on": "2026-11-20",
                    "deadline_on": "2027-01-20",
                    "deadline_kind": "claim",
                    "version": 2,
                    "created_at": "2026-11-18T14:30:00+01:00",
                    "lines": [
                        {
                            "scheme": {"id": 1, "name": "NL leert door"},
                            "window": {"id": 2, "label": "2027"},
                            "asked": "900.00",
                            "granted": None,
                            "paid": None,
                        }
                    ],
                }
            ]
        }
    )
