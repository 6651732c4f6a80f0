"""Reads of training: applications a user may see, the overview and its totals, open windows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum

from koers import knowledge
from koers.transitions.learning_path import CourseFit, LearningPlan, fit_courses
from koers.web.accounts.models import User
from koers.web.clients.choices import DEADLINE_DAYS
from koers.web.clients.models import Client
from koers.web.clients.queries import caseload_for
from koers.web.common.kept_rows import as_prefetched_each, kept_models, kept_rows_of
from koers.web.training.choices import FINISHED
from koers.web.training.deadlines import RUNNING
from koers.web.training.models import Application, Course, FundingLine, Window


def lines_with_schemes() -> Prefetch[str]:
    """The funding lines of applications with their scheme and window, to prefetch."""
    return Prefetch("lines", FundingLine.objects.select_related("scheme", "window"))


def _with_lines(applications: QuerySet[Application]) -> QuerySet[Application]:
    return applications.select_related("traject__opdrachtgever", "course").prefetch_related(
        lines_with_schemes()
    )


# Kept (decision 0010): the client's page lists them at every visit.
_APPLICATIONS = kept_models(
    Application, lambda client_id: Application.objects.filter(traject__client_id=client_id)
)
_LINES = kept_rows_of(FundingLine, "application__traject__client_id", related=("scheme", "window"))


def applications_of(client: Client) -> list[Application]:
    """A client's applications, newest first, each with its funding lines (their scheme and
    window) as ``application.lines.all()``."""
    applications = _APPLICATIONS(client.pk)
    if applications:
        as_prefetched_each(applications, "lines", _LINES(client.pk))
    return applications


def applications_to_choose(client: Client | int) -> QuerySet[Application]:
    """A client's applications, newest first, as a choice or a short list names them (course,
    provider, status, next deadline): without funding lines or joins."""
    return Application.objects.filter(traject__client=client)


def running_applications_of(client: Client | int) -> QuerySet[Application]:
    """A client's (or client id's) applications not yet finished (``applications_to_choose``):
    a call card's."""
    return applications_to_choose(client).exclude(status__in=FINISHED)


def applications_for(user: User, *, today: datetime.date) -> QuerySet[Application]:
    """The applications of the clients ``user`` works with (see clients.queries.caseload_for)."""
    return _with_lines(
        Application.objects.filter(traject__client__in=caseload_for(user, today=today))
    ).select_related("traject__client__coach")


@dataclass(frozen=True, slots=True)
class OverviewFilters:
    status: str = ""
    scheme: int | None = None
    deadline: str = ""  # "soon": within DEADLINE_DAYS (or passed); "passed": passed only
    coach: int | None = None


def filtered_applications(
    applications: QuerySet[Application], filters: OverviewFilters, *, today: datetime.date
) -> QuerySet[Application]:
    if filters.status:
        applications = applications.filter(status=filters.status)
    if filters.scheme:
        applications = applications.filter(lines__scheme_id=filters.scheme).distinct()
    if filters.coach:
        applications = applications.filter(traject__client__coach_id=filters.coach)
    if filters.deadline == "soon":
        applications = applications.filter(
            RUNNING, deadline_on__lte=today + datetime.timedelta(days=DEADLINE_DAYS)
        ).order_by("deadline_on", "pk")
    elif filters.deadline == "passed":
        applications = applications.filter(RUNNING, deadline_on__lt=today).order_by(
            "deadline_on", "pk"
        )
    return applications


@dataclass(frozen=True, slots=True)
class SchemeTotal:
    scheme: str
    applications: int
    asked: Decimal
    granted: Decimal
    paid: Decimal


def totals_per_scheme(applications: QuerySet[Application]) -> list[SchemeTotal]:
    """Asked, granted and paid per scheme over the funding lines of ``applications``."""
    rows = (
        FundingLine.objects.filter(application__in=applications.values("pk"))
        .values("scheme__name")
        .annotate(
            count=Count("application", distinct=True),
            asked=Sum("asked"),
            granted=Sum("granted"),
            paid=Sum("paid"),
        )
        .order_by("scheme__name")
    )
    zero = Decimal(0)
    return [
        SchemeTotal(
            row["scheme__name"],
            row["count"],
            row["asked"] or zero,
            row["granted"] or zero,
            row["paid"] or zero,
        )
        for row in rows
    ]


def open_windows(*, today: datetime.date) -> QuerySet[Window]:
    """Windows of schemes in use that are open today."""
    return Window.objects.filter(
        scheme__active=True, opens_on__lte=today, closes_on__gte=today
    ).select_related("scheme")


def coming_deadlines(
    client_ids: QuerySet[Any, Any] | list[int], *, today: datetime.date
) -> QuerySet[Application, tuple[int, datetime.date | None, str]]:
    """The running applications' deadlines from today on of these clients (a list or a query
    of ids), the earliest first, as (client id, day, kind of deadline) rows."""
    return (
        Application.objects.filter(
            RUNNING, traject__client_id__in=client_ids, deadline_on__gte=today
        )
        .order_by("deadline_on")
        .values_list("traject__client_id", "deadline_on", "deadline_kind")
    )


def deadlines_until(clients: QuerySet[Client], *, until: datetime.date) -> QuerySet[Application]:
    """Running applications of ``clients`` with a deadline up to ``until`` (or passed)."""
    return Application.objects.filter(RUNNING, traject__client__in=clients, deadline_on__lte=until)


def course_fits(
    plan: LearningPlan, *, catalogue: Iterable[Course] | None = None
) -> list[tuple[Course, CourseFit]]:
    """Courses in the catalogue that teach part of ``plan``, best cover first; ``catalogue``:
    the active courses when a page has them already (a page with several gaps reads them once)."""
    if catalogue is None:
        catalogue = Course.objects.filter(active=True).exclude(skills=[])
    courses = {course.pk: course for course in catalogue if course.skills}
    fits = fit_courses(
        plan, {pk: course.skills for pk, course in courses.items()}, knowledge.skill_tree()
    )
    return [(courses[fit.key], fit) for fit in fits]
