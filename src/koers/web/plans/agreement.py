"""The client's answer to a version of their plan, given through their private link."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.web.audit.models import AuditAction
from koers.web.audit.trail import channel, record, target_of
from koers.web.common.bsn import refuse_bsn_in
from koers.web.plans.models import PlanVersion

# The audit trail's channel for what the client does through their private link (no account).
CLIENT_CHANNEL = "link"


@transaction.atomic
def record_agreement(*, version: PlanVersion, agreed: bool, comment: str = "") -> PlanVersion:
    """The client's answer to one version: "I agree with this plan", or what they would change.

    The client has no account: the audit entry has no actor and comes through the channel
    ``link`` (their private link). A version is answered once; a later change makes a new
    version that can be answered again.
    """
    refuse_bsn_in({"comment": comment})
    current = (
        PlanVersion.objects.select_for_update().select_related("plan__client").get(pk=version.pk)
    )
    if current.plan.client.erased_at is not None:
        raise PermissionDenied("the client's data was erased")
    if current.answered_at is not None:
        raise ValidationError(_("This version of the plan was answered already."))
    if not agreed and not comment.strip():
        raise ValidationError({"comment": _("Say what you would change, or agree with the plan.")})
    if len(comment) > 2000:
        raise ValidationError({"comment": _("At most 2000 characters, please.")})
    now = timezone.now()
    answer = {"answered_at": now, "agreed_at": now if agreed else None, "comment": comment}
    PlanVersion.objects.filter(pk=current.pk).update(**answer)
    for name, value in answer.items():
        setattr(current, name, value)
    with channel(CLIENT_CHANNEL):
        record(
            by=None,
            action=AuditAction.PLAN_AGREED,
            client_id=current.plan.client_id,
            target=target_of(current),
            fields=["agreed_at", "comment"] if comment else ["agreed_at"],
            detail=f"v{current.number} " + ("agreed" if agreed else "changes asked"),
        )
    return current
