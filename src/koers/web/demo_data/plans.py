"""Career plans for about a third of the demo clients, written in chunks after the caseload.

A plan starts from the client's occupation: its essential skills, the engine's transitions
from it and what each still asks. The engine is asked once per distinct occupation (about a
millisecond each), not once per plan. Without a knowledge base, or for a client without a
known occupation, a plan has no occupation, skills or new directions: what matters to the
person, "stay in my own work, differently" and agreed actions.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from koers import knowledge
from koers.taxonomy import SnapshotError
from koers.transitions import TransitionQuery, TransitionRanker
from koers.web.clients.models import Client
from koers.web.demo_data.generator import at_minute
from koers.web.demo_data.plan_snapshots import snapshot_from_rows
from koers.web.demo_data.plan_words import (
    ACTIONS,
    CHANGES_ASKED,
    CLIENT_NOTES,
    COACH_NOTES,
    OWN_REFLECTION,
    OWN_WORDS,
    STANDING,
    WHY_NEW,
    WHY_STAY,
    WHY_TEMPORARY,
)
from koers.web.demo_data.results import Progress
from koers.web.explorer.reflection import QUESTIONS
from koers.web.plans.choices import DirectionKind, PlanChange, SkillSource
from koers.web.plans.models import (
    OWN_WORDS as REFLECTION_OWN_WORDS,
)
from koers.web.plans.models import (
    Direction,
    LearningStep,
    Plan,
    PlanAction,
    PlanOccupation,
    PlanSkill,
    PlanVersion,
)
from koers.web.training.models import Course

PLAN_SHARE = 1 / 3
AGREED_SHARE = 0.4  # of the plans' current versions, agreed through the client's link
CHANGES_SHARE = 0.06  # answered with what the client would change instead
CHUNK = 2000  # clients read and plans written per round
BATCH = 1000
TRANSITIONS = 8  # the engine's best steps per occupation that directions are drawn from
# Fields that ``bulk_create`` would stamp with the time of generation (see generate.py).
TIMESTAMPS = ((Plan, "created_at"), (Plan, "updated_at"), (PlanAction, "created_at"))
# What a reset deletes, children first, each in one DELETE (a cascade from Plan would list
# every plan id).
PLAN_MODELS = (LearningStep, Direction, PlanAction, PlanVersion, PlanSkill, PlanOccupation, Plan)


@dataclass(frozen=True, slots=True)
class Origin:
    """What the engine says about one occupation: its skills and the steps from it."""

    essential: tuple[str, ...]
    optional: tuple[str, ...]
    # (target occupation, the essential skills it asks that the origin lacks), best first.
    steps: tuple[tuple[str, tuple[str, ...]], ...]


class Engine:
    """The engine's answers per occupation, computed once and kept for the whole run."""

    def __init__(self) -> None:
        self.ranker: TransitionRanker | None
        try:
            self.ranker = knowledge.ranker()
        except SnapshotError:
            self.ranker = None
        self.origins: dict[str, Origin | None] = {}

    def origin(self, uri: str) -> Origin | None:
        if uri not in self.origins:
            self.origins[uri] = self._ask(uri)
        return self.origins[uri]

    def _ask(self, uri: str) -> Origin | None:
        if self.ranker is None or uri not in self.ranker.taxonomy_.occupation_index:
            return None
        taxonomy = self.ranker.taxonomy_
        essential, optional = taxonomy.skill_indexes(uri)
        steps = self.ranker.rank(TransitionQuery(uri), k=TRANSITIONS)
        return Origin(
            essential=tuple(taxonomy.skills[index].uri for index in essential),
            optional=tuple(taxonomy.skills[index].uri for index in optional),
            steps=tuple((step.uri, step.missing_essential) for step in steps),
        )


@dataclass
class _Draft:
    """One plan and its rows, not saved yet."""

    plan: Plan
    coach_id: int
    occupations: list[PlanOccupation] = field(default_factory=list)
    skills: list[PlanSkill] = field(default_factory=list)
    directions: list[tuple[Direction, list[LearningStep]]] = field(default_factory=list)
    actions: list[PlanAction] = field(default_factory=list)
    answered: datetime.datetime | None = None
    agreed: bool = False
    comment: str = ""


