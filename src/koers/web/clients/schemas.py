"""The client file in the API: what a list row, a client and a contact look like (ninja)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, ModelSchema, Schema
from ninja.params import functions as param
from pydantic import ConfigDict
from pydantic.config import JsonDict

from koers.web.accounts.models import User
from koers.web.clients.choices import (
    CallTime,
    Channel,
    ContactOutcome,
    Situation,
    SupportReason,
    TrajectStatus,
    Urgency,
    WithWhom,
)
from koers.web.clients.inputs import ContactValues
from koers.web.clients.models import Client, Contact

ANNA: JsonDict = {"id": 3, "name": "Anna Jansen"}
ROW: JsonDict = {
    "id": 42,
    "first_name": "Sandra",
    "last_name": "Bakker",
    "situation": "at_risk",
    "urgency": "high",
    "coach": ANNA,
    "last_reached_at": "2026-11-28T10:15:00+01:00",
    "version": 4,
}
CONTACT: JsonDict = {
    "at": "2026-12-01T10:00:00+01:00",
    "outcome": "bereikt",
    "channel": "telefoon",
    "with_whom": "client",
    "minutes": 20,
    "summary": "Gebeld over de opleiding.",
    "next_action": "Offerte ROC opvragen",
    "next_action_on": "2026-12-08",
}


class Coach(Schema):
    id: int
    name: str = Field(..., alias="display_name")


class ClientRow(Schema):
    """One client of the caseload list."""

    id: int
    first_name: str
    last_name: str
    situation: str
    urgency: str
    coach: Coach
    last_reached_at: datetime.datetime | None
    version: int


class ClientPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ClientRow]

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"count": 1, "page": 1, "pages": 1, "results": [ROW]}]}
    )


class ClientOut(ModelSchema):
    """A client's file; send ``version`` back with a change (409 when someone saved first)."""

    coach: Coach
    # Lists of codes in the database (JSON fields): named as what they hold.
    call_times: list[CallTime]
    support_reasons: list[SupportReason]

    class Meta:
        model = Client
        fields = [
            "id",
            "first_name",
            "last_name",
            "email",
            "phone",
            "call_times",
            "call_times_note",
            "language",
            "employer",
            "sector",
            "contract_type",
            "education_level",
            "occupation_uri",
            "situation",
            "question_type",
            "urgency",
            "channel",
            "digital_skills",
            "support_reasons",
            "notes",
            "needs_other_route",
            "last_reached_at",
            "version",
            "created_at",
            "updated_at",
        ]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **ROW,
                    "email": "sandra@example.org",
                    "phone": "06 12345678",
                    "call_times": ["ochtend"],
                    "call_times_note": "",
                    "language": "nl",
                    "employer": "Kapsalon Knip",
                    "sector": "S",
                    "contract_type": "vast",
                    "education_level": "mbo1",
                    "occupation_uri": "http://data.europa.eu/esco/occupation/099c6bb0-22d3-4c5d-8bf5-70910af381ef",
                    "question_type": "long",
                    "channel": "telefoon",
                    "digital_skills": "",
                    "support_reasons": [],
                    "notes": "",
                    "needs_other_route": False,
                    "created_at": "2026-09-01T09:00:00+02:00",
                    "updated_at": "2026-11-28T10:20:00+01:00",
                }
            ]
        }
    )


class ContactOut(ModelSchema):
    by: Coach | None

    class Meta:
        model = Contact
        fields = [
            "id",
            "at",
            "channel",
            "with_whom",
            "outcome",
            "callback_at",
            "minutes",
            "traject",
            "situation_after",
            "urgency_after",
            "summary",
            "next_action",
            "next_action_on",
            "shareable",
            "created_at",
        ]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **CONTACT,
                    "id": 118,
                    "by": ANNA,
                    "callback_at": None,
                    "traject": 7,
                    "situation_after": "",
                    "urgency_after": "",
                    "shareable": False,
                    "created_at": "2026-12-01T10:21:00+01:00",
                }
            ]
        }
    )


# An Idempotency-Key is kept as the contact's form token, after "api:<user id>:".
KEY_MAX = 40


def idempotency_key_header() -> Any:
    """The ``Idempotency-Key`` header of an endpoint that logs a contact."""
    return param.Header(
        "",
        alias="Idempotency-Key",
        max_length=KEY_MAX,
        description="The same key again returns the contact logged the first time.",
    )


def form_token(user: User, key: str) -> str:
    """The contact's form token for ``key``: keys of different users never meet."""
    return f"api:{user.pk}:{key}" if key else ""


class ContactIn(Schema):
    """A contact as the coach logs it on the page; the same rules (no BSN, choices) hold."""

    at: datetime.datetime
    outcome: ContactOutcome
    channel: Channel = Channel.PHONE
    with_whom: WithWhom = WithWhom.CLIENT
    callback_at: datetime.datetime | None = None
    minutes: int = Field(0, ge=0, le=600)
    traject: int | None = Field(None, description="An open traject of this client (its id).")
    situation_after: Situation | None = Field(None, description="Leave out: unchanged.")
    urgency_after: Urgency | None = Field(None, description="Leave out: unchanged.")
    summary: str = ""
    next_action: str = ""
    next_action_on: datetime.date | None = None
    shareable: bool = False

    model_config = ConfigDict(json_schema_extra={"examples": [CONTACT]})

    def values(self, client: Client) -> ContactValues:
        """What ``log_contact`` takes; ``traject`` must be an open traject of ``client``."""
        traject = None
        if self.traject is not None:
            trajecten = client.trajecten.exclude(status=TrajectStatus.CLOSED)
            traject = trajecten.filter(pk=self.traject).first()
            if traject is None:
                raise ValidationError({"traject": "no open traject of this client has this id"})
        return {
            "at": self.at,
            "outcome": self.outcome,
            "channel": self.channel,
            "with_whom": self.with_whom,
            "callback_at": self.callback_at,
            "minutes": self.minutes,
            "traject": traject,
            "situation_after": self.situation_after or "",
            "urgency_after": self.urgency_after or "",
            "summary": self.summary,
            "next_action": self.next_action,
            "next_action_on": self.next_action_on,
            "shareable": self.shareable,
        }


class ClientFields(Schema):
    """A client's own fields, each optional: what is left out is not touched (a change) or takes
    the model's default (a new client). The model's rules and choices hold (never a BSN)."""

    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    call_times: list[CallTime] | None = None
    call_times_note: str | None = None
    language: str | None = None
    employer: str | None = None
    sector: str | None = Field(None, description="One letter, A to U, or empty.")
    contract_type: str | None = None
    education_level: str | None = None
    occupation_uri: str | None = Field(None, description="An ESCO occupation URI, or empty.")
    situation: Situation | None = None
    question_type: str | None = None
    urgency: Urgency | None = None
    channel: Channel | None = None
    digital_skills: str | None = None
    support_reasons: list[SupportReason] | None = None
    notes: str | None = None


class ClientChange(ClientFields):
    """The fields to change, and the ``version`` they were read at (409 if it is no longer
    current)."""

    version: int = Field(..., ge=1)

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"version": 4, "urgency": "medium", "phone": "06 87654321"}]
        }
    )


class ClientIn(ClientFields):
    """A new client of the token's user, as the page "Nieuwe cliënt" makes one: a first name
    and the situation are needed."""

    first_name: str
    situation: Situation

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "first_name": "Sandra",
                    "last_name": "Bakker",
                    "phone": "06 12345678",
                    "situation": "lost_job",
                    "urgency": "high",
                }
            ]
        }
    )
