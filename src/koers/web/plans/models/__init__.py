"""The career plan's models: the plan and its versions (``plan``), the versions sent to the
commissioning party (``shares``) and the client's private links (``links``)."""

from koers.web.plans.models.links import LinkHit, PlanLink
from koers.web.plans.models.plan import (
    OWN_WORDS,
    OWN_WORDS_MAX,
    URI_MAX,
    Direction,
    ImmutableVersionError,
    LearningStep,
    Plan,
    PlanAction,
    PlanOccupation,
    PlanSkill,
    PlanVersion,
    validate_reflection,
)
from koers.web.plans.models.shares import PlanShare, ShareMethod

__all__ = [
    "OWN_WORDS",
    "OWN_WORDS_MAX",
    "URI_MAX",
    "Direction",
    "ImmutableVersionError",
    "LearningStep",
    "LinkHit",
    "Plan",
    "PlanAction",
    "PlanLink",
    "PlanOccupation",
    "PlanShare",
    "PlanSkill",
    "PlanVersion",
    "ShareMethod",
    "validate_reflection",
]
