"""The person's choices for their list of next steps: its filters, and what they can also do.

They travel in the address (GET: a page works without JavaScript and can be bookmarked), in
the links from the list to its steps and back, and in the one short code of the result. What
the person can also do (``?kan=computer&kan=plannen``, the keys of
``koers.taxonomy.everyday_skills``) counts as held skills on the list, on every step page and
in "X van de Y" alike: all three ask the engine :meth:`Choices.question`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest

from koers import knowledge
from koers.taxonomy.everyday_skills import shipped
from koers.transitions import TransitionQuery
from koers.web.explorer.short_code import Place, encode

FLAGS = ("vitaal", "ook", "klein", "ver")
"""The list's filters in the address, each ``=1`` when chosen: work on the 2020 list, also work
that helps, small steps only, far steps too."""
CAN = "kan"
# Values of ``kan`` read from one address: more than the list has are never needed.
MOST_TICKS = 40


@dataclass(frozen=True, slots=True)
class Choices:
    """What the person chose; ``can`` in the order of the everyday list."""

    vital_only: bool = False
    helps: bool = False
    small: bool = False
    far: bool = False
    can: tuple[str, ...] = ()

    @classmethod
    def of(cls, request: HttpRequest) -> Choices:
        """The choices in the query string; unknown values are left out."""
        vital_only, helps, small, far = (request.GET.get(name) == "1" for name in FLAGS)
        can = shipped().chosen(request.GET.getlist(CAN)[:MOST_TICKS])
        return cls(vital_only, helps, small, far, can)

    @classmethod
    def of_place(cls, place: Place) -> Choices:
        """The choices a short code holds."""
        return cls(place.vital_only, place.helps, place.small_steps, place.far, place.can)

    def pairs(self, **changes: Any) -> list[tuple[str, str]]:
        """The choices (with ``changes``) as name/value pairs of the query string."""
        chosen = replace(self, **changes)
        flags = (chosen.vital_only, chosen.helps, chosen.small, chosen.far)
        on = [(name, "1") for name, flag in zip(FLAGS, flags, strict=True) if flag]
        return on + [(CAN, key) for key in chosen.can]

    def query(self, **changes: Any) -> str:
        """The choices (with ``changes``) as a query string, "" when nothing is chosen."""
        return urlencode(self.pairs(**changes))

    def code(self, origin: str) -> str:
        """The one short code of the result: the occupation and these choices."""
        return encode(
            Place(
                knowledge.taxonomy().occupation_index[origin],
                vital_only=self.vital_only,
                small_steps=self.small,
                helps=self.helps,
                far=self.far,
                can=self.can,
            )
        )

    def held(self) -> tuple[str, ...]:
        """The ESCO skills of what the person can also do that the knowledge base has."""
        index = knowledge.taxonomy().skill_index
        return tuple(uri for uri in shipped().uris_of(self.can) if uri in index)

    def question(self, origin: str) -> TransitionQuery:
        """The person's question to the engine: from ``origin``, with what they can also do."""
        return TransitionQuery(origin, have=self.held())
