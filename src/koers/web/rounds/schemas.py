"""Calling rounds in the API: a round with its progress, an open entry with why it is next."""

from __future__ import annotations

import datetime

from ninja import Schema

from koers.web.clients.schemas import Coach


class RoundOut(Schema):
    id: int
    title: str
    scope: str
    coach: Coach
    started_at: datetime.datetime
    closed_at: datetime.datetime | None
    done: int
    total: int


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
