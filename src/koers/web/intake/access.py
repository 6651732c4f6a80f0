"""Who may handle which call-back request: team leads and the coach it is assigned to.

A new request is open to every team lead (it has no team yet); an assigned one to the
team lead of the coach's team and to that coach. Admins never see requests. Anything else
answers 404.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from koers.web.accounts.models import User
from koers.web.accounts.permissions import can_lead_team, can_work_with_clients
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record_listing
from koers.web.intake import queries
from koers.web.intake.models import CallbackRequest, Status


def leads(user: User, callback: CallbackRequest) -> bool:
    """A team lead for a new request, or for one assigned to a coach of their team."""
    if not (user.is_active and can_lead_team(user)) or not callback.is_open:
        return False
    if callback.status == Status.NEW:
        return True
    return callback.coach is not None and user.leads_team_of(callback.coach)


def is_assigned_to(user: User, callback: CallbackRequest) -> bool:
    return callback.status == Status.ASSIGNED and callback.coach_id == user.pk


def can_handle(user: User, callback: CallbackRequest) -> bool:
    """See the request with its phone number, turn it into a client, or decline it."""
    return can_work_with_clients(user) and (leads(user, callback) or is_assigned_to(user, callback))


def can_assign(user: User, callback: CallbackRequest) -> bool:
    return can_work_with_clients(user) and leads(user, callback)


def get_request_for(user: User, pk: int) -> CallbackRequest:
    """The open request ``pk`` if ``user`` may handle it, else 404."""
    callback = get_object_or_404(CallbackRequest.objects.select_related("coach"), pk=pk)
    if not can_handle(user, callback):
        raise Http404
    return callback


def requests_to_call_for(user: User, *, limit: int = 25) -> list[CallbackRequest]:
    """The requests ``user`` should call back (``queries.to_call_back``), at most ``limit``;
    a page that shows their names records that it did."""
    found = queries.to_call_back(user, limit=limit)
    if found:
        record_listing(by=user, what=AuditAction.INTAKE_LISTED, detail=f"{len(found)} to call")
    return found
