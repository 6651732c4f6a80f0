"""The career plan (loopbaanplan, #16): its data, its rules and its reads.

Sandra is a hairdresser and Anna's client. Anna and her team lead Bram work on her plan; Dirk,
a coach in another team, may not. Every saved change is a new version, and Sandra answers on a
version: she agrees, or says what she would change.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from koers import knowledge
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import ConflictError, create_traject
from koers.web.clients.models import Client, Opdrachtgever, Traject
from koers.web.clients.queries import caseload_for
from koers.web.plans import actions, agreement
from koers.web.plans.access import get_plan_for
from koers.web.plans.choices import ActionStatus
from koers.web.plans.inputs import PlanValues
from koers.web.plans.models import (
    Direction,
    ImmutableVersionError,
    LearningStep,
    Plan,
    PlanAction,
    PlanOccupation,
    PlanSkill,
    PlanVersion,
)
from koers.web.plans.queries import (
    actions_due,
    gap_of,
    person_query,
    personal_transitions,
    plan_of,
    versions_of,
)
from koers.web.plans.snapshot import FORMAT
from koers.web.privacy.register import REGISTER
from koers.web.training.actions import create_application
from koers.web.training.models import Course
from tests.web.conftest import HAIRDRESSER, People, make_client

ESCO = "http://data.europa.eu/esco/occupation/"
COOK = ESCO + "90f75f67-495d-49fa-ab57-2f320e251d7e"
CARE_HELPER = ESCO + "d38c2107-98f2-47b7-8bb4-f69750d51082"
UNKNOWN_OCCUPATION = ESCO + "00000000-0000-0000-0000-000000000000"
UNKNOWN_SKILL = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"
# Passes the 11-proef: Koers refuses it in every text.
BSN = "111222333"


@pytest.fixture
def sandra(people: People) -> Client:
    return make_client(
        people.anna, first_name="Sandra", last_name="Bakker", occupation_uri=HAIRDRESSER
    )


@pytest.fixture
def plan(people: People, sandra: Client) -> Plan:
    return actions.start_plan(by=people.anna, client=sandra)


def fresh(plan: Plan) -> Plan:
    return Plan.objects.get(pk=plan.pk)


def test_it_starts_one_plan_per_client_as_version_1(people: People, plan: Plan) -> None:
    versions = list(versions_of(plan))

    assert [(v.number, v.change, v.saved_by) for v in versions] == [(1, "started", people.anna)]
    assert versions[0].snapshot["format"] == FORMAT
    assert versions[0].snapshot["version"] == 1
    entry = AuditEvent.objects.get(action=AuditAction.PLAN_CREATED)
    assert (entry.actor, entry.client_id) == (people.anna, plan.client_id)
    with pytest.raises(ValidationError):
        actions.start_plan(by=people.anna, client=plan.client)


def test_a_client_without_a_plan_has_none_until_one_is_started(
    people: People, sandra: Client
) -> None:
    assert plan_of(sandra) is None
    assert get_plan_for(people.anna, sandra.pk) is None

    actions.start_plan(by=people.anna, client=sandra)

    assert plan_of(sandra) is not None


def test_it_lets_the_team_lead_work_on_the_plan_of_her_teams_client(
    people: People, plan: Plan
) -> None:
    skill = knowledge.taxonomy().skills[0].uri

    actions.add_skill(
        by=people.bram, plan=plan, version=plan.version, skill_uri=skill, source="hobby"
    )

    assert fresh(plan).skills.get().skill_uri == skill
    assert versions_of(plan)[0].saved_by == people.bram


def test_it_lets_anna_work_on_the_plan_of_the_coach_she_covers_for(people: People) -> None:
    evas_client = make_client(people.eva, first_name="Joost")

    plan = actions.start_plan(by=people.anna, client=evas_client)

    assert plan.client.coach == people.eva


def test_it_refuses_dirk_of_another_team_and_writes_nothing(
    people: People, sandra: Client, plan: Plan
) -> None:
    other = make_client(people.anna, first_name="Kees")

    with pytest.raises(PermissionDenied):
        actions.start_plan(by=people.dirk, client=other)
    with pytest.raises(PermissionDenied):
        actions.update_plan(
            by=people.dirk, plan=plan, version=plan.version, values={"standing": "weg"}
        )
    with pytest.raises(Http404):
        get_plan_for(people.dirk, sandra.pk)

    assert not Plan.objects.filter(client=other).exists()
    assert fresh(plan).standing == ""
    assert versions_of(plan).count() == 1


def test_opening_a_plan_is_audited(people: People, sandra: Client, plan: Plan) -> None:
    opened = get_plan_for(people.anna, sandra.pk)

    assert opened == plan
    entry = AuditEvent.objects.get(action=AuditAction.PLAN_VIEWED)
    assert (entry.actor, entry.client_id, entry.target) == (
        people.anna,
        sandra.pk,
        f"plan:{plan.pk}",
    )


def test_each_change_is_a_new_version_and_earlier_ones_stay_readable(
    people: People, plan: Plan
) -> None:
    skill = knowledge.taxonomy().skills[0].uri
    actions.update_plan(
        by=people.anna,
        plan=plan,
        version=plan.version,
        values={"standing": "Ik wil minder staan.", "reflection": {"gives": ["people"]}},
    )
    actions.add_skill(
        by=people.anna, plan=plan, version=plan.version, skill_uri=skill, source="volunteer"
    )

    assert plan.version == 3
    versions = {v.number: v for v in versions_of(plan)}
    assert [versions[n].change for n in (1, 2, 3)] == ["started", "texts", "skill.added"]
    assert versions[1].snapshot["standing"] == ""
    assert versions[2].snapshot["standing"] == "Ik wil minder staan."
    assert versions[2].snapshot["reflection"] == {"gives": ["people"]}
    assert versions[2].snapshot["skills"] == []
    assert versions[3].snapshot["skills"] == [
        {"uri": skill, "source": "volunteer", "own_words": ""}
    ]
    with pytest.raises(ImmutableVersionError):
        versions[1].save()


def test_a_change_that_changes_nothing_writes_no_version(people: People, plan: Plan) -> None:
    actions.update_plan(by=people.anna, plan=plan, version=1, values={"standing": ""})

    assert versions_of(plan).count() == 1
    assert not AuditEvent.objects.filter(action=AuditAction.PLAN_CHANGED).exists()


def test_each_change_is_audited_with_field_names_never_values(people: People, plan: Plan) -> None:
    actions.update_plan(
        by=people.anna, plan=plan, version=plan.version, values={"coach_notes": "geheim"}
    )
    actions.add_action(
        by=people.anna, plan=plan, version=plan.version, what="cv maken", who="client"
    )

    entries = AuditEvent.objects.filter(action=AuditAction.PLAN_CHANGED).order_by("id")
    assert [(e.fields, e.detail) for e in entries] == [
        (["coach_notes"], "texts"),
        (["due_on", "what", "who"], "action.added"),
    ]
    assert "geheim" not in str(list(entries.values()))


def test_a_change_on_a_version_someone_saved_over_is_refused(people: People, plan: Plan) -> None:
    started_from = plan.version
    actions.update_plan(
        by=people.bram, plan=plan, version=started_from, values={"standing": "Bram schreef dit."}
    )

    with pytest.raises(ConflictError) as refused:
        actions.update_plan(
            by=people.anna, plan=plan, version=started_from, values={"standing": "Anna's tekst"}
        )

    assert refused.value.current.version == 2
    assert fresh(plan).standing == "Bram schreef dit."
    assert versions_of(plan).count() == 2


def _bsn_in(field: str) -> Callable[[People, Plan], Any]:
    """A change with a BSN in ``field``."""

    def change(people: People, plan: Plan) -> Any:
        skill = knowledge.taxonomy().skills[0].uri
        by, version = people.anna, plan.version
        if field in ("standing", "client_notes", "coach_notes"):
            values = cast(PlanValues, {field: BSN})
            return actions.update_plan(by=by, plan=plan, version=version, values=values)
        if field == "reflection":
            answers = {"own_words": f"mijn nummer {BSN}"}
            return actions.update_plan(
                by=by, plan=plan, version=version, values={"reflection": answers}
            )
        if field == "own_words":
            return actions.add_skill(
                by=by, plan=plan, version=version, skill_uri=skill, source="hobby", own_words=BSN
            )
        if field == "why":
            return actions.add_direction(by=by, plan=plan, version=version, kind="stay", why=BSN)
        if field == "what":
            return actions.add_action(by=by, plan=plan, version=version, what=BSN, who="coach")
        return agreement.record_agreement(
            version=plan.versions.get(), agreed=False, comment=f"BSN {BSN}"
        )

    return change


@pytest.mark.parametrize(
    "field",
    [
        "standing",
        "client_notes",
        "coach_notes",
        "reflection",
        "own_words",
        "why",
        "what",
        "comment",
    ],
)
def test_it_refuses_a_bsn_in_every_text_naming_the_field(
    people: People, plan: Plan, field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _bsn_in(field)(people, plan)

    assert list(refused.value.message_dict) == [field]
    assert "BSN" in refused.value.message_dict[field][0]
    assert versions_of(plan).count() == 1


@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("occupation", "occupation_uri"),
        ("skill", "skill_uri"),
        ("direction", "occupation_uri"),
        ("learning step", "skill_uri"),
    ],
)
def test_it_refuses_an_unknown_esco_uri_naming_the_field(
    people: People, plan: Plan, change: str, field: str
) -> None:
    by = people.anna
    with pytest.raises(ValidationError) as refused:
        if change == "occupation":
            actions.add_occupation(
                by=by, plan=plan, version=plan.version, occupation_uri=UNKNOWN_OCCUPATION
            )
        elif change == "skill":
            actions.add_skill(
                by=by, plan=plan, version=plan.version, skill_uri=UNKNOWN_SKILL, source="hobby"
            )
        elif change == "direction":
            actions.add_direction(
                by=by,
                plan=plan,
                version=plan.version,
                kind="new",
                occupation_uri=UNKNOWN_OCCUPATION,
            )
        else:
            direction = actions.add_direction(
                by=by, plan=plan, version=plan.version, kind="new", occupation_uri=COOK
            )
            actions.add_learning_step(
                by=by, direction=direction, version=plan.version, skill_uri=UNKNOWN_SKILL
            )

    assert list(refused.value.message_dict) == [field]
    assert "knowledge base" in refused.value.message_dict[field][0]


@pytest.mark.usefixtures("in_english")
def test_a_plan_holds_at_most_three_directions_in_order(people: People, plan: Plan) -> None:
    by = people.anna
    cook = actions.add_direction(
        by=by, plan=plan, version=plan.version, kind="new", occupation_uri=COOK
    )
    actions.add_direction(by=by, plan=plan, version=plan.version, kind="stay", why="minder uren")
    actions.add_direction(
        by=by, plan=plan, version=plan.version, kind="temporary", occupation_uri=CARE_HELPER
    )

    with pytest.raises(ValidationError, match="at most 3"):
        actions.add_direction(
            by=by, plan=plan, version=plan.version, kind="new", occupation_uri=HAIRDRESSER
        )

    assert [(d.position, d.kind) for d in plan.directions.all()] == [
        (1, "new"),
        (2, "stay"),
        (3, "temporary"),
    ]
    actions.remove_direction(by=by, direction=cook, version=plan.version)
    assert [(d.position, d.kind) for d in plan.directions.all()] == [(1, "stay"), (2, "temporary")]


def test_the_same_direction_is_not_chosen_twice(people: People, plan: Plan) -> None:
    actions.add_direction(
        by=people.anna, plan=plan, version=plan.version, kind="new", occupation_uri=COOK
    )

    with pytest.raises(ValidationError) as twice:
        actions.add_direction(
            by=people.anna, plan=plan, version=plan.version, kind="new", occupation_uri=COOK
        )
    temporary = actions.add_direction(
        by=people.anna, plan=plan, version=plan.version, kind="temporary", occupation_uri=COOK
    )

    assert list(twice.value.message_dict) == ["occupation_uri"]
    assert temporary.position == 2


def test_staying_in_the_own_work_needs_no_occupation_and_the_others_need_one(
    people: People, plan: Plan
) -> None:
    by = people.anna
    with pytest.raises(ValidationError) as staying:
        actions.add_direction(
            by=by, plan=plan, version=plan.version, kind="stay", occupation_uri=COOK
        )
    with pytest.raises(ValidationError) as temporary:
        actions.add_direction(by=by, plan=plan, version=plan.version, kind="temporary")

    assert list(staying.value.message_dict) == ["occupation_uri"]
    assert list(temporary.value.message_dict) == ["occupation_uri"]
    assert not plan.directions.exists()


def test_the_origin_is_the_occupation_held_longest_and_the_others_count_too(
    people: People, plan: Plan
) -> None:
    only_client = person_query(plan)
    assert only_client is not None
    assert (only_client.origin, only_client.also_held) == (HAIRDRESSER, ())

    actions.add_occupation(
        by=people.anna, plan=plan, version=plan.version, occupation_uri=HAIRDRESSER, years=3
    )
    actions.add_occupation(
        by=people.anna, plan=plan, version=plan.version, occupation_uri=COOK, years=11
    )

    query = person_query(fresh(plan))
    assert query is not None
    assert (query.origin, query.also_held) == (COOK, (HAIRDRESSER,))
    assert {t.uri for t in personal_transitions(fresh(plan), 20)}.isdisjoint({COOK, HAIRDRESSER})


def test_a_skill_added_to_the_plan_changes_the_personal_ranking_and_the_gap(
    people: People, plan: Plan
) -> None:
    before = personal_transitions(plan, 10)
    best = before[0]
    learned = best.missing_essential[0]
    direction = actions.add_direction(
        by=people.anna, plan=plan, version=plan.version, kind="new", occupation_uri=best.uri
    )
    gap_before = gap_of(direction)
    assert gap_before is not None
    assert learned in {s.uri for step in gap_before.steps for s in step.skills}

    actions.add_skill(
        by=people.anna, plan=plan, version=plan.version, skill_uri=learned, source="volunteer"
    )

    after = personal_transitions(fresh(plan), 10)
    assert [(t.uri, t.score) for t in after] != [(t.uri, t.score) for t in before]
    target_after = next(t for t in after if t.uri == best.uri)
    assert target_after.essential_coverage > best.essential_coverage
    gap_after = gap_of(Direction.objects.get(pk=direction.pk))
    assert gap_after is not None
    assert learned not in {s.uri for step in gap_after.steps for s in step.skills}
    assert learned in {s.uri for s in gap_after.already}


def test_staying_in_the_own_work_has_no_gap(people: People, plan: Plan) -> None:
    direction = actions.add_direction(by=people.anna, plan=plan, version=plan.version, kind="stay")

    assert gap_of(direction) is None


@pytest.fixture
def traject(people: People, sandra: Client, opdrachtgever: Opdrachtgever) -> Traject:
    return create_traject(
        by=people.anna,
        client=sandra,
        values={"opdrachtgever": opdrachtgever, "starts": timezone.localdate()},
    )


def test_a_learning_step_comes_from_the_gap_with_a_course_and_an_application(
    people: People, plan: Plan, traject: Traject, gap_course: Course
) -> None:
    best = personal_transitions(plan, 1)[0]
    direction = actions.add_direction(
        by=people.anna, plan=plan, version=plan.version, kind="new", occupation_uri=best.uri
    )
    application = create_application(
        by=people.anna,
        traject=traject,
        values={
            "course": gap_course,
            "course_title": "Instroom",
            "provider": "ROC",
            "cost": Decimal(1),
        },
        lines=[],
    )
    with pytest.raises(ValidationError) as not_in_gap:
        actions.add_learning_step(
            by=people.anna,
            direction=direction,
            version=plan.version,
            skill_uri=best.shared_skills[0],
        )

    step = actions.add_learning_step(
        by=people.anna,
        direction=direction,
        version=plan.version,
        skill_uri=best.missing_essential[0],
        course=gap_course,
        application=application,
    )

    assert list(not_in_gap.value.message_dict) == ["skill_uri"]
    assert (step.course, step.application) == (gap_course, application)
    snapshot = versions_of(plan)[0].snapshot
    assert snapshot["directions"][0]["learning_steps"] == [
        {
            "skill_uri": best.missing_essential[0],
            "course": gap_course.pk,
            "application": application.pk,
        }
    ]


def test_a_learning_step_cannot_link_another_clients_application(
    people: People, plan: Plan, opdrachtgever: Opdrachtgever
) -> None:
    other = make_client(people.anna, first_name="Kees")
    others_traject = create_traject(
        by=people.anna,
        client=other,
        values={"opdrachtgever": opdrachtgever, "starts": timezone.localdate()},
    )
    application = create_application(
        by=people.anna,
        traject=others_traject,
        values={"course_title": "Iets", "provider": "ROC", "cost": Decimal(1)},
        lines=[],
    )
    best = personal_transitions(plan, 1)[0]
    direction = actions.add_direction(
        by=people.anna, plan=plan, version=plan.version, kind="new", occupation_uri=best.uri
    )

    with pytest.raises(ValidationError) as refused:
        actions.add_learning_step(
            by=people.anna,
            direction=direction,
            version=plan.version,
            skill_uri=best.missing_essential[0],
            application=application,
        )

    assert list(refused.value.message_dict) == ["application"]


@pytest.mark.usefixtures("in_english")
def test_the_client_agrees_with_a_version_once_and_it_is_recorded_there(
    people: People, plan: Plan
) -> None:
    actions.update_plan(
        by=people.anna, plan=plan, version=plan.version, values={"client_notes": "Succes!"}
    )
    version = versions_of(plan).first()
    assert version is not None

    agreement.record_agreement(version=version, agreed=True)

    answered = PlanVersion.objects.get(pk=version.pk)
    assert answered.agreed_at is not None
    assert answered.answered_at == answered.agreed_at
    assert PlanVersion.objects.get(plan=plan, number=1).answered_at is None
    entry = AuditEvent.objects.get(action=AuditAction.PLAN_AGREED)
    assert (entry.actor, entry.via, entry.client_id, entry.detail) == (
        None,
        "link",
        plan.client_id,
        "v2 agreed",
    )
    with pytest.raises(ValidationError, match="answered already"):
        agreement.record_agreement(version=version, agreed=False, comment="toch niet")


def test_the_client_may_say_what_she_would_change_instead(plan: Plan) -> None:
    version = plan.versions.get()
    with pytest.raises(ValidationError) as empty:
        agreement.record_agreement(version=version, agreed=False, comment="  ")

    answered = agreement.record_agreement(
        version=version, agreed=False, comment="Liever eerst een proefdag."
    )

    assert list(empty.value.message_dict) == ["comment"]
    assert (answered.agreed_at, answered.comment) == (None, "Liever eerst een proefdag.")
    assert answered.answered_at is not None


def test_actions_due_are_the_open_ones_with_a_date_in_the_period(
    people: People, plan: Plan
) -> None:
    today = timezone.localdate()
    by = people.anna

    def agree(what: str, days: int | None) -> PlanAction:
        due = today + datetime.timedelta(days=days) if days is not None else None
        return actions.add_action(
            by=by, plan=plan, version=plan.version, what=what, who="client", due_on=due
        )

    soon = agree("cv sturen", 3)
    agree("opleiding kiezen", 30)
    agree("nadenken", None)
    done = agree("proefdag", 2)
    late = agree("bellen met salon", -2)
    actions.mark_action_done(by=by, action=done, version=fresh(plan).version)

    due = actions_due(caseload_for(people.anna, today=today), today, today + datetime.timedelta(7))

    assert list(due) == [soon]
    assert [
        a.what for a in actions_due(Client.objects.all(), today - datetime.timedelta(7), today)
    ] == ["bellen met salon"]
    assert not actions_due(caseload_for(people.dirk, today=today), today, today).exists()
    statuses = {a.what: a.status for a in PlanAction.objects.all()}
    assert (statuses["cv sturen"], statuses["proefdag"], statuses[late.what]) == (
        ActionStatus.OPEN,
        ActionStatus.DONE,
        ActionStatus.OVERDUE,
    )
    assert PlanAction.objects.get(pk=done.pk).done_on == today


def test_reflection_answers_are_the_explorers_questions_and_options(
    people: People, plan: Plan
) -> None:
    with pytest.raises(ValidationError) as unknown_question:
        actions.update_plan(
            by=people.anna, plan=plan, version=plan.version, values={"reflection": {"x": []}}
        )
    with pytest.raises(ValidationError) as unknown_option:
        actions.update_plan(
            by=people.anna,
            plan=plan,
            version=plan.version,
            values={"reflection": {"worries": ["money", "aliens"]}},
        )

    saved = actions.update_plan(
        by=people.anna,
        plan=plan,
        version=plan.version,
        values={"reflection": {"worries": ["money"], "own_words": "Mijn rug."}},
    )

    assert list(unknown_question.value.message_dict) == ["reflection"]
    assert list(unknown_option.value.message_dict) == ["reflection"]
    assert saved.answers == {"worries": ["money"], "own_words": "Mijn rug."}


def test_every_plan_model_is_in_the_personal_data_register() -> None:
    registered = {holding.model for holding in REGISTER}

    assert {
        Plan,
        PlanOccupation,
        PlanSkill,
        Direction,
        LearningStep,
        PlanAction,
        PlanVersion,
    } <= registered
