"""Anna goes from Sandra's next step to a course that covers the gap, files it and follows it to
paid; the pages show errors plainly and stay closed to other teams (issue 8)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Unpack

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers import knowledge
from koers.transitions import TransitionQuery
from koers.web.clients.models import Traject
from koers.web.common.presenters import ESCO_OCCUPATION
from koers.web.training.actions import change_application_status, create_application
from koers.web.training.inputs import ApplicationValues
from koers.web.training.models import Application, Course, Scheme
from tests.web.conftest import HAIRDRESSER, People, make_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
TODAY = timezone.localdate()


def best_step() -> str:
    """The explorer id of the hairdresser's best next step: the gap_course covers part of it."""
    best = knowledge.ranker().rank(TransitionQuery(origin=HAIRDRESSER), k=1)[0]
    return best.uri.removeprefix(ESCO_OCCUPATION)


def filled(response: Any, **changes: object) -> dict[str, object]:
    """What a browser would post back: the page's application form and lines, then ``changes``."""
    data: dict[str, object] = {}
    form, lines = response.context["form"], response.context["lines"]
    for bound in [*form, *lines.management_form, *(field for line in lines for field in line)]:
        value = bound.value()
        if value is True:
            data[bound.html_name] = "on"
        elif value is not None and value is not False and value != "":
            data[bound.html_name] = value
    data.update(changes)
    return data


def apply(
    people: People, traject: Traject, scheme: Scheme, **values: Unpack[ApplicationValues]
) -> Application:
    fields: ApplicationValues = {
        "course_title": "Instroom zorg",
        "provider": "ROC",
        "cost": Decimal(900),
    }
    fields.update(values)
    return create_application(
        by=people.anna,
        traject=traject,
        values=fields,
        lines=[{"scheme": scheme, "window": scheme.windows.get(), "asked": Decimal(900)}],
    )


def test_it_goes_from_a_transition_to_a_paid_application(
    people: People, client: Browser, traject: Traject, scheme: Scheme, gap_course: Course
) -> None:
    client.force_login(people.anna)
    sandra = traject.client
    target = best_step()
    plan_url = reverse("training:plan", args=[sandra.pk, target])
    assert plan_url in client.get(reverse("casework:client", args=[sandra.pk])).content.decode()

    plan = client.get(plan_url)
    page = plan.content.decode()
    essential = plan.context["essential_total"]
    assert "Instroom zorg" in page and "ROC Midden" in page
    assert f"Covers 2 of {essential} essential skills still to learn" in page
    start = f"{reverse('training:application_create', args=[sandra.pk])}?course={gap_course.pk}"
    assert f"{start}&amp;target={target}" in page

    form = client.get(f"{start}&target={target}")
    assert form.context["form"]["course_title"].value() == "Instroom zorg"
    assert form.context["form"]["traject"].value() == traject.pk  # her only open traject
    assert "Najaar" in form.content.decode()  # the open window, as help
    window = scheme.windows.get()
    filed = client.post(
        f"{start}&target={target}",
        filled(
            form,
            applicant="deelnemer",
            **{"lines-0-scheme": scheme.pk, "lines-0-window": window.pk, "lines-0-asked": "900"},
        ),
    )
    assert filed.status_code == 302, (
        filed.context["form"].errors,
        filed.context["lines"].errors,
        filed.context["lines"].non_form_errors(),
    )
    application = Application.objects.get()
    assert filed["Location"] == reverse("training:application", args=[application.pk])
    assert application.course == gap_course and application.cost == Decimal(900)
    assert application.target_uri == ESCO_OCCUPATION + target
    assert application.lines.get().window == window

    status_url = reverse("training:application_status", args=[application.pk])
    edit_url = reverse("training:application_edit", args=[application.pk])
    page_url = reverse("training:application", args=[application.pk])
    for status in ("ingediend", "toegekend", "gestart", "afgerond", "gedeclareerd", "uitbetaald"):
        moved = client.post(status_url, {"status": status, "on": TODAY.isoformat()})
        assert moved.status_code == 302, moved.content.decode()
        if status == "toegekend":
            assert "Enter the granted amount" in client.get(page_url).content.decode()
            granted = filled(client.get(edit_url), **{"lines-0-granted": "850"})
            assert client.post(edit_url, granted).status_code == 302
    assert "Enter the paid amount" in client.get(page_url).content.decode()
    paid = filled(client.get(edit_url), **{"lines-0-paid": "850"})
    assert client.post(edit_url, paid).status_code == 302

    application.refresh_from_db()
    line = application.lines.get()
    assert (application.status, line.granted, line.paid) == (
        "uitbetaald",
        Decimal(850),
        Decimal(850),
    )
    page = client.get(page_url).content.decode()
    assert "Enter the" not in page and "there is no next step" in page
    assert application.steps.count() == 7


def test_dirk_of_another_team_finds_nothing(
    people: People, client: Browser, traject: Traject, scheme: Scheme
) -> None:
    application = apply(people, traject, scheme)
    client.force_login(people.dirk)
    pk, sandra = application.pk, traject.client_id
    for url in (
        reverse("training:application", args=[pk]),
        reverse("training:application_edit", args=[pk]),
        reverse("training:plan", args=[sandra, best_step()]),
        reverse("training:application_create", args=[sandra]),
    ):
        assert client.get(url).status_code == 404, url
    status = client.post(reverse("training:application_status", args=[pk]), {"status": "ingediend"})
    assert status.status_code == 404
    assert Application.objects.get().status == "idee"


