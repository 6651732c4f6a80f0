"""A kept query gives what its values_list query gives, with each call's values, on both
databases; values it cannot carry as themselves are refused when it compiles."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import Count, Prefetch
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers.web.accounts.models import User
from koers.web.clients import actions
from koers.web.clients.models import Client, Contact
from koers.web.common.kept_queries import KeptQuery
from koers.web.common.kept_rows import (
    as_prefetched,
    as_prefetched_each,
    kept_models,
    kept_row,
    kept_rows_of,
)
from koers.web.plans import actions as plan_actions
from koers.web.plans.models import Direction, LearningStep, Plan
from koers.web.training.models import Course
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db


def contacts_since(coach_id: int, since: datetime.datetime, day: datetime.date) -> Any:
    return (
        Contact.objects.filter(
            client__coach_id=coach_id, at__gte=since, client__created_at__date__lte=day
        )
        .order_by("at", "id")
        .values_list("client_id", "at", "outcome", "next_action_on")
    )


def test_it_gives_what_values_list_gives_with_each_calls_values(people: People) -> None:
    now = timezone.now()
    for coach, name in ((people.anna, "Petra"), (people.dirk, "Ahmed")):
        client = make_client(coach, first_name=name)
        for days in (1, 5, 40):
            actions.log_contact(
                by=coach,
                client=client,
                values={
                    "at": now - datetime.timedelta(days=days),
                    "outcome": "bereikt",
                    "next_action_on": now.date() + datetime.timedelta(days=days),
                },
            )
    kept = KeptQuery(contacts_since)
    for coach, days in ((people.anna, 10), (people.dirk, 50), (people.anna, 2)):
        since, day = now - datetime.timedelta(days=days), now.date()
        rows = kept(coach.pk, since, day)
        assert rows == list(contacts_since(coach.pk, since, day))
        assert rows and all(isinstance(row[1], datetime.datetime) for row in rows)
        assert all(timezone.is_aware(row[1]) for row in rows)


def test_it_gives_flat_values_and_the_asked_order_of_annotations(people: People) -> None:
    make_client(people.anna, first_name="Petra")
    make_client(people.anna, first_name="Joost")

    def names(coach_id: int) -> Any:
        return (
            Client.objects.filter(coach_id=coach_id)
            .order_by("first_name")
            .values_list("first_name", flat=True)
        )

    def counted(coach_id: int) -> Any:
        return (
            Client.objects.filter(coach_id=coach_id)
            .annotate(contacts_made=Count("contacts"))
            .order_by("pk")
            .values_list("contacts_made", "first_name")
        )

    assert KeptQuery(names)(people.anna.pk) == ["Joost", "Petra"]
    assert KeptQuery(counted)(people.anna.pk) == list(counted(people.anna.pk))
    assert KeptQuery(counted)(people.anna.pk)[0] == (0, "Petra")


@pytest.mark.parametrize(
    ("build", "values", "error"),
    [
        # The value would go into a LIKE pattern, not as itself.
        (
            lambda q: Client.objects.filter(first_name__icontains=q).values_list("pk"),
            ("pet",),
            ValueError,
        ),
        (lambda on: Client.objects.filter(erased_at=on).values_list("pk"), (None,), TypeError),
        (lambda flag: Contact.objects.filter(shareable=flag).values_list("pk"), (True,), TypeError),
        (lambda ids: Client.objects.filter(pk__in=ids).values_list("pk"), ([1, 2],), TypeError),
        (lambda pk: Client.objects.filter(pk=pk), (1,), TypeError),
    ],
)
def test_it_refuses_what_it_cannot_keep(build: Any, values: tuple[Any, ...], error: type) -> None:
    with pytest.raises(error):
        KeptQuery(build)(*values)


def test_with_checking_on_it_notices_sql_that_changed_under_it(
    people: People, settings: Settings
) -> None:
    settings.KOERS_CHECK_KEPT_QUERIES = True
    make_client(people.anna)
    shown = {"rows": 1}

    def first(coach_id: int) -> Any:
        # LIMIT is written into the SQL: a query that depends on more than its values.
        return Client.objects.filter(coach_id=coach_id).values_list("pk")[: shown["rows"]]

    kept = KeptQuery(first)
    assert len(kept(people.anna.pk)) == 1
    shown["rows"] = 2
    with pytest.raises(AssertionError, match="differs from a fresh compile"):
        kept(people.anna.pk)


def test_a_shape_keyword_compiles_apart_and_a_different_number_of_values_too(
    people: People,
) -> None:
    for name in ("Petra", "Joost", "Ahmed"):
        make_client(people.anna, first_name=name)
    make_client(people.dirk, first_name="Fleur")

    def first(coach_id: int, *more: int, limit: int) -> Any:
        return (
            Client.objects.filter(coach_id__in=(coach_id, *more))
            .order_by("first_name")
            .values_list("first_name", flat=True)[:limit]
        )

    kept = KeptQuery(first)
    assert kept(people.anna.pk, limit=1) == ["Ahmed"]
    assert kept(people.anna.pk, limit=2) == ["Ahmed", "Joost"]
    assert kept(people.anna.pk, limit=1) == ["Ahmed"]
    assert kept(people.anna.pk, people.dirk.pk, limit=2) == ["Ahmed", "Fleur"]


def test_a_kept_row_is_the_row_and_its_related_row_as_select_related_reads_them(
    people: People, django_assert_num_queries: Any
) -> None:
    client = make_client(people.anna, first_name="Petra")
    read = kept_row(Client, related="coach")

    kept = read(client.pk)

    assert kept is not None
    fresh = Client.objects.select_related("coach").get(pk=client.pk)
    fields = [field.attname for field in Client._meta.concrete_fields]
    assert [getattr(kept, name) for name in fields] == [getattr(fresh, name) for name in fields]
    with django_assert_num_queries(0):
        assert kept.coach.username == "anna" and kept.coach.team_id == fresh.coach.team_id
    assert read(client.pk + 1000) is None
    # Without a related row: the row alone, as the signed-in user is read.
    user = kept_row(User)(people.anna.pk)
    assert user is not None and (user.pk, user.username) == (people.anna.pk, "anna")


def test_kept_rows_of_a_parent_are_what_prefetch_related_gives(
    people: People, django_assert_num_queries: Any
) -> None:
    client = make_client(people.anna, first_name="Petra")
    plan = plan_actions.start_plan(by=people.anna, client=client)
    course = Course.objects.create(title="Zorg in de wijk", provider="ROC", active=True)
    first = Direction.objects.create(plan=plan, kind="new", occupation_uri="a", position=2)
    second = Direction.objects.create(plan=plan, kind="new", occupation_uri="b", position=1)
    LearningStep.objects.create(direction=first, skill_uri="s1", course=course)
    LearningStep.objects.create(direction=first, skill_uri="s2")
    read_directions = kept_rows_of(Direction, "plan_id")
    read_steps = kept_rows_of(LearningStep, "direction__plan_id", related=("course", "application"))

    kept = Plan.objects.get(pk=plan.pk)
    as_prefetched(kept, "directions", read_directions(plan.pk))
    as_prefetched_each(kept.directions.all(), "learning_steps", read_steps(plan.pk))

    fresh = Plan.objects.prefetch_related(
        Prefetch(
            "directions",
            Direction.objects.prefetch_related(
                Prefetch(
                    "learning_steps", LearningStep.objects.select_related("course", "application")
                )
            ),
        )
    ).get(pk=plan.pk)
    with django_assert_num_queries(0):
        assert [d.pk for d in kept.directions.all()] == [second.pk, first.pk]
        assert [d.pk for d in kept.directions.all()] == [d.pk for d in fresh.directions.all()]
        shown = [
            (step.skill_uri, step.course.title if step.course else None, step.application)
            for step in kept.directions.all()[1].learning_steps.all()
        ]
        assert shown == [("s1", "Zorg in de wijk", None), ("s2", None, None)]
        assert kept.directions.all()[0].plan is kept
        assert list(kept.directions.all()[0].learning_steps.all()) == []
    assert read_directions(plan.pk + 1000) == []


def test_kept_models_read_named_columns_of_a_related_row_as_only_reads_them(
    people: People, django_assert_num_queries: Any
) -> None:
    client = make_client(people.anna, first_name="Petra")
    now = timezone.now()
    for days, by in ((3, people.anna), (1, people.eva)):
        actions.log_contact(
            by=by,
            client=client,
            values={"at": now - datetime.timedelta(days=days), "outcome": "bereikt"},
        )
    # A contact without its maker (an account erased since): the related row is None.
    Contact.objects.create(client=client, at=now, outcome="bereikt", by=None)
    names = User.DISPLAY_NAME_FIELDS
    read = kept_models(
        Contact,
        lambda client_id: Contact.objects.filter(client_id=client_id)[:2],
        related=[("by", names)],
    )

    kept = read(client.pk)

    fresh = list(
        Contact.objects.filter(client_id=client.pk)
        .select_related("by")
        .only(*(f.name for f in Contact._meta.concrete_fields), *(f"by__{n}" for n in names))[:2]
    )
    assert [c.pk for c in kept] == [c.pk for c in fresh]
    with django_assert_num_queries(0):
        assert [c.by.display_name if c.by else None for c in kept] == [None, "Eva"]
        assert [c.by.display_name if c.by else None for c in fresh] == [None, "Eva"]
    assert kept[1].by is not None and fresh[1].by is not None
    assert kept[1].by.pk == people.eva.pk
    assert kept[1].by.get_deferred_fields() == fresh[1].by.get_deferred_fields()
    assert "password" in kept[1].by.get_deferred_fields()
