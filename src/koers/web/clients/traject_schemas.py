"""A client's trajecten in the API: what one looks like, and starting, changing or moving
one (ninja)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, ModelSchema, Schema
from pydantic import ConfigDict

from koers.web.clients.choices import BudgetUnit, Outcome, TrajectStatus
from koers.web.clients.inputs import TrajectValues, as_traject_values
from koers.web.clients.models import Afspraak, Opdrachtgever, Traject


class TrajectOut(ModelSchema):
    """A traject: who pays (``opdrachtgever``, its id), the budget, and how far it is."""

    minutes_used: int = Field(0, description="Minutes of the contacts logged on it.")

    class Meta:
        model = Traject
        fields = [
            "id",
            "opdrachtgever",
            "order_number",
            "budget_unit",
            "budget",
            "hourly_rate",
            "starts",
            "ends",
            "afspraak",
            "status",
            "outcome",
            "closed_on",
            "version",
        ]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    "opdrachtgever": 2,
                    "order_number": "UWV-2026-0412",
                    "budget_unit": "uren",
                    "budget": "20.00",
                    "hourly_rate": None,
                    "starts": "2026-11-02",
                    "ends": "2027-05-01",
                    "afspraak": None,
                    "status": "actief",
                    "outcome": "",
                    "closed_on": None,
                    "version": 3,
                    "minutes_used": 135,
                }
            ]
        }
    )


class TrajectFields(Schema):
    order_number: str | None = None
    budget_unit: BudgetUnit | None = None
    budget: Decimal | None = Field(None, ge=0)
    hourly_rate: Decimal | None = Field(None, ge=0)
    ends: datetime.date | None = None
    afspraak: int | None = Field(None, description="An agreement (its id), or null for none.")

    def values(self) -> TrajectValues:
        """The fields sent (not ``version``), as ``TrajectValues``: ids become their rows."""
        values: dict[str, Any] = self.dict(exclude_unset=True, exclude={"version"})
        if "opdrachtgever" in values:
            values["opdrachtgever"] = _row(Opdrachtgever, "opdrachtgever", values["opdrachtgever"])
        if values.get("afspraak") is not None:
            values["afspraak"] = _row(Afspraak, "afspraak", values["afspraak"])
        return as_traject_values(values)


def _row(model: type[Opdrachtgever] | type[Afspraak], field: str, pk: int) -> Any:
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: f"no {field} has the id {pk}"})
    return found


class TrajectIn(TrajectFields):
    """A new traject: who pays and from when; the rest as on the page's form."""

    opdrachtgever: int = Field(..., description="Who pays (an opdrachtgever's id).")
    starts: datetime.date

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"opdrachtgever": 2, "starts": "2026-11-02", "budget": "20"}]
        }
    )


class TrajectChange(TrajectFields):
    """The fields to change and the ``version`` read (409 if it is no longer current)."""

    version: int = Field(..., ge=1)
    opdrachtgever: int | None = None
    starts: datetime.date | None = None

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"version": 3, "ends": "2027-06-30"}]}
    )


class TrajectStep(Schema):
    """One step: aangemeld → intake → actief ⇄ gepauzeerd, and from each to afgesloten."""

    status: TrajectStatus
    outcome: Outcome | None = Field(None, description="Needed to close (afgesloten).")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"status": "intake"}, {"status": "afgesloten", "outcome": "vwnw"}]
        }
    )