class PlanDrafter:
    """Draws one client's plan: where they stand, what matters, directions, steps, actions."""

    def __init__(self, rng: random.Random, today: datetime.date, engine: Engine) -> None:
        self.rng = rng
        self.today = today
        self.now = timezone.now()
        self.engine = engine
        # A learning step links a course when the catalogue teaches its skill.
        self.course_of: dict[str, int] = {}
        for pk, skills in (
            Course.objects.filter(active=True).order_by("pk").values_list("pk", "skills")
        ):
            for uri in skills:
                self.course_of.setdefault(uri, pk)

    def draft(
        self, client_id: int, occupation_uri: str, coach_id: int, since: datetime.date
    ) -> _Draft:
        rng = self.rng
        started = max(since, self.today - datetime.timedelta(days=rng.randint(7, 180)))
        saved = self.moment(
            min(self.today, started + datetime.timedelta(days=rng.randint(0, 6))),
            rng.randint(540, 1000),
        )
        plan = Plan(
            client_id=client_id,
            version=1,
            standing=rng.choice(STANDING) if rng.random() < 0.6 else "",
            reflection=self.reflection(),
            client_notes=rng.choice(CLIENT_NOTES),
            coach_notes=rng.choice(COACH_NOTES),
            created_at=self.moment(started, rng.randint(540, 1000)),
            updated_at=max(saved, self.moment(started, 1001)),
        )
        draft = _Draft(plan, coach_id)
        origin = self.engine.origin(occupation_uri) if occupation_uri else None
        if origin is not None:
            draft.occupations.append(
                PlanOccupation(plan=plan, occupation_uri=occupation_uri, years=rng.randint(1, 30))
            )
            draft.skills = self.skills(plan, origin)
        draft.directions = self.directions(plan, origin)
        draft.actions = self.actions(plan, started)
        self.answer(draft, saved)
        return draft

    def moment(self, day: datetime.date, minute: int) -> datetime.datetime:
        """``minute`` past midnight on ``day``, but not later than now: nothing happens ahead."""
        return min(self.now, at_minute(day, minute))

    def reflection(self) -> dict[str, object]:
        """For about half the plans, a few answers per question (explorer's option codes)."""
        rng = self.rng
        if rng.random() >= 0.5:
            return {}
        answers: dict[str, object] = {}
        for key, (_question, options) in QUESTIONS.items():
            picked = sorted(rng.sample(sorted(options), rng.choice((0, 1, 1, 2))))
            if picked:
                answers[key] = picked
        if rng.random() < 0.4:
            answers[REFLECTION_OWN_WORDS] = rng.choice(OWN_REFLECTION)
        return answers

    def skills(self, plan: Plan, origin: Origin) -> list[PlanSkill]:
        """Two to six: most from the occupation's essential skills (then its optional ones),
        one or two learned in unpaid work, a hobby or caring for others, in own words."""
        rng = self.rng
        count = rng.randint(2, 6)
        informal = min(count - 1, rng.choice((0, 1, 1, 2)))
        job = rng.sample(origin.essential, len(origin.essential))
        job += rng.sample(origin.optional, len(origin.optional))
        paid = job[: count - informal]
        # What unpaid work taught: a skill that a step from the occupation asks.
        lacks = sorted({uri for _target, missing in origin.steps for uri in missing} - set(paid))
        made = [PlanSkill(plan=plan, skill_uri=uri, source=SkillSource.PAID_WORK) for uri in paid]
        for uri in rng.sample(lacks, min(informal, len(lacks))):
            source, words = rng.choice(OWN_WORDS)
            made.append(PlanSkill(plan=plan, skill_uri=uri, source=source, own_words=words))
        return made

    def directions(
        self, plan: Plan, origin: Origin | None
    ) -> list[tuple[Direction, list[LearningStep]]]:
        """One to three: mostly the engine's steps, sometimes the own work done differently
        or a temporary step; without an origin only the own work, differently."""
        rng = self.rng
        if origin is None or not origin.steps:
            why = rng.choice(WHY_STAY)
            return [(Direction(plan=plan, position=1, kind=DirectionKind.STAY, why=why), [])]
        kinds = [
            rng.choices(
                (DirectionKind.NEW_OCCUPATION, DirectionKind.STAY, DirectionKind.TEMPORARY),
                weights=(80, 10, 10),
            )[0]
            for _ in range(rng.choice((1, 1, 2, 2, 3)))
        ]
        kinds = [DirectionKind.STAY] * (DirectionKind.STAY in kinds) + [
            kind for kind in kinds if kind != DirectionKind.STAY
        ]
        targets = rng.sample(origin.steps, min(len(kinds), len(origin.steps)))
        made: list[tuple[Direction, list[LearningStep]]] = []
        for position, kind in enumerate(kinds, start=1):
            if kind == DirectionKind.STAY:
                direction = Direction(
                    plan=plan, position=position, kind=kind, why=rng.choice(WHY_STAY)
                )
                made.append((direction, []))
                continue
            if not targets:
                break
            uri, lacks = targets.pop()
            why = rng.choice(WHY_TEMPORARY if kind == DirectionKind.TEMPORARY else WHY_NEW)
            direction = Direction(
                plan=plan, position=position, kind=kind, occupation_uri=uri, why=why
            )
            made.append((direction, self.steps(direction, lacks)))
        return made

    def steps(self, direction: Direction, lacks: tuple[str, ...]) -> list[LearningStep]:
        """For about half the directions, one to three skills of the gap, those a course in
        the catalogue teaches first."""
        rng = self.rng
        if not lacks or rng.random() >= 0.5:
            return []
        ordered = sorted(lacks, key=lambda uri: (uri not in self.course_of, rng.random()))
        return [
            LearningStep(direction=direction, skill_uri=uri, course_id=self.course_of.get(uri))
            for uri in ordered[: rng.randint(1, 3)]
        ]

    def actions(self, plan: Plan, started: datetime.date) -> list[PlanAction]:
        """One to four, due from a month ago to two months ahead: most past ones done (dated),
        the rest overdue."""
        rng = self.rng
        made = []
        for what, who in rng.sample(ACTIONS, rng.randint(1, 4)):
            due = self.today + datetime.timedelta(days=rng.randint(-30, 60))
            done = None
            if due < self.today and rng.random() < 0.6:
                done = min(self.today, due + datetime.timedelta(days=rng.randint(-5, 3)))
            elif rng.random() < 0.1:
                done = self.today - datetime.timedelta(days=rng.randint(0, 5))
            made.append(
                PlanAction(
                    plan=plan,
                    what=what,
                    who=who,
                    due_on=due if rng.random() < 0.9 else None,
                    done_on=max(done, started) if done else None,
                    created_at=self.moment(started, 600),
                )
            )
        return made

    def answer(self, draft: _Draft, saved: datetime.datetime) -> None:
        """About 40 % agreed through the client's link; a few said what they would change."""
        rng = self.rng
        draw = rng.random()
        if draw >= AGREED_SHARE + CHANGES_SHARE:
            return
        answered = saved + datetime.timedelta(days=rng.randint(0, 10))
        draft.answered = min(self.moment(self.today, 1439), answered)
        draft.agreed = draw < AGREED_SHARE
        draft.comment = "" if draft.agreed else rng.choice(CHANGES_ASKED)


