"""Demo data: career plans for about a third of the clients, as the plan pages make them."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from koers import knowledge
from koers.web import demo_data
from koers.web.accounts.models import User
from koers.web.casework.attention import attention
from koers.web.clients.queries import scope_of
from koers.web.plans.choices import DirectionKind, SkillSource
from koers.web.plans.client_copy import language_of
from koers.web.plans.models import (
    Direction,
    LearningStep,
    Plan,
    PlanAction,
    PlanSkill,
    PlanVersion,
    validate_reflection,
)
from koers.web.plans.snapshot import FORMAT, snapshot_of
from tests.web.test_demo_data import PASSWORD, TODAY
from tests.web.test_demo_data import make as demo_workspace

pytestmark = pytest.mark.django_db


def make(**options: Any) -> demo_data.DemoData:
    """A small workspace whose clients hold occupations of the fixtures' knowledge base."""
    values: dict[str, Any] = {"clients": 150, "contacts": 0, "coaches": 3, "occupations": None}
    return demo_workspace(**{**values, **options})


def plans() -> list[tuple[Any, ...]]:
    """Every plan with its rows, in a form that compares across runs (no ids)."""
    found = Plan.objects.order_by("client__first_name", "client__last_name", "id")
    return [
        (
            plan.client.first_name,
            plan.standing,
            plan.reflection,
            [(s.skill_uri, s.source, s.own_words) for s in plan.skills.all()],
            [(d.kind, d.occupation_uri, d.why) for d in plan.directions.all()],
            [(a.what, a.who, a.due_on, a.done_on) for a in plan.actions.order_by("id")],
            [(v.answered_at, v.agreed_at, v.comment) for v in plan.versions.all()],
        )
        for plan in found.select_related("client")
    ]


def test_about_a_third_of_the_clients_get_a_plan_with_skills_directions_and_actions() -> None:
    made = make()
    assert made.plans == Plan.objects.count()
    assert 0.2 * made.clients <= made.plans <= 0.47 * made.clients
    assert made.plan_actions == PlanAction.objects.count()
    taxonomy = knowledge.taxonomy()
    for plan in Plan.objects.prefetch_related("occupations", "skills", "directions", "actions"):
        held = [row.occupation_uri for row in plan.occupations.all()]
        assert held == [plan.client.occupation_uri]
        assert 2 <= len(plan.skills.all()) <= 6
        assert {s.skill_uri for s in plan.skills.all()} <= set(taxonomy.skill_index)
        assert 1 <= len(plan.directions.all()) <= 3
        assert 1 <= len(plan.actions.all()) <= 4
        validate_reflection(plan.reflection)
    # Most skills come from the job; some from volunteer work, caring or a hobby, in own words.
    unpaid = PlanSkill.objects.exclude(source=SkillSource.PAID_WORK)
    assert unpaid.exists() and not unpaid.filter(own_words="").exists()
    assert PlanSkill.objects.filter(source=SkillSource.PAID_WORK).count() > unpaid.count()
    # Mostly the engine's steps, sometimes the own work differently or a temporary step.
    kinds = list(Direction.objects.values_list("kind", flat=True))
    assert kinds.count(DirectionKind.NEW_OCCUPATION) > len(kinds) / 2
    assert {DirectionKind.STAY, DirectionKind.TEMPORARY} <= set(kinds)
    targets = Direction.objects.exclude(kind=DirectionKind.STAY)
    assert set(targets.values_list("occupation_uri", flat=True)) <= set(taxonomy.occupation_index)
    assert LearningStep.objects.exists()
    assert Plan.objects.exclude(reflection={}).exists()


def test_a_learning_step_links_a_course_that_teaches_its_skill() -> None:
    make(clients=300, coaches=3)
    linked = LearningStep.objects.filter(course__isnull=False).select_related("course")
    assert linked.exists()
    assert all(step.skill_uri in step.course.skills for step in linked)  # type: ignore[union-attr]


def test_each_plan_has_one_version_whose_snapshot_is_the_plan_as_saved() -> None:
    make()
    for plan in Plan.objects.select_related("client"):
        (version,) = plan.versions.all()
        assert version.number == plan.version == 1
        assert version.snapshot["format"] == FORMAT
        assert version.snapshot == snapshot_of(plan)
        assert version.saved_by == plan.client.coach
        assert plan.created_at <= version.saved_at <= timezone.now()


