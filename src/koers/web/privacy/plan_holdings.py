"""The career plan's part of the register of personal data (``register.REGISTER``): the plan,
its versions, what was sent to the commissioning party and the client's private links."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from koers.web.plans.models import (
    Direction,
    LearningStep,
    Plan,
    PlanAction,
    PlanLink,
    PlanOccupation,
    PlanShare,
    PlanSkill,
    PlanVersion,
)
from koers.web.privacy.holdings import BLANK, KEEP, Holding

PLAN_HOLDINGS: tuple[Holding, ...] = (
    Holding(
        model=Plan,
        section="plan",
        title=_("Career plan"),
        client_path="client",
        fields={
            "client": KEEP,
            "version": KEEP,
            "standing": BLANK,
            "reflection": BLANK,
            "client_notes": BLANK,
            "coach_notes": BLANK,
            "created_at": KEEP,
            "updated_at": KEEP,
        },
    ),
    Holding(
        model=PlanOccupation,
        section="plan_occupations",
        title=_("Career plan: occupations held"),
        client_path="plan__client",
        fields={"plan": KEEP, "occupation_uri": KEEP, "years": KEEP},
    ),
    Holding(
        model=PlanSkill,
        section="plan_skills",
        title=_("Career plan: skills"),
        client_path="plan__client",
        fields={"plan": KEEP, "skill_uri": KEEP, "source": KEEP, "own_words": BLANK},
    ),
    Holding(
        model=Direction,
        section="plan_directions",
        title=_("Career plan: directions"),
        client_path="plan__client",
        fields={
            "plan": KEEP,
            "position": KEEP,
            "kind": KEEP,
            "occupation_uri": KEEP,
            "why": BLANK,
        },
    ),
    Holding(
        model=LearningStep,
        section="plan_learning_steps",
        title=_("Career plan: learning steps"),
        client_path="direction__plan__client",
        fields={"direction": KEEP, "skill_uri": KEEP, "course": KEEP, "application": KEEP},
    ),
    Holding(
        model=PlanAction,
        section="plan_actions",
        title=_("Career plan: agreed actions"),
        client_path="plan__client",
        fields={
            "plan": KEEP,
            "what": BLANK,
            "who": KEEP,
            "due_on": KEEP,
            "done_on": KEEP,
            "created_at": KEEP,
        },
    ),
    Holding(
        model=PlanVersion,
        section="plan_versions",
        title=_("Career plan: versions and answers"),
        client_path="plan__client",
        fields={
            "plan": KEEP,
            "number": KEEP,
            "change": KEEP,
            "saved_at": KEEP,
            "saved_by": KEEP,
            # The whole plan as it was, own words and notes included: it goes as a whole.
            "snapshot": BLANK,
            "answered_at": KEEP,
            "agreed_at": KEEP,
            "comment": BLANK,
        },
    ),
    Holding(
        model=PlanShare,
        section="plan_shares",
        title=_("Career plan: sent to the commissioning party"),
        client_path="version__plan__client",
        fields={
            # That it was sent, which version, to whom and on which consent: kept, as the
            # consent is (erasure does not undo what happened); the content went with the
            # version's snapshot.
            "version": KEEP,
            "traject": KEEP,
            "opdrachtgever": KEEP,
            "recipient_kind": KEEP,
            "consent": KEEP,
            "sent_by": KEEP,
            "sent_at": KEEP,
            "how": KEEP,
            "note": BLANK,
        },
    ),
    Holding(
        model=PlanLink,
        section="plan_links",
        title=_("Career plan: private links"),
        client_path="plan__client",
        fields={
            "plan": KEEP,
            # Without the seed and the hash the link opens nothing: erasure ends every link.
            "seed": BLANK,
            "token_hash": BLANK,
            "created_by": KEEP,
            "created_at": KEEP,
            "expires_at": KEEP,
            "revoked_at": KEEP,
            "revoked_by": KEEP,
            "last_viewed_at": KEEP,
            "views": KEEP,
        },
    ),
)
