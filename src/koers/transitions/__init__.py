"""Career transitions: from this occupation, which are within reach. Never imports Django."""

from koers.transitions.features import OccupationFeatures, load_features
from koers.transitions.query import TransitionFilters, TransitionQuery
from koers.transitions.ranking import (
    DEFAULT_WEIGHTS,
    Transition,
    TransitionRanker,
    UnknownConceptError,
)

__all__ = [
    "DEFAULT_WEIGHTS",
    "OccupationFeatures",
    "Transition",
    "TransitionFilters",
    "TransitionQuery",
    "TransitionRanker",
    "UnknownConceptError",
    "load_features",
]
