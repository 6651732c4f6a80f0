"""Reads of career plans: a client's plan and its versions, the person's own transitions and
gaps, and the agreed actions that fall due (for "Aandacht nodig" and calling rounds)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db.models import Min, QuerySet

from koers import knowledge
from koers.transitions import Transition, TransitionFilters, TransitionQuery
from koers.transitions.learning_path import LearningPlan, learning_plan
from koers.web.accounts.models import User
from koers.web.clients.models import Client
from koers.web.common.kept_rows import (
    as_prefetched,
    as_prefetched_each,
    kept_models,
    kept_row,
    kept_rows_of,
)
from koers.web.plans.choices import DirectionKind
from koers.web.plans.models import (
    Direction,
    LearningStep,
    Plan,
    PlanAction,
    PlanOccupation,
    PlanShare,
    PlanSkill,
    PlanVersion,
)

# What a page reads of a plan along with it: the names of its parts ("learning_steps": each
# direction's, with their course and application; read with the directions).
Contents = tuple[str, ...]
# Everything it holds: the editor, the client's copy.
ALL_CONTENTS: Contents = ("occupations", "skills", "directions", "learning_steps", "actions")
# What the person's own transitions are worked out from, and the directions chosen: the page
# to choose a direction (a third of its time went on reading steps and actions it never shows).
PERSON_CONTENTS: Contents = ("occupations", "skills", "directions")

# The plan and each of its parts through kept reads (common/kept_rows.py): the plan pages read
# them on every visit, and compiling the six queries cost more than running them.
_PLAN_OF_CLIENT = kept_row(Plan, key="client_id")
_PARTS: dict[str, Callable[[int], list[Any]]] = {
    "occupations": kept_rows_of(PlanOccupation, "plan_id"),
    "skills": kept_rows_of(PlanSkill, "plan_id"),
    "directions": kept_rows_of(Direction, "plan_id"),
    "actions": kept_rows_of(PlanAction, "plan_id"),
}
_STEPS = kept_rows_of(LearningStep, "direction__plan_id", related=("course", "application"))


def plan_of(client: Client, *, contents: Contents = ALL_CONTENTS) -> Plan | None:
    """The client's plan with ``contents`` read along (``()``: none, for a page that shows only
    the plan's versions), or None when no plan was started."""
    plan = _PLAN_OF_CLIENT(client.pk)
    if plan is None:
        return None
    # The client as the caller read it (with its coach), not a second read of it.
    plan.client = client
    for name, read in _PARTS.items():
        if name in contents:
            as_prefetched(plan, name, read(plan.pk))
    if "learning_steps" in contents:
        as_prefetched_each(plan.directions.all(), "learning_steps", _STEPS(plan.pk))
    return plan


def versions_of(plan: Plan) -> QuerySet[PlanVersion]:
    """Every saved version of the plan, newest first; earlier ones stay readable."""
    return PlanVersion.objects.filter(plan=plan).select_related("saved_by").order_by("-number")


def version_list_of(plan: Plan) -> QuerySet[PlanVersion]:
    """The versions as the list shows them: without each version's copy of the whole plan."""
    return versions_of(plan).defer("snapshot")


def person_query(plan: Plan) -> TransitionQuery | None:
    """The person's question to the engine: where they come from, with their own skills.

    The origin is the occupation held the most years (the first entered on a tie), else the
    client's current occupation; the other occupations held count as ``also_held``; the plan's
    skills (from any kind of work) are ``have``. None when no occupation is known at all.
    Concepts a newer ESCO import no longer has are left out rather than failing the query.
    """
    taxonomy = knowledge.taxonomy()
    held = sorted(
        (row for row in plan.occupations.all() if row.occupation_uri in taxonomy.occupation_index),
        key=lambda row: (-(row.years or 0), row.pk),
    )
    uris = [row.occupation_uri for row in held]
    if not uris and plan.client.occupation_uri in taxonomy.occupation_index:
        uris = [plan.client.occupation_uri]
    if not uris:
        return None
    skills = taxonomy.skill_index
    have = tuple(row.skill_uri for row in plan.skills.all() if row.skill_uri in skills)
    return TransitionQuery(uris[0], have=have, also_held=tuple(uris[1:]))


def personal_transitions(
    plan: Plan, k: int = 20, *, filters: TransitionFilters | None = None
) -> list[Transition]:
    """The ``k`` best next steps for this person (their skills in), best first."""
    query = person_query(plan)
    if query is None:
        return []
    return list(knowledge.ranked(query, k, filters))


def gap_of(direction: Direction, *, language: str = "nl") -> LearningPlan | None:
    """What the person still lacks for a direction's occupation, grouped as ``koers gap`` does.

    None for "stay in my own work, differently" (no other occupation to measure against) and
    when the plan has no origin or the occupation is no longer in the knowledge base.
    """
    if direction.kind == DirectionKind.STAY:
        return None
    query = person_query(direction.plan)
    if query is None or direction.occupation_uri not in knowledge.taxonomy().occupation_index:
        return None
    ranker = knowledge.ranker()
    transition = knowledge.explained(query, direction.occupation_uri)
    return learning_plan(ranker, transition, query.origin, language=language)


def actions_due(
    clients: QuerySet[Client], starts: datetime.date, until: datetime.date
) -> QuerySet[PlanAction]:
    """Open agreed actions of ``clients`` with a date from ``starts`` to ``until``, first due
    first (an overdue action: pass an early ``starts``)."""
    return (
        PlanAction.objects.filter(
            plan__client__in=clients, done_on__isnull=True, due_on__range=(starts, until)
        )
        .select_related("plan__client__coach")
        .order_by("due_on", "pk")
    )


def first_actions_due(
    client_ids: QuerySet[Any, Any] | list[int],
) -> QuerySet[PlanAction, tuple[int, datetime.date]]:
    """Per client (a list or a query of ids), the date of the first open agreed action, as
    (client id, date) rows."""
    return (
        PlanAction.objects.filter(
            plan__client_id__in=client_ids, done_on__isnull=True, due_on__isnull=False
        )
        .values("plan__client_id")
        .annotate(first=Min("due_on"))
        .values_list("plan__client_id", "first")
    )


# Kept (decision 0010), for the sharing page: of the version only its number (not the copy of
# the whole plan it keeps), of who sent it only the name.
_SHARES = kept_models(
    PlanShare,
    lambda plan_id: PlanShare.objects.filter(version__plan_id=plan_id),
    related=[("version", ("number",)), "opdrachtgever", ("sent_by", User.DISPLAY_NAME_FIELDS)],
)


def shares_of(plan: Plan) -> list[PlanShare]:
    """Every time the plan was sent to a commissioning party, newest first."""
    return _SHARES(plan.pk)