def _write(drafts: list[_Draft]) -> Counter[str]:
    """Plans first, then their rows (bulk_create gives the plans their ids), then a version
    with each plan's snapshot."""
    Plan.objects.bulk_create([d.plan for d in drafts], batch_size=BATCH)
    PlanOccupation.objects.bulk_create(
        [row for d in drafts for row in d.occupations], batch_size=BATCH
    )
    PlanSkill.objects.bulk_create([row for d in drafts for row in d.skills], batch_size=BATCH)
    Direction.objects.bulk_create(
        [direction for d in drafts for direction, _ in d.directions], batch_size=BATCH
    )
    LearningStep.objects.bulk_create(
        [step for d in drafts for _, steps in d.directions for step in steps], batch_size=BATCH
    )
    PlanAction.objects.bulk_create([row for d in drafts for row in d.actions], batch_size=BATCH)
    PlanVersion.objects.bulk_create(
        [
            PlanVersion(
                plan=d.plan,
                number=d.plan.version,
                change=PlanChange.STARTED,
                saved_at=d.plan.updated_at,
                saved_by_id=d.coach_id,
                snapshot=snapshot_from_rows(
                    d.plan, d.occupations, d.skills, d.directions, d.actions
                ),
                answered_at=d.answered,
                agreed_at=d.answered if d.agreed else None,
                comment=d.comment,
            )
            for d in drafts
        ],
        batch_size=BATCH,
    )
    return Counter(
        plans=len(drafts),
        plans_agreed=sum(d.agreed for d in drafts),
        plan_actions=sum(len(d.actions) for d in drafts),
    )


def write_plans(rng: random.Random, *, today: datetime.date, report: Progress) -> Counter[str]:
    """A plan for about a third of the clients, drawn in the clients' order."""
    drafter = PlanDrafter(rng, today, Engine())
    clients = list(
        Client.objects.order_by("pk").values_list("pk", "occupation_uri", "coach_id", "created_at")
    )
    counts: Counter[str] = Counter()
    for start in range(0, len(clients), CHUNK):
        drafts = [
            drafter.draft(pk, occupation, coach_id, min(today, timezone.localdate(created_at)))
            for pk, occupation, coach_id, created_at in clients[start : start + CHUNK]
            if rng.random() < PLAN_SHARE
        ]
        counts.update(_write(drafts))
        report("plans", min(len(clients), start + CHUNK), len(clients))
    return counts
