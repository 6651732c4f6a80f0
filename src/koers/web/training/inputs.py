"""What the application actions take: typed rows, so that mypy checks every caller; the
actions still refuse unknown keys at run time."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Required, TypedDict

from koers.web.training.models import Course, Scheme, Window


class ApplicationValues(TypedDict, total=False):
    """An application's own fields (its funding lines apart); creating one needs
    ``course_title``, ``provider`` and ``cost`` (the model says so)."""

    course: Course | None
    course_title: str
    provider: str
    cost: Decimal
    target_uri: str
    applicant: str
    reference: str
    study_cost_clause: bool
    latest_start_on: datetime.date | None
    completion_on: datetime.date | None
    claim_on: datetime.date | None
    note: str


class FundingLineValues(TypedDict, total=False):
    """One scheme that pays for an application: what is asked of it, granted and paid."""

    scheme: Required[Scheme]
    window: Window | None
    asked: Required[Decimal]
    granted: Decimal | None
    paid: Decimal | None


# The keys an application allows, read from the type itself (all optional: total=False).
APPLICATION_FIELDS = ApplicationValues.__optional_keys__
