"""Anna builds Sandra's career plan on its pages (issue 16): plain forms, one change at a time,
every change a version; a stale form says someone else changed the plan and loses nothing.

Sandra is a hairdresser who gives first aid at her football club. The knowledge base holds the
Dutch skill names, so Anna finds skills by their Dutch name. Dirk, in another team, sees none of
it.
"""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from koers import knowledge
from koers.taxonomy import import_esco
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import create_traject
from koers.web.clients.models import Client, Opdrachtgever
from koers.web.plans import actions
from koers.web.plans.models import LearningStep, Plan, PlanAction
from koers.web.plans.queries import personal_transitions, versions_of
from koers.web.training.actions import create_application
from koers.web.training.models import Course
from tests.conftest import with_skill_labels
from tests.web.conftest import HAIRDRESSER, People, make_client

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FIRST_AID = "eerste hulp bieden"
# When a version was saved, as the versions page says it ("2 dec 2026 15:31").
SAVED = r"\d{1,2} \w+ \d{4} \d\d:\d\d"


@pytest.fixture(scope="module")
def labelled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("labelled-data")
    taxonomy, _ = import_esco(with_skill_labels())
    knowledge.save(taxonomy, path)
    return path


@pytest.fixture(autouse=True)
def explorer_knowledge(data_dir: Path, labelled_template: Path) -> Iterator[Path]:
    """The knowledge base with the Dutch skill names, in place of the plain fixtures."""
    shutil.copytree(labelled_template, data_dir)
    knowledge.forget()
    yield data_dir
    knowledge.forget()


@pytest.fixture
def sandra(people: People) -> Client:
    return make_client(
        people.anna, first_name="Sandra", last_name="Bakker", occupation_uri=HAIRDRESSER
    )


@pytest.fixture
def anna(client: Browser, people: People) -> Browser:
    client.force_login(people.anna)
    return client


def url(name: str, client: Client, *args: object) -> str:
    return reverse(f"plans:{name}", args=[client.pk, *args])


def version(client: Client) -> int:
    """The plan's version now, as the page Anna has open carries it."""
    return Plan.objects.get(client=client).version


