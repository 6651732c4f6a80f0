"""Opening a client's plan: allowed exactly when the client may be opened, and audited."""

from __future__ import annotations

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, target_of
from koers.web.clients.access import get_client_for
from koers.web.plans.models import Plan
from koers.web.plans.queries import ALL_CONTENTS, Contents, plan_of


def get_plan_for(
    user: User, client_pk: int, *, audit: bool = True, contents: Contents = ALL_CONTENTS
) -> Plan | None:
    """The plan of client ``client_pk`` if ``user`` may open the client (the view is audited);
    None when no plan was started. Raises Http404 when the client may not be opened.
    ``contents``: what is read along with the plan (see ``plan_of``)."""
    client = get_client_for(user, client_pk, audit=False)
    plan = plan_of(client, contents=contents)
    if plan is not None and audit:
        record(by=user, action=AuditAction.PLAN_VIEWED, client_id=client.pk, target=target_of(plan))
    return plan
