"""Training applications: the workflow from idea to paid, deadlines, funding lines (issue 8)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Unpack

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.actions import ConflictError, StepError
from koers.web.clients.models import Traject
from koers.web.training.actions import (
    change_application_status,
    create_application,
    save_window,
    update_application,
)
from koers.web.training.deadlines import next_deadline
from koers.web.training.inputs import ApplicationValues
from koers.web.training.models import Application, Course, Scheme

from .conftest import People

TODAY = timezone.localdate()


def _apply(
    people: People, traject: Traject, scheme: Scheme, **values: Unpack[ApplicationValues]
) -> Application:
    window = scheme.windows.get()
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
        lines=[{"scheme": scheme, "window": window, "asked": Decimal(900)}],
    )


def test_it_follows_an_application_from_idea_to_paid(
    people: People, traject: Traject, scheme: Scheme
) -> None:
    application = _apply(people, traject, scheme, claim_on=TODAY + datetime.timedelta(days=60))
    assert application.status == "idee"
    for status in ("ingediend", "toegekend", "gestart", "afgerond", "gedeclareerd", "uitbetaald"):
        application = change_application_status(
            by=people.anna, application=application, status=status
        )
    assert application.status == "uitbetaald"
    assert [step.status for step in application.steps.all()] == [
        "idee", "ingediend", "toegekend", "gestart", "afgerond", "gedeclareerd", "uitbetaald",
    ]  # fmt: skip
    assert application.deadline_on is None
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.APPLICATION_STATUS, client_id=traject.client_id
        ).count()
        == 6
    )


def test_it_refuses_a_step_the_workflow_does_not_allow(
    people: People, traject: Traject, scheme: Scheme
) -> None:
    application = _apply(people, traject, scheme)
    with pytest.raises(StepError):
        change_application_status(by=people.anna, application=application, status="uitbetaald")


def test_it_refuses_to_submit_outside_the_window(
    people: People, traject: Traject, scheme: Scheme
) -> None:
    application = _apply(people, traject, scheme)
    window = scheme.windows.get()
    window.closes_on = TODAY - datetime.timedelta(days=1)
    save_window(by=people.carla, window=window)
    with pytest.raises(ValidationError, match="Najaar"):
        change_application_status(by=people.anna, application=application, status="ingediend")
    assert Application.objects.get(pk=application.pk).status == "idee"


def test_the_deadline_follows_the_status_and_the_window(
    people: People, traject: Traject, scheme: Scheme
) -> None:
    start = TODAY + datetime.timedelta(days=40)
    application = _apply(people, traject, scheme, latest_start_on=start)
    window = scheme.windows.get()
    assert (application.deadline_on, application.deadline_kind) == (window.closes_on, "window")
    window.closes_on = TODAY + datetime.timedelta(days=5)
    save_window(by=people.carla, window=window)
    assert Application.objects.get(pk=application.pk).deadline_on == window.closes_on
    application = change_application_status(
        by=people.anna, application=application, status="ingediend"
    )
    assert (application.deadline_on, application.deadline_kind) == (start, "start")


@pytest.mark.usefixtures("in_english")
def test_it_refuses_more_than_the_scheme_pays_or_the_course_costs(
    people: People, traject: Traject, scheme: Scheme
) -> None:
    with pytest.raises(ValidationError, match="at most"):
        create_application(
            by=people.anna,
            traject=traject,
            values={"course_title": "Opleiding", "provider": "ROC", "cost": Decimal(5000)},
            lines=[{"scheme": scheme, "asked": Decimal(1500)}],
        )
    with pytest.raises(ValidationError, match="more than the cost"):
        create_application(
            by=people.anna,
            traject=traject,
            values={"course_title": "Opleiding", "provider": "ROC", "cost": Decimal(500)},
            lines=[{"scheme": scheme, "asked": Decimal(600)}],
        )
    assert not Application.objects.exists()


def test_a_stale_edit_is_refused(people: People, traject: Traject, scheme: Scheme) -> None:
    application = _apply(people, traject, scheme)
    update_application(
        by=people.anna,
        application=application,
        version=application.version,
        values={"reference": "NLD-1"},
        lines=[{"scheme": scheme, "window": scheme.windows.get(), "asked": Decimal(800)}],
    )
    with pytest.raises(ConflictError):
        update_application(
            by=people.anna,
            application=application,
            version=application.version,
            values={"reference": "NLD-2"},
            lines=[],
        )
    assert Application.objects.get(pk=application.pk).reference == "NLD-1"


def test_it_refuses_a_bsn_in_the_note(people: People, traject: Traject, scheme: Scheme) -> None:
    with pytest.raises(ValidationError):
        _apply(people, traject, scheme, note="BSN 111222333")


def test_next_deadline_watches_what_the_status_needs() -> None:
    claim = datetime.date(2027, 5, 1)
    assert next_deadline(
        "afgerond", window_closes=[], latest_start=None, completion=None, claim=claim
    ) == (claim, "claim")
    assert (
        next_deadline(
            "gedeclareerd", window_closes=[], latest_start=None, completion=None, claim=claim
        )
        is None
    )


def test_a_course_prefill_keeps_its_title(
    people: People, traject: Traject, gap_course: Course
) -> None:
    assert gap_course.price is not None
    application = create_application(
        by=people.anna,
        traject=traject,
        values={
            "course": gap_course,
            "course_title": gap_course.title,
            "provider": gap_course.provider,
            "cost": gap_course.price,
        },
    )
    gap_course.delete()
    application.refresh_from_db()
    assert application.course is None
    assert application.course_title == "Instroom zorg"