def text_of(html: str) -> str:
    """The page's text with tags dropped and spaces folded, to compare whole sentences."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def posted(browser: Browser, address: str, data: dict[str, Any]) -> Any:
    response = browser.post(address, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_anna_builds_a_plan_and_every_change_is_a_version(
    anna: Browser, sandra: Client, gap_course: Course
) -> None:
    client_page = anna.get(reverse("casework:client", args=[sandra.pk])).content.decode()
    assert "Nog geen loopbaanplan." in client_page

    started = anna.post(url("start", sandra))
    assert started["Location"] == url("plan", sandra)

    # A skill from volunteer work, found by its Dutch name.
    found = anna.get(url("plan", sandra), {"vaardigheid": "eerste hulp"})
    choices = dict(found.context["forms"]["skill"].fields["uri"].choices)
    first_aid = next(uri for uri, label in choices.items() if label == FIRST_AID)
    posted(
        anna,
        url("add_skill", sandra),
        {
            "version": version(sandra),
            "query": "eerste hulp",
            "uri": first_aid,
            "source": "volunteer",
            "own_words": "EHBO bij de voetbalclub",
        },
    )
    # An occupation held, found by its title.
    found = anna.get(url("plan", sandra), {"beroep": "kapper"})
    assert HAIRDRESSER in dict(found.context["forms"]["occupation"].fields["uri"].choices)
    posted(
        anna,
        url("add_occupation", sandra),
        {"version": version(sandra), "query": "kapper", "uri": HAIRDRESSER, "years": 12},
    )
    # A direction from her own next steps, on their own page.
    page = anna.get(url("add_direction", sandra))
    transition, _form = page.context["transitions"][0]
    posted(
        anna,
        url("add_direction", sandra),
        {
            "version": version(sandra),
            "kind": "new",
            "occupation": transition.uri,
            "why": "Ik werk graag met mensen",
        },
    )
    # A learning step from that direction's gap, with a course from the catalogue.
    page = anna.get(url("plan", sandra))
    direction = page.context["shown"].directions[0]
    gap_skill = direction.gap.steps[0].skills[0]
    posted(
        anna,
        url("add_step", sandra),
        {
            "version": version(sandra),
            "direction": direction.pk,
            "skill": gap_skill.uri,
            "course": gap_course.pk,
        },
    )
    # An action with a date, then done.
    due = TODAY + datetime.timedelta(days=7)
    posted(
        anna,
        url("add_action", sandra),
        {
            "version": version(sandra),
            "what": "Bel het ROC",
            "who": "client",
            "due_on": due.isoformat(),
        },
    )
    client_page = anna.get(reverse("casework:client", args=[sandra.pk])).content.decode()
    assert transition.label in client_page
    assert f"Bel het ROC · cliënt · uiterlijk {due.day}" in text_of(client_page)
    action = PlanAction.objects.get()
    posted(
        anna,
        url("action_done", sandra),
        {"version": version(sandra), "kind": "action", "item": action.pk},
    )

    plan = Plan.objects.get(client=sandra)
    assert plan.skills.get().skill_uri == first_aid
    assert plan.skills.get().source == "volunteer"
    assert (plan.occupations.get().occupation_uri, plan.occupations.get().years) == (
        HAIRDRESSER,
        12,
    )
    assert plan.directions.get().why == "Ik werk graag met mensen"
    step = plan.directions.get().learning_steps.get()
    assert (step.skill_uri, step.course) == (gap_skill.uri, gap_course)
    assert PlanAction.objects.get().done_on == TODAY
    assert [v.change for v in versions_of(plan)] == [
        "action.done",
        "action.added",
        "step.added",
        "direction.added",
        "occupation.added",
        "skill.added",
        "started",
    ]
    listing = text_of(anna.get(url("versions", sandra)).content.decode())
    for number, change in [
        (1, "plan begonnen"),
        (2, "vaardigheid toegevoegd"),
        (3, "beroep toegevoegd"),
        (4, "richting toegevoegd"),
        (5, "leerstap toegevoegd"),
        (6, "actie afgesproken"),
        (7, "actie gedaan"),
    ]:
        assert re.search(rf"Versie {number} {change} {SAVED} ?, Anna niet beantwoord", listing)
    editor = text_of(anna.get(url("plan", sandra)).content.decode())
    assert "EHBO bij de voetbalclub" in editor
    assert f"gedaan op {TODAY.day}" in editor


def test_a_version_is_shown_as_it_was_saved(anna: Browser, people: People, sandra: Client) -> None:
    plan = actions.start_plan(by=people.anna, client=sandra)
    actions.update_plan(
        by=people.anna, plan=plan, version=plan.version, values={"standing": "Ik wil minder staan."}
    )
    actions.update_plan(
        by=people.anna, plan=plan, version=plan.version, values={"standing": "Ik zoek ander werk."}
    )

    second = anna.get(url("version", sandra, 2)).content.decode()
    third = anna.get(url("version", sandra, 3)).content.decode()

    assert "Ik wil minder staan." in second and "Ik zoek ander werk." not in second
    assert "Ik zoek ander werk." in third
    assert "Loopbaanplan van Sandra Bakker, versie 2" in text_of(second)
    assert anna.get(url("version", sandra, 4)).status_code == 404


def test_the_versions_pages_read_the_saved_versions_not_the_plan_as_it_is(
    anna: Browser, people: People, sandra: Client
) -> None:
    """What the plan holds now is not read for them, nor each version's copy for the list."""
    plan = actions.start_plan(by=people.anna, client=sandra)
    actions.update_plan(
        by=people.anna, plan=plan, version=plan.version, values={"standing": "Ik wil minder staan."}
    )

    def sql_of(page: str) -> str:
        with CaptureQueriesContext(connection) as queries:
            assert anna.get(page).status_code == 200
        return " ".join(query["sql"] for query in queries.captured_queries)

    listing, one = sql_of(url("versions", sandra)), sql_of(url("version", sandra, 2))
    for part in ("plans_planskill", "plans_direction", "plans_planaction"):
        assert part not in listing and part not in one
    assert '"plans_planversion"."snapshot"' not in listing
    assert '"plans_planversion"."snapshot"' in one


def test_choosing_a_direction_reads_what_the_transitions_need_not_steps_or_actions(
    anna: Browser, people: People, sandra: Client
) -> None:
    actions.start_plan(by=people.anna, client=sandra)
    with CaptureQueriesContext(connection) as queries:
        assert anna.get(url("add_direction", sandra)).status_code == 200
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    for part in ("plans_planoccupation", "plans_planskill", "plans_direction"):
        assert part in sql
    for part in ("plans_learningstep", "plans_planaction"):
        assert part not in sql