def test_four_in_ten_agreed_with_their_plan_and_a_few_said_what_they_would_change() -> None:
    made = make(clients=400, coaches=4)
    agreed = PlanVersion.objects.filter(agreed_at__isnull=False)
    assert made.plans_agreed == agreed.count()
    assert 0.3 * made.plans <= agreed.count() <= 0.5 * made.plans
    assert not agreed.exclude(comment="").exists()
    changes = PlanVersion.objects.filter(answered_at__isnull=False, agreed_at__isnull=True)
    assert changes.exists() and not changes.filter(comment="").exists()
    last_moment = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time.max))
    assert not PlanVersion.objects.filter(answered_at__gt=last_moment).exists()


def test_actions_are_due_around_today_some_done_some_overdue() -> None:
    make()
    actions = PlanAction.objects.all()
    assert actions.filter(due_on__lt=TODAY, done_on__isnull=True).exists()
    assert actions.filter(due_on__gt=TODAY, done_on__isnull=True).exists()
    assert actions.filter(done_on__isnull=False).exists()
    assert not actions.filter(done_on__gt=TODAY).exists()


def test_nothing_in_a_plan_made_today_happens_later_today() -> None:
    make(today=timezone.localdate())
    made_at = timezone.now()
    assert not Plan.objects.filter(updated_at__gt=made_at).exists()
    assert not PlanVersion.objects.filter(answered_at__gt=made_at).exists()
    assert not PlanAction.objects.filter(created_at__gt=made_at).exists()


def test_a_demo_coach_sees_actions_due_under_aandacht_nodig(client: Browser) -> None:
    today = timezone.localdate()
    make(today=today)
    due = PlanAction.objects.filter(due_on__lte=today, done_on__isnull=True)
    coach = User.objects.get(pk=due.values_list("plan__client__coach", flat=True)[0])
    sections = {s.key: s for s in attention(scope_of(coach), today=today)}
    agreed = sections["agreed"].rows
    assert agreed
    assert {why.words for _client, why in agreed} <= set(due.values_list("what", flat=True))
    client.post(reverse("accounts:login"), {"username": coach.username, "password": PASSWORD})
    page = client.get(reverse("casework:attention")).content.decode()
    assert agreed[0][1].words in page


def test_a_demo_coach_opens_a_plan_its_versions_and_the_clients_copy(client: Browser) -> None:
    made = make(today=timezone.localdate())
    plan = Plan.objects.filter(client__coach__username=made.coach).first()
    assert plan is not None
    client.post(reverse("accounts:login"), {"username": made.coach, "password": PASSWORD})
    pages = [
        reverse("plans:plan", args=[plan.client_id]),
        reverse("plans:versions", args=[plan.client_id]),
        reverse("plans:version", args=[plan.client_id, 1]),
        reverse("plans:client_copy", args=[plan.client_id]),
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page
    direction = plan.directions.exclude(kind=DirectionKind.STAY).first()
    if direction is not None:
        copy = client.get(pages[-1]).content.decode()
        language = language_of(plan.versions.get())
        assert knowledge.taxonomy().occupation(direction.occupation_uri).label(language) in copy


def test_the_same_seed_gives_the_same_plans_and_another_seed_others() -> None:
    make(seed=7)
    first = plans()
    make(seed=7, reset=True)
    assert plans() == first
    make(seed=8, reset=True)
    assert plans() != first


def test_a_reset_removes_the_plans_of_the_old_caseload() -> None:
    make(seed=5)
    old_plans = set(Plan.objects.values_list("pk", flat=True))
    old_versions = set(PlanVersion.objects.values_list("pk", flat=True))
    make(seed=6, reset=True)
    assert not old_plans & set(Plan.objects.values_list("pk", flat=True))
    assert not old_versions & set(PlanVersion.objects.values_list("pk", flat=True))
    assert Plan.objects.count() == PlanVersion.objects.count() > 0


def test_without_a_knowledge_base_plans_stay_in_the_own_work(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KOERS_DATA_DIR", str(tmp_path / "empty"))
    knowledge.forget()
    made = make()
    assert made.plans > 0
    assert not PlanSkill.objects.exists()
    assert set(Direction.objects.values_list("kind", flat=True)) == {DirectionKind.STAY}
    assert PlanAction.objects.exists()
    assert all(v.snapshot["occupations"] == [] for v in PlanVersion.objects.all())
