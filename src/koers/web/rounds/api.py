"""Calling rounds in the API, for a personal token: the rounds, the open entries in call order
with their reasons, and recording a call (as the work-through screen does)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError

from koers.web.api.auth import TokenAuth, worker_of
from koers.web.api.problems import WORKSPACE_ERRORS, Problem
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record_listing, target_of
from koers.web.clients.actions import submitted_contact
from koers.web.clients.models import Contact
from koers.web.clients.schemas import ContactIn, ContactOut, form_token, idempotency_key_header
from koers.web.rounds import actions, queries
from koers.web.rounds.access import get_entry_for, get_round_for, workable_coach_ids
from koers.web.rounds.models import Round
from koers.web.rounds.schemas import EntryOut, RoundOut

router = Router(tags=["rounds"], auth=TokenAuth())


@router.get(
    "/rounds",
    response={200: list[RoundOut], **WORKSPACE_ERRORS},
    operation_id="list_rounds",
    summary="Your calling rounds (a team lead: also the team's)",
)
def list_rounds(request: HttpRequest, open_only: bool = False) -> list[Round]:
    rounds = queries.rounds_for(worker_of(request))
    if open_only:
        rounds = rounds.filter(closed_at__isnull=True)
    return list(rounds)


@router.get(
    "/rounds/{round_id}/entries",
    response={200: list[EntryOut], **WORKSPACE_ERRORS},
    operation_id="list_round_entries",
    summary="A round's open entries in call order, with the reasons",
)
def list_entries(request: HttpRequest, round_id: int) -> list[dict[str, Any]]:
    """Paused clients come last, with the date their pause ends."""
    user = worker_of(request)
    round_ = get_round_for(user, round_id)
    rows = queries.call_list(round_, coach_ids=workable_coach_ids(user))
    record_listing(by=user, what=AuditAction.CLIENT_LISTED, target=target_of(round_))
    return [
        {
            "id": row.entry.pk,
            "client": {"id": row.entry.client.pk, "name": row.entry.client.name},
            "pinned": row.entry.pinned,
            "skipped_at": row.entry.skipped_at,
            "paused_until": row.paused_until,
            "score": row.priority.score,
            "reasons": row.priority.reasons,
        }
        for row in rows
    ]


@router.post(
    "/rounds/{round_id}/entries/{entry_id}/call",
    response={201: ContactOut, 409: Problem, **WORKSPACE_ERRORS},
    operation_id="record_call",
    summary="Record a call of a round (a token with the write scope)",
)
def record_call(
    request: HttpRequest,
    round_id: int,
    entry_id: int,
    payload: ContactIn,
    idempotency_key: str = idempotency_key_header(),
) -> Status[Contact]:
    """Logged as a contact; a failed attempt sends the client to the back of the list."""
    user = worker_of(request, write=True)
    entry = get_entry_for(user, get_round_for(user, round_id), entry_id)
    token = form_token(user, idempotency_key)
    # A done entry takes no further call; a retry of the call that finished it is answered.
    if (
        entry.done_at is not None
        and submitted_contact(by=user, client=entry.client, token=token) is None
    ):
        raise HttpError(409, "this entry is done: log a further contact on the client")
    values = payload.values(entry.client)
    return Status(201, actions.record_call(by=user, entry=entry, values=values, token=token))
