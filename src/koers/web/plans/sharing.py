"""Sending the plan to the commissioning party (opdrachtgever): only with the client's consent,
and always a recorded act, naming the version that was sent (docs/plans.md).

What is sent is the client's copy (``plans.client_copy``): never the coach's own notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, target_of
from koers.web.clients.choices import FinancierKind, Recipient
from koers.web.clients.models import Client, Consent, Traject
from koers.web.clients.queries import consent_in_force
from koers.web.common.bsn import refuse_bsn_in
from koers.web.plans.client_copy import client_copy_pdf
from koers.web.plans.models import PlanShare, PlanVersion
from koers.web.plans.saving import check_access

ConsentReader = Callable[[], Consent | None]


def consent_for(traject: Traject, *, in_force: ConsentReader | None = None) -> Consent:
    """The client's consent that lets the plan go to ``traject``'s commissioning party today.

    Raises ValidationError (on ``traject``) saying why not: the client pays themselves, or no
    consent for the commissioning party holds today (never given, revoked or run out).
    ``in_force`` reads that consent, when the caller has one reader for several trajecten.
    """
    if traject.opdrachtgever.kind == FinancierKind.PRIVATE:
        raise ValidationError(
            {
                "traject": _(
                    "The client pays for this traject themselves: give the plan to the client "
                    "(print it or download the PDF)."
                )
            }
        )
    consent = in_force() if in_force is not None else _consent_in_force(traject.client)
    if consent is None:
        raise ValidationError(
            {
                "traject": _(
                    "The client has not consented to sharing with the commissioning party, or "
                    "the consent was revoked or has run out. Record the consent on the client "
                    "page first."
                )
            }
        )
    return consent


def _consent_in_force(client: Client) -> Consent | None:
    return consent_in_force(client, Recipient.OPDRACHTGEVER, today=timezone.localdate())


def refusal(traject: Traject, *, in_force: ConsentReader | None = None) -> str:
    """Why the plan cannot go to this traject's commissioning party today; "" when it can."""
    try:
        consent_for(traject, in_force=in_force)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@transaction.atomic
def share_plan(*, by: User, version: PlanVersion, traject: Traject, note: str = "") -> PlanShare:
    """Record that ``version`` is sent to the commissioning party of ``traject`` (one of the
    client's), relying on the client's consent for that recipient that holds today.

    Raises PermissionDenied when ``by`` may not open the client; ValidationError when the
    client's data was erased, the traject is another client's, the client pays themselves or
    no consent holds today. Nothing is written then.
    """
    refuse_bsn_in({"note": note})
    current = PlanVersion.objects.select_related("plan").get(pk=version.pk)
    # Locked as erasure locks it: a share and an erasure of the same client never interleave.
    client = Client.objects.select_for_update().get(pk=current.plan.client_id)
    # Before access: nobody may open an erased client, and this says why nothing can go.
    if client.erased_at is not None:
        raise ValidationError(
            _("This client's personal data was erased: the plan can no longer be sent.")
        )
    check_access(by, client)
    traject = Traject.objects.select_related("opdrachtgever", "client").get(pk=traject.pk)
    if traject.client_id != client.pk:
        raise ValidationError({"traject": _("This traject is not one of this client's.")})
    consent = consent_for(traject)
    share = PlanShare(
        version=current,
        traject=traject,
        opdrachtgever=traject.opdrachtgever,
        recipient_kind=traject.opdrachtgever.kind,
        consent=consent,
        sent_by=by,
        note=note,
    )
    share.full_clean()
    share.save()
    record(
        by=by,
        action=AuditAction.PLAN_SHARED,
        client_id=client.pk,
        target=target_of(current),
        fields=["version", "opdrachtgever", "consent"] + (["note"] if note else []),
        detail=f"v{current.number} to opdrachtgever {traject.opdrachtgever_id}",
    )
    return share


@transaction.atomic
def send_plan(
    *, by: User, version: PlanVersion, traject: Traject, note: str = ""
) -> tuple[PlanShare, bytes]:
    """Share ``version`` as ``share_plan`` does and make the PDF that goes: the client's copy
    of exactly that version. When the PDF cannot be made, the share is not recorded either."""
    share = share_plan(by=by, version=version, traject=traject, note=note)
    return share, client_copy_pdf(share.version)


@dataclass(frozen=True, slots=True)
class Party:
    """A commissioning party of one of the client's trajecten, and why the plan cannot go
    there today ("" when it can)."""

    traject: Traject
    refusal: str


def parties_of(client: Client) -> list[Party]:
    """The commissioning parties of the client's trajecten, each with whether it may get the
    plan today."""
    # The manager gives each traject this client: no join to read it again.
    trajecten = client.trajecten.select_related("opdrachtgever").order_by("-starts")
    # One consent holds for every commissioning party: read it once, and only when asked.
    in_force = cache(partial(_consent_in_force, client))
    return [Party(traject, refusal(traject, in_force=in_force)) for traject in trajecten]
