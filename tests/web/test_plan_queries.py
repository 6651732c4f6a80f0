"""The plan pages ask the database as often for a big plan as for a small one (issue 16: the
plan pages at 100,000 clients). The demo data make plans of every size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.web.demo_data import create_demo_data
from koers.web.plans.choices import DirectionKind
from koers.web.plans.models import Plan

pytestmark = pytest.mark.django_db

Q_STAY = Q(directions__kind=DirectionKind.STAY)


def queries(browser: Browser, page: str, plan: Plan) -> int:
    browser.force_login(plan.client.coach)
    url = reverse(page, args=[plan.client_id])
    assert browser.get(url).status_code == 200  # the first view loads what every view shares
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def small_and_big() -> tuple[Plan, Plan]:
    """Of the demo plans with a course in a learning step, the one with the fewest rows and
    the one with the most (directions with their learning steps, skills, actions)."""
    create_demo_data(
        clients=300,
        contacts=0,
        coaches=3,
        seed=3,
        password="demo passphrase 42",
        today=timezone.localdate(),
        occupations=None,
    )
    plans = (
        Plan.objects.annotate(
            new=Count("directions", filter=~Q_STAY, distinct=True),
            steps=Count("directions__learning_steps", distinct=True),
            skill_rows=Count("skills", distinct=True),
            action_rows=Count("actions", distinct=True),
            courses=Count("directions__learning_steps__course", distinct=True),
        )
        .filter(courses__gte=1)
        .select_related("client__coach")
    )
    small = plans.filter(new=1).order_by("steps", "skill_rows", "action_rows", "pk").first()
    big = plans.order_by("-new", "-steps", "-skill_rows", "-action_rows", "pk").first()
    assert small is not None and big is not None
    assert (big.new, big.steps) > (small.new, small.steps)
    return small, big


@pytest.mark.parametrize(
    "page",
    [
        "plans:plan",
        "plans:versions",
        "plans:client_copy",
    ],
)
def test_a_plan_page_asks_as_often_for_a_big_plan_as_for_a_small_one(
    client: Browser, small_and_big: tuple[Plan, Plan], page: str
) -> None:
    small, big = small_and_big
    assert queries(client, page, big) == queries(client, page, small)
