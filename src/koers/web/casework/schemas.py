"""Pauses in the API: a pause as it was set, pausing a client, and what falls due in a pause."""

from __future__ import annotations

import datetime

from ninja import Field, ModelSchema, Schema
from pydantic import ConfigDict

from koers.web.api.problems import Problem
from koers.web.clients.choices import PauseReason
from koers.web.clients.models import Pause
from koers.web.clients.schemas import Coach


class PauseOut(ModelSchema):
    """A pause of the career question: the client stays out of calling rounds until ``until``."""

    by: Coach | None

    class Meta:
        model = Pause
        fields = ["id", "starts", "until", "reason", "note", "ended_early_on", "created_at"]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 12,
                    "starts": "2026-12-01",
                    "until": "2027-01-05",
                    "reason": "zorg",
                    "note": "",
                    "ended_early_on": None,
                    "created_at": "2026-12-01T10:04:00+01:00",
                    "by": {"id": 3, "name": "Anna Jansen"},
                }
            ]
        }
    )


class PauseIn(Schema):
    """As the page's form: from today until a date; what falls due in the pause needs a yes."""

    until: datetime.date
    reason: PauseReason
    note: str = Field("", max_length=300)
    deadlines_confirmed: bool = Field(
        False, description="Pause even though something falls due (the 409 lists what)."
    )

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"until": "2027-01-05", "reason": "zorg"}]}
    )


class DeadlineOut(Schema):
    on: datetime.date
    what: str


class DeadlinesInPause(Problem):
    """409: something falls due in the pause; send again with ``deadlines_confirmed``."""

    deadlines: list[DeadlineOut]
