"""What the client actions take: typed rows, so that mypy checks every caller (forms, the CSV
import, intake, rounds, tests); the actions still refuse unknown keys at run time, since a row
may come from outside the type checker's sight."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TypedDict, cast

from koers.web.clients.models import Afspraak, Opdrachtgever, Traject
from koers.web.common.inputs import refuse_unknown


class ClientValues(TypedDict, total=False):
    """A client's own fields; creating one needs ``first_name`` and ``situation`` (the model
    says so), a change gives only what changed."""

    first_name: str
    last_name: str
    email: str
    phone: str
    call_times: list[str]
    call_times_note: str
    language: str
    employer: str
    sector: str
    contract_type: str
    education_level: str
    occupation_uri: str
    situation: str
    question_type: str
    urgency: str
    channel: str
    digital_skills: str
    support_reasons: list[str]
    notes: str


class TrajectValues(TypedDict, total=False):
    """A traject's fields; creating one needs ``opdrachtgever`` and ``starts``."""

    opdrachtgever: Opdrachtgever
    order_number: str
    budget_unit: str
    budget: Decimal | None
    hourly_rate: Decimal | None
    starts: datetime.date
    ends: datetime.date | None
    afspraak: Afspraak | None


class ContactValues(TypedDict, total=False):
    """One contact as the coach logs it; ``at`` and ``outcome`` are needed."""

    at: datetime.datetime
    channel: str
    with_whom: str
    outcome: str
    callback_at: datetime.datetime | None
    minutes: int
    traject: Traject | None
    situation_after: str
    urgency_after: str
    summary: str
    next_action: str
    next_action_on: datetime.date | None
    shareable: bool


# The keys each row allows, read from the type itself (all optional: total=False).
CLIENT_FIELDS = ClientValues.__optional_keys__
TRAJECT_FIELDS = TrajectValues.__optional_keys__
CONTACT_FIELDS = ContactValues.__optional_keys__


def as_client_values(row: Mapping[str, object]) -> ClientValues:
    """A row built field by field (the CSV import reads its columns so) as ``ClientValues``,
    its keys checked; the model checks the values when the action saves it."""
    refuse_unknown(row, CLIENT_FIELDS)
    return cast(ClientValues, dict(row))


def as_traject_values(row: Mapping[str, object]) -> TrajectValues:
    """A row built field by field as ``TrajectValues``, its keys checked."""
    refuse_unknown(row, TRAJECT_FIELDS)
    return cast(TrajectValues, dict(row))
