"""Calling rounds in the API: a round with its progress, an open entry with why it is next."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import ConfigDict

from koers.web.clients.schemas import ANNA, Coach


class RoundOut(Schema):
    id: int
    title: str
    scope: str
    coach: Coach
    started_at: datetime.datetime
    closed_at: datetime.datetime | None
    done: int
    total: int

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 5,
                    "title": "December",
                    "scope": "UWV",
                    "coach": ANNA,
                    "started_at": "2026-12-01T09:00:00+01:00",
                    "closed_at": None,
                    "done": 3,
                    "total": 12,
                }
            ]
        }
    )


class EntryClient(Schema):
    id: int
    name: str


class EntryOut(Schema):
    """An open entry, in call order; ``reasons`` say why it stands where it stands."""

    id: int
    client: EntryClient
    pinned: bool
    skipped_at: datetime.datetime | None
    paused_until: datetime.date | None
    score: float
    reasons: list[str]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 61,
                    "client": {"id": 42, "name": "Sandra Bakker"},
                    "pinned": False,
                    "skipped_at": None,
                    "paused_until": None,
                    "score": 7.5,
                    "reasons": ["follow-up due", "a good time to call"],
                }
            ]
        }
    )