def test_a_stale_form_says_someone_else_changed_the_plan_and_loses_nothing(
    anna: Browser, people: People, sandra: Client
) -> None:
    plan = actions.start_plan(by=people.anna, client=sandra)
    stale = plan.version
    actions.update_plan(
        by=people.bram, plan=plan, version=plan.version, values={"standing": "Van Bram."}
    )

    response = anna.post(
        url("standing", sandra), {"version": stale, "standing": "Ik wil minder staan."}
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft het plan intussen gewijzigd" in html
    assert "\nIk wil minder staan.</textarea>" in html
    assert "Van Bram." in html
    assert Plan.objects.get(pk=plan.pk).standing == "Van Bram."
    form = response.context["forms"]["standing"]
    assert form["version"].value() == str(Plan.objects.get(pk=plan.pk).version)
    again = anna.post(
        url("standing", sandra),
        {"version": form["version"].value(), "standing": "Ik wil minder staan."},
    )
    assert again.status_code == 302
    assert Plan.objects.get(pk=plan.pk).standing == "Ik wil minder staan."


def test_a_stale_remove_button_shows_the_plan_as_it_is_now(
    anna: Browser, people: People, sandra: Client
) -> None:
    plan = actions.start_plan(by=people.anna, client=sandra)
    action = actions.add_action(
        by=people.anna, plan=plan, version=plan.version, what="Bellen", who="coach"
    )
    stale = plan.version
    actions.add_action(by=people.bram, plan=plan, version=plan.version, what="Mailen", who="coach")

    response = anna.post(
        url("remove", sandra), {"version": stale, "kind": "action", "item": action.pk}
    )

    assert response.status_code == 409
    assert "Iemand anders heeft het plan intussen gewijzigd" in response.content.decode()
    assert "Mailen" in response.content.decode()
    assert PlanAction.objects.count() == 2


def test_a_form_with_errors_is_shown_again_with_a_summary(
    anna: Browser, people: People, sandra: Client
) -> None:
    plan = actions.start_plan(by=people.anna, client=sandra)

    response = anna.post(
        url("add_action", sandra), {"version": plan.version, "what": "", "who": "client"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Controleer het formulier" in html
    assert 'aria-describedby="action-what_error"' in html
    assert versions_of(plan).count() == 1


def test_dirk_of_another_team_gets_404_on_every_plan_page(
    client: Browser, people: People, sandra: Client
) -> None:
    plan = actions.start_plan(by=people.anna, client=sandra)
    client.force_login(people.dirk)

    for name in ["plan", "versions"]:
        assert client.get(url(name, sandra)).status_code == 404
    assert client.get(url("version", sandra, 1)).status_code == 404
    for name in [
        "start",
        "standing",
        "reflection",
        "notes",
        "add_occupation",
        "add_skill",
        "add_direction",
        "add_step",
        "link_step",
        "add_action",
        "action_done",
        "remove",
    ]:
        response = client.post(url(name, sandra), {"version": plan.version, "standing": "weg"})
        assert response.status_code == 404, name
    assert versions_of(plan).count() == 1


def test_the_plan_pages_read_in_english_under_en(
    anna: Browser, people: People, sandra: Client
) -> None:
    actions.start_plan(by=people.anna, client=sandra)

    with translation.override("en"):
        english = text_of(anna.get(url("plan", sandra)).content.decode())
        versions = text_of(anna.get(url("versions", sandra)).content.decode())
    dutch = text_of(anna.get(url("plan", sandra)).content.decode())

    assert "Career plan of Sandra Bakker" in english
    assert "Where I stand" in english and "What matters to me" in english
    assert re.search(rf"Version 1 plan started {SAVED} ?, Anna not answered", versions)
    assert "Loopbaanplan van Sandra Bakker" in dutch
    assert "Waar ik sta" in dutch and "Wat voor mij belangrijk is" in dutch


def test_the_reflection_answers_are_saved_as_checked(
    anna: Browser, people: People, sandra: Client
) -> None:
    plan = actions.start_plan(by=people.anna, client=sandra)

    posted(
        anna,
        url("reflection", sandra),
        {
            "version": plan.version,
            "gives": ["people", "pride"],
            "worries": ["money"],
            "own_words": "Mijn rug.",
        },
    )
    posted(
        anna,
        url("reflection", sandra),
        {
            "version": plan.version + 1,
            "gives": ["people", "pride"],
            "worries": ["money"],
            "own_words": "Mijn rug.",
        },
    )

    saved = Plan.objects.get(pk=plan.pk)
    assert saved.reflection == {
        "gives": ["people", "pride"],
        "worries": ["money"],
        "own_words": "Mijn rug.",
    }
    assert versions_of(plan).count() == 2, "saving the same answers again is no new version"


def test_directions_are_chosen_on_their_own_page(
    anna: Browser, people: People, sandra: Client
) -> None:
    plan = actions.start_plan(by=people.anna, client=sandra)
    editor = anna.get(url("plan", sandra)).content.decode()
    assert url("add_direction", sandra) in editor
    assert "Kies deze richting" not in editor, "the next steps are on their own page"

    viewed = AuditEvent.objects.filter(action=AuditAction.PLAN_VIEWED).count()
    page = anna.get(url("add_direction", sandra))
    assert page.status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.PLAN_VIEWED).count() == viewed + 1
    html = page.content.decode()
    assert "Kies een richting voor Sandra Bakker" in html
    transitions = page.context["transitions"]
    assert transitions and html.count("Kies deze richting") == len(transitions)

    # Too long a reason: the same page again, with the error at the step, nothing saved.
    transition, _form = transitions[0]
    refused = anna.post(
        url("add_direction", sandra),
        {"version": plan.version, "kind": "new", "occupation": transition.uri, "why": "x" * 2001},
    )
    assert refused.status_code == 200
    assert refused.templates[0].name == "plans/directions.html"
    assert refused.context["forms"][f"direction:{transition.uri}"].errors
    assert version(sandra) == plan.version

    chosen = posted(
        anna,
        url("add_direction", sandra),
        {"version": plan.version, "kind": "new", "occupation": transition.uri, "why": ""},
    )
    assert chosen["Location"].endswith(url("plan", sandra) + "#directions")
    # A colleague saved in between: the page again with the conflict, and nothing chosen.
    late = anna.post(
        url("add_direction", sandra),
        {"version": plan.version, "kind": "stay", "why": "minder uren"},
    )
    assert late.status_code == 409
    assert "Iemand anders heeft het plan intussen gewijzigd" in late.content.decode()
    assert late.templates[0].name == "plans/directions.html"
    assert "Hieronder staan de volgende stappen zoals het plan nu is." in late.content.decode()
    assert Plan.objects.get(client=sandra).directions.count() == 1


def test_a_direction_can_be_staying_differently_or_a_temporary_step(
    anna: Browser, people: People, sandra: Client
) -> None:
    plan = actions.start_plan(by=people.anna, client=sandra)
    page = anna.get(url("add_direction", sandra))
    transition, _form = page.context["transitions"][1]

    posted(
        anna,
        url("add_direction", sandra),
        {"version": plan.version, "kind": "stay", "why": "Minder uren, meer knippen"},
    )
    posted(
        anna,
        url("add_direction", sandra),
        {"version": plan.version + 1, "kind": "temporary", "occupation": transition.uri},
    )
    # A learning step for staying: any skill, found by its Dutch name.
    found = anna.get(url("plan", sandra), {"vaardigheid": "actief luisteren"})
    stay = found.context["shown"].directions[0]
    listening = next(
        uri for uri, label in stay.form.fields["skill"].choices if label == "actief luisteren"
    )
    posted(
        anna,
        url("add_step", sandra),
        {
            "version": plan.version + 2,
            "direction": stay.pk,
            "query": "actief luisteren",
            "skill": listening,
        },
    )

    editor = text_of(anna.get(url("plan", sandra)).content.decode())
    assert "In mijn eigen werk blijven, maar anders Waarom het past: Minder uren" in editor
    assert f"{transition.label} (een tijdelijke stap, daarna terug)" in editor
    assert [(d.kind, d.occupation_uri) for d in Plan.objects.get(pk=plan.pk).directions.all()] == [
        ("stay", ""),
        ("temporary", transition.uri),
    ]
    assert (
        Plan.objects.get(pk=plan.pk).directions.get(kind="stay").learning_steps.get().skill_uri
        == listening
    )


def test_a_learning_step_is_linked_to_an_application_started_later(
    anna: Browser, people: People, sandra: Client, gap_course: Course, opdrachtgever: Opdrachtgever
) -> None:
    plan = actions.start_plan(by=people.anna, client=sandra)
    transition = personal_transitions(plan, 1)[0]
    direction = actions.add_direction(
        by=people.anna, plan=plan, version=plan.version, kind="new", occupation_uri=transition.uri
    )
    step = actions.add_learning_step(
        by=people.anna,
        direction=direction,
        version=plan.version,
        skill_uri=transition.missing_essential[0],
    )
    traject = create_traject(
        by=people.anna,
        client=sandra,
        values={"opdrachtgever": opdrachtgever, "starts": TODAY},
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

    posted(
        anna,
        url("link_step", sandra),
        {
            "version": Plan.objects.get(pk=plan.pk).version,
            "step": step.pk,
            "course": gap_course.pk,
            "application": application.pk,
        },
    )

    linked = LearningStep.objects.get(pk=step.pk)
    assert (linked.course, linked.application) == (gap_course, application)
    assert versions_of(plan)[0].change == "step.linked"
    assert "Leerstap gekoppeld." in anna.get(url("plan", sandra)).content.decode()
