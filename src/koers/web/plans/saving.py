"""How every change to a plan is saved: access checked, the plan locked and its version
compared, the ESCO concepts known, then the next version's snapshot and one audit entry."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from koers import knowledge
from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, target_of
from koers.web.clients.access import may_open_client
from koers.web.clients.actions import ConflictError
from koers.web.clients.models import Client
from koers.web.plans.choices import PlanChange
from koers.web.plans.inputs import PLAN_FIELDS
from koers.web.plans.models import Plan, PlanVersion
from koers.web.plans.snapshot import snapshot_of


def check_access(by: User, client: Client) -> None:
    if not may_open_client(by, client):
        raise PermissionDenied("this user may not open this client's plan")


def known_occupation(field: str, uri: str) -> str:
    if uri not in knowledge.taxonomy().occupation_index:
        raise ValidationError(
            {field: _("%(uri)s is not an occupation in the knowledge base.") % {"uri": uri}}
        )
    return uri


def known_skill(field: str, uri: str) -> str:
    if uri not in knowledge.taxonomy().skill_index:
        raise ValidationError(
            {field: _("%(uri)s is not a skill in the knowledge base.") % {"uri": uri}}
        )
    return uri


def locked_plan(by: User, plan_id: int, version: int) -> Plan:
    """The plan, locked until the end of the transaction, if ``by`` may change it and nobody
    saved since ``version``."""
    current = Plan.objects.select_for_update().select_related("client__coach").get(pk=plan_id)
    check_access(by, current.client)
    if current.version != version:
        raise ConflictError(current)
    return current


def save_version(
    by: User,
    plan: Plan,
    change: PlanChange,
    fields: list[str],
    target: str = "",
    *,
    caller: Plan | None = None,
) -> Plan:
    """Save the plan as its next version (with the plan's own ``fields`` that changed), keep
    the snapshot, and audit it.

    ``caller`` is the plan object the caller holds: it learns the new version, so that the
    next change from the same editor is not refused as a conflict.
    """
    plan.version += 1
    if caller is not None:
        caller.version = plan.version
    own = [name for name in fields if name in PLAN_FIELDS]
    plan.save(update_fields=["version", "updated_at", *own])
    PlanVersion.objects.create(
        plan=plan, number=plan.version, change=change, saved_by=by, snapshot=snapshot_of(plan)
    )
    record(
        by=by,
        action=AuditAction.PLAN_CHANGED,
        client_id=plan.client_id,
        target=target or target_of(plan),
        fields=fields,
        detail=change,
    )
    return plan