def test_who_may_open_an_application(
    people: People, client: Browser, traject: Traject, scheme: Scheme
) -> None:
    url = reverse("training:application", args=[apply(people, traject, scheme).pk])
    assert client.get(url).status_code == 302  # to the login page
    for person, status in ((people.anna, 200), (people.bram, 200), (people.carla, 404)):
        client.force_login(person)
        assert client.get(url).status_code == status, person


def test_it_refuses_more_than_the_scheme_pays_above_the_lines(
    people: People, client: Browser, traject: Traject, scheme: Scheme
) -> None:
    client.force_login(people.anna)
    url = reverse("training:application_create", args=[traject.client_id])
    response = client.post(
        url,
        filled(
            client.get(url),
            course_title="Verzorgende IG",
            provider="ROC",
            cost="2000",
            applicant="adviseur",
            **{"lines-0-scheme": scheme.pk, "lines-0-asked": "1500"},
        ),
    )
    assert response.status_code == 200
    assert "at most € 1000" in str(response.context["lines"].non_form_errors())
    assert 'id="line-problems"' in response.content.decode()
    assert not Application.objects.exists()


def test_a_line_needs_its_scheme_and_an_empty_line_is_ignored(
    people: People, client: Browser, traject: Traject, scheme: Scheme
) -> None:
    client.force_login(people.anna)
    url = reverse("training:application_create", args=[traject.client_id])
    values = {"course_title": "Excel", "provider": "ROC", "cost": "300", "applicant": "adviseur"}
    response = client.post(url, filled(client.get(url), **values, **{"lines-0-asked": "300"}))
    assert response.context["lines"].forms[0].errors["scheme"]
    assert client.post(url, filled(client.get(url), **values)).status_code == 302
    assert not Application.objects.get().lines.exists()


def test_a_step_the_workflow_does_not_allow_is_shown(
    people: People, client: Browser, traject: Traject, scheme: Scheme
) -> None:
    application = apply(people, traject, scheme)
    client.force_login(people.anna)
    response = client.post(
        reverse("training:application_status", args=[application.pk]),
        {"status": "uitbetaald", "on": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["status"]
    choices = [value for value, _label in response.context["form"].fields["status"].choices]
    assert choices == ["ingediend", "ingetrokken"]
    assert Application.objects.get().status == "idee"


def test_a_step_dated_in_the_future_is_refused_on_the_date(
    people: People, client: Browser, traject: Traject, scheme: Scheme
) -> None:
    application = apply(people, traject, scheme)
    client.force_login(people.anna)
    tomorrow = TODAY + datetime.timedelta(days=1)
    response = client.post(
        reverse("training:application_status", args=[application.pk]),
        {"status": "ingediend", "on": tomorrow.isoformat()},
    )
    assert response.status_code == 200
    assert "future" in str(response.context["form"].errors["on"])


def test_a_stale_edit_gets_the_conflict_page(
    people: People, client: Browser, traject: Traject, scheme: Scheme
) -> None:
    application = apply(people, traject, scheme)
    client.force_login(people.anna)
    url = reverse("training:application_edit", args=[application.pk])
    opened = client.get(url)
    change_application_status(by=people.eva, application=application, status="ingediend")
    response = client.post(url, filled(opened, reference="NLD-7"))
    assert response.status_code == 409
    assert "Someone else saved this in the meantime" in response.content.decode()
    assert Application.objects.get().reference == ""
    again = client.post(url, filled(response))
    assert again.status_code == 302
    assert Application.objects.get().reference == "NLD-7"


def test_the_client_page_lists_the_application_and_its_deadline(
    people: People, client: Browser, traject: Traject, scheme: Scheme
) -> None:
    application = apply(people, traject, scheme, latest_start_on=TODAY + datetime.timedelta(days=5))
    client.force_login(people.anna)
    page = client.get(reverse("casework:client", args=[traject.client_id])).content.decode()
    assert reverse("training:application", args=[application.pk]) in page
    assert "NL leert door: € 900.00" in page
    assert "latest start" in page and "within 14 days" in page
    assert reverse("training:application_create", args=[traject.client_id]) in page


def test_the_client_page_takes_the_same_queries_for_1_or_4_applications(
    people: People, client: Browser, traject: Traject, scheme: Scheme
) -> None:
    client.force_login(people.anna)
    url = reverse("casework:client", args=[traject.client_id])
    apply(people, traject, scheme)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()  # the first request of a session warms caches
    few = count()
    for _ in range(3):
        apply(people, traject, scheme)
    assert count() == few


def test_without_an_occupation_or_a_traject_it_says_what_is_missing(
    people: People, client: Browser
) -> None:
    petra = make_client(people.anna)
    client.force_login(people.anna)
    plan = client.get(reverse("training:plan", args=[petra.pk, best_step()]))
    assert plan.status_code == 200
    assert "No occupation chosen yet" in plan.content.decode()
    assert reverse("training:courses") in plan.content.decode()
    form = client.get(reverse("training:application_create", args=[petra.pk]))
    assert "has no open traject" in form.content.decode()
    assert reverse("clients:traject_create", args=[petra.pk]) in form.content.decode()


def test_the_plan_says_so_when_no_course_fits(
    people: People, client: Browser, traject: Traject
) -> None:
    client.force_login(people.anna)
    page = client.get(reverse("training:plan", args=[traject.client_id, best_step()]))
    assert page.context["plan"].steps
    assert "No course in the catalogue covers this gap yet." in page.content.decode()
