"""The client's private link to their plan: made and revoked by the coach, opened by the client
without an account (``/plan/<token>/``), rate limited, every view and answer audited.

The token is not stored. A link keeps a random ``seed``; the token is the HMAC of that seed
with the server's secret key, and the link is found by the token's SHA-256. The coach can show
the same link again while it works, yet the database alone opens no plan. After the secret key
changed, the link still works (its hash was stored) but can no longer be shown: the coach makes
a new one.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import channel, record, target_of
from koers.web.client_address import fingerprint_of
from koers.web.plans.agreement import CLIENT_CHANNEL, record_agreement
from koers.web.plans.models import LinkHit, Plan, PlanLink, PlanVersion
from koers.web.plans.saving import check_access

SALT = "koers.web.plans.link"
WINDOW = datetime.timedelta(hours=1)
# Longer tokens than any made here are refused before hashing.
TOKEN_MAX = 64


class LinkGoneError(LookupError):
    """The token opens nothing: unknown, expired, revoked, or the client's data was erased.
    One error for all, so that whoever tries tokens learns nothing from the answer."""


class TooManyRequestsError(RuntimeError):
    """Past a rate limit: too many views of one link, or too many misses from one address."""


def _token_from(seed: str) -> str:
    digest = salted_hmac(SALT, seed, algorithm="sha256").digest()
    return urlsafe_base64_encode(digest)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_of(link: PlanLink) -> str | None:
    """The token of the link's URL, or None when it cannot be made again (the secret key
    changed, or the client's data was erased)."""
    if not link.seed or link.token_hash is None:
        return None
    token = _token_from(link.seed)
    return token if secrets.compare_digest(_hash(token), link.token_hash) else None


def current_link(plan: Plan) -> PlanLink | None:
    """The plan's link that was not revoked (it may have expired), if any."""
    return plan.links.filter(revoked_at__isnull=True).first()


def _revoke(link: PlanLink, by: User, now: datetime.datetime) -> None:
    PlanLink.objects.filter(pk=link.pk).update(revoked_at=now, revoked_by=by)
    link.revoked_at, link.revoked_by = now, by
    record(
        by=by,
        action=AuditAction.PLAN_LINK_REVOKED,
        client_id=link.plan.client_id,
        target=target_of(link),
    )


@transaction.atomic
def create_link(*, by: User, plan: Plan) -> tuple[PlanLink, str]:
    """A new link to the plan, valid KOERS_PLAN_LINK_DAYS days; the link before it (if any) is
    revoked. Returns the link and its token."""
    current = Plan.objects.select_for_update().select_related("client").get(pk=plan.pk)
    check_access(by, current.client)
    if current.client.erased_at is not None:
        raise PermissionDenied("the client's data was erased")
    now = timezone.now()
    old = current_link(current)
    if old is not None:
        _revoke(old, by, now)
    seed = secrets.token_urlsafe(32)
    token = _token_from(seed)
    link = PlanLink.objects.create(
        plan=current,
        seed=seed,
        token_hash=_hash(token),
        created_by=by,
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.KOERS_PLAN_LINK_DAYS),
    )
    record(
        by=by,
        action=AuditAction.PLAN_LINK_CREATED,
        client_id=current.client_id,
        target=target_of(link),
        detail=f"until {link.expires_at.date().isoformat()}",
    )
    return link, token


@transaction.atomic
def revoke_link(*, by: User, link: PlanLink) -> PlanLink:
    """Stop the link from working; revoking it again changes nothing."""
    current = PlanLink.objects.select_for_update().select_related("plan__client").get(pk=link.pk)
    check_access(by, current.plan.client)
    if current.revoked_at is None:
        _revoke(current, by, timezone.now())
    return current


def forget_old_hits(now: datetime.datetime) -> int:
    """Delete the counted requests older than the limits' hour; the daily retention job runs it
    too, so that no address hash outlives a day without requests."""
    deleted, _by_model = LinkHit.objects.filter(at__lt=now - WINDOW).delete()
    return deleted


def _count(key: str, now: datetime.datetime) -> int:
    """How many requests ``key`` made in the last hour, this one included (stored here)."""
    forget_old_hits(now)
    LinkHit.objects.create(key=key, at=now)
    return LinkHit.objects.filter(key=key, at__gte=now - WINDOW).count()


def _misses_key(address: str, now: datetime.datetime) -> str:
    return fingerprint_of(address, today=timezone.localdate(now), purpose="plans.link")


def open_link(token: str, *, address: str) -> PlanLink:
    """The working link of ``token``, with its plan and client, counted for the rate limits.

    Raises TooManyRequestsError when ``address`` (a client block: the address, or its IPv6 /64)
    tried too many tokens that opened nothing in the last hour, checked before the token so
    that a guesser past the limit learns nothing more, or when the link itself was opened too
    often; raises LinkGoneError when the token opens nothing.
    """
    now = timezone.now()
    misses_key = _misses_key(address, now)
    misses = LinkHit.objects.filter(key=misses_key, at__gte=now - WINDOW).count()
    if misses >= settings.KOERS_PLAN_LINK_MISSES_PER_HOUR:
        raise TooManyRequestsError("too many tries with links that open nothing")
    link = None
    if 0 < len(token) <= TOKEN_MAX:
        link = (
            PlanLink.objects.select_related("plan__client__coach")
            .filter(token_hash=_hash(token))
            .first()
        )
    if link is None or not link.works_at(now) or link.plan.client.erased_at is not None:
        _count(misses_key, now)
        raise LinkGoneError("this link opens nothing")
    if _count(target_of(link), now) > settings.KOERS_PLAN_LINK_PER_HOUR:
        raise TooManyRequestsError("this link was opened too often")
    return link


def current_version(link: PlanLink) -> PlanVersion:
    """The plan's latest version: what the client reads and answers."""
    return link.plan.versions.select_related("plan__client__coach").get(number=link.plan.version)


@transaction.atomic
def record_view(link: PlanLink, version: PlanVersion) -> None:
    """Count the view on the link and write it in the audit trail (no actor: the client)."""
    now = timezone.now()
    PlanLink.objects.filter(pk=link.pk).update(views=F("views") + 1, last_viewed_at=now)
    with channel(CLIENT_CHANNEL):
        record(
            by=None,
            action=AuditAction.PLAN_LINK_VIEWED,
            client_id=link.plan.client_id,
            target=target_of(link),
            detail=f"v{version.number}",
        )


def answer(link: PlanLink, *, number: int, agreed: bool, comment: str = "") -> PlanVersion:
    """The client's answer on version ``number``, the one they read; refused when the coach
    saved a newer version in between, so that nobody agrees to a plan they did not see."""
    version = current_version(link)
    if version.number != number:
        raise ValidationError(
            _("Your plan was changed after you opened it. Read it again, please.")
        )
    return record_agreement(version=version, agreed=agreed, comment=comment)
