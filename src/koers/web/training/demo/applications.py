"""Demo applications: a status drawn by weight, its dated steps, funding lines and deadline."""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate

from django.utils import timezone

from koers.web.training.choices import STATUS_STEPS, Applicant
from koers.web.training.choices import ApplicationStatus as S
from koers.web.training.deadlines import next_deadline
from koers.web.training.demo.schemes import NL_LEERT_DOOR, SLIM, SPECS
from koers.web.training.models import (
    Application,
    ApplicationStep,
    Course,
    FundingLine,
    Scheme,
    Window,
)

# (status, weight): where the applications of a caseload stand.
STATUSES = (
    (S.IDEA, 14),
    (S.SUBMITTED, 14),
    (S.WAITING_LIST, 5),
    (S.GRANTED, 12),
    (S.REJECTED, 6),
    (S.WITHDRAWN, 4),
    (S.STARTED, 18),
    (S.COMPLETED, 7),
    (S.DROPPED, 4),
    (S.CLAIMED, 6),
    (S.PAID, 10),
)
# The workflow read backwards: the statuses a status can be reached from.
BEFORE: dict[str, list[str]] = {
    status: [old for old, new in STATUS_STEPS.items() if status in new] for status in STATUS_STEPS
}
# (least, most) days between a step and the one before it.
TAKES: dict[str, tuple[int, int]] = {
    S.SUBMITTED: (3, 30),
    S.WAITING_LIST: (5, 20),
    S.GRANTED: (14, 60),
    S.REJECTED: (14, 60),
    S.WITHDRAWN: (5, 60),
    S.STARTED: (7, 45),
    S.COMPLETED: (40, 200),
    S.DROPPED: (20, 120),
    S.CLAIMED: (5, 40),
    S.PAID: (10, 45),
}
CENT = Decimal("0.01")


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _at(on: datetime.date, rng: random.Random) -> datetime.datetime:
    """A moment in office hours on ``on``, in the local time zone."""
    minute = rng.randint(540, 1020)
    return timezone.make_aware(
        datetime.datetime.combine(on, datetime.time(minute // 60, minute % 60))
    )


class ApplicationMaker:
    """Draws applications, with their funding lines and steps, unsaved."""

    def __init__(
        self,
        rng: random.Random,
        today: datetime.date,
        schemes: dict[Scheme, list[Window]],
        courses: list[tuple[Course, str]],
    ) -> None:
        self.rng = rng
        self.today = today
        self.windows = schemes
        self.schemes = {scheme.name: scheme for scheme in schemes}
        self.courses = courses
        self.statuses = [str(status) for status, _ in STATUSES]
        self.weights = list(accumulate(weight for _, weight in STATUSES))
        self.applications: list[Application] = []
        self.lines: list[FundingLine] = []
        self.steps: list[ApplicationStep] = []

    def _days(self, short: bool = False) -> int:
        """Days from today to a deadline: some passed, some within two weeks, most later."""
        chance = self.rng.random()
        if chance < 0.08:
            return self.rng.randint(-10, -1)
        if chance < 0.35:
            return self.rng.randint(0, 14)
        return self.rng.randint(15, 60 if short else 200)

    def _path(self, starts: datetime.date) -> list[tuple[str, datetime.date]]:
        """A status and the steps from idea to it, dated backwards from about today.

        A status whose steps take longer than the traject has run is drawn again, a few
        times; then it stays an idea.
        """
        rng = self.rng
        for _attempt in range(5):
            path: list[str] = [rng.choices(self.statuses, cum_weights=self.weights)[0]]
            while path[0] != S.IDEA:
                path.insert(0, rng.choice(BEFORE[path[0]]))
            on = self.today - datetime.timedelta(days=rng.randint(0, 25))
            dates = [on]
            for step in reversed(path[1:]):
                on -= datetime.timedelta(days=rng.randint(*TAKES[step]))
                dates.insert(0, on)
            if on >= starts:
                return list(zip(path, dates, strict=True))
        return [(S.IDEA, max(starts, self.today - datetime.timedelta(days=rng.randint(0, 25))))]

    def _window(self, scheme: Scheme, on: datetime.date, *, ahead: bool) -> Window | None:
        """The window open on ``on``, else (``ahead``, for an idea) the next one, else none."""
        windows = self.windows[scheme]
        for window in windows:
            if window.is_open(on):
                return window
        return next((w for w in windows if w.opens_on > on), None) if ahead else None

    def _lines(
        self, course: Course, fund: str, path: list[tuple[str, datetime.date]]
    ) -> list[FundingLine]:
        rng = self.rng
        reached = {step for step, _ in path}
        submitted = dict(path).get(S.SUBMITTED)
        names = [fund if fund and rng.random() < 0.6 else NL_LEERT_DOOR]
        if rng.random() < 0.2:
            names.append(SLIM if names[0] != SLIM else NL_LEERT_DOOR)
        elif names[0] == NL_LEERT_DOOR and rng.random() < 0.3:
            names = [SLIM]
        # Only schemes with a window for the date; else NL leert door without one.
        on, ahead = (submitted, False) if submitted else (self.today, True)
        chosen: list[tuple[Scheme, Window | None]] = [
            (self.schemes[name], window)
            for name in names
            if (window := self._window(self.schemes[name], on, ahead=ahead)) is not None
        ] or [(self.schemes[NL_LEERT_DOOR], None)]
        cost = course.price or Decimal(0)
        lines = []
        left = cost
        for scheme, window in chosen:
            maximum = window.max_amount if window and window.max_amount is not None else None
            maximum = maximum if maximum is not None else scheme.max_amount
            asked = _money(min(left, maximum) if maximum is not None else left * Decimal("0.6"))
            if asked <= 0:
                continue
            left -= asked
            granted = None
            if S.GRANTED in reached:
                granted = asked if rng.random() < 0.8 else _money(asked * Decimal("0.75"))
            paid = granted if S.PAID in reached else None
            lines.append(
                FundingLine(scheme=scheme, window=window, asked=asked, granted=granted, paid=paid)
            )
        return lines

    def application(self, traject_id: int, starts: datetime.date, coach_id: int) -> None:
        rng = self.rng
        today = self.today
        course, fund = rng.choice(self.courses)
        path = self._path(starts)
        status, on = path[-1][0], dict(path)
        lines = self._lines(course, fund, path)
        later = datetime.timedelta
        latest_start = completion = claim = None
        if status in (S.IDEA, S.SUBMITTED, S.WAITING_LIST, S.GRANTED):
            latest_start = today + later(days=self._days(short=True))
        elif S.STARTED in on:
            latest_start = on[S.STARTED] + later(days=rng.randint(0, 20))
            ended = on.get(S.COMPLETED) or on.get(S.DROPPED)
            if status == S.STARTED:
                completion = today + later(days=self._days())
            elif ended is not None:
                completion = ended + later(days=rng.randint(0, 30))
                claimed = on.get(S.CLAIMED)
                if claimed is None:
                    claim = today + later(days=self._days(short=True))
                else:
                    claim = claimed + later(days=rng.randint(0, 30))
        else:  # rejected or withdrawn before the start
            latest_start = path[-1][1] + later(days=rng.randint(10, 90))
        due = next_deadline(
            status,
            window_closes=[line.window.closes_on for line in lines if line.window],
            latest_start=latest_start,
            completion=completion,
            claim=claim,
        )
        first_scheme = SPECS[lines[0].scheme.name] if lines else None
        applicant = first_scheme.applicant if first_scheme else Applicant.ADVISER
        reference = ""
        if first_scheme and S.SUBMITTED in on:
            number = len(self.applications) + 1
            reference = f"{first_scheme.code}-{on[S.SUBMITTED].year}-{number:05d}"
        application = Application(
            traject_id=traject_id,
            course=course,
            course_title=course.title,
            provider=course.provider,
            cost=course.price or Decimal(0),
            applicant=applicant,
            reference=reference,
            study_cost_clause=applicant == Applicant.EMPLOYER and rng.random() < 0.3,
            latest_start_on=latest_start,
            completion_on=completion,
            claim_on=claim,
            status=status,
            status_on=path[-1][1],
            deadline_on=due[0] if due else None,
            deadline_kind=due[1] if due else "",
            created_at=_at(path[0][1], rng),
            created_by_id=coach_id,
        )
        for line in lines:
            line.application = application
        self.applications.append(application)
        self.lines += lines
        self.steps += [
            ApplicationStep(
                application=application, status=step, on=date, at=_at(date, rng), by_id=coach_id
            )
            for step, date in path
        ]
