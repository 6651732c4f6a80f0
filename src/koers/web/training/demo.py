"""Demo training data: schemes with windows, a course catalogue, applications in every status.

Called by :mod:`koers.web.demo_data` after the caseload is written. Like the caseload it
writes with ``bulk_create`` and computes what the actions would (the next deadline, the
dated steps) itself, so that it stays fast at 100,000 clients. Schemes and courses are
found by name and reused by later runs; their windows are drawn again around ``today``.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate

from django.db.models import Count
from django.utils import timezone

from koers import knowledge
from koers.taxonomy import SnapshotError
from koers.transitions import TransitionQuery
from koers.transitions.ranking import Floats
from koers.web.clients.models import Client, Traject
from koers.web.clients.queries import OPEN_TRAJECT
from koers.web.training.choices import STATUS_STEPS, Applicant, CourseForm
from koers.web.training.choices import ApplicationStatus as S
from koers.web.training.deadlines import next_deadline
from koers.web.training.models import (
    Application,
    ApplicationStep,
    Course,
    FundingLine,
    Scheme,
    Window,
)

# Share of the clients with an open traject who get an application.
APPLICATION_SHARE = 0.05
BATCH = 1000
# Fields that ``bulk_create`` would stamp with the time of generation (see demo_data).
TIMESTAMPS = ((Application, "created_at"), (ApplicationStep, "at"))
# Common origins whose transitions decide what the catalogue teaches.
ORIGINS = 5
SKILLS_PER_COURSE = 3


@dataclass(frozen=True, slots=True)
class _Scheme:
    name: str
    financier: str
    applicant: Applicant
    code: str  # prefix of application numbers
    max_amount: int | None
    maximum_note: str
    conditions: str
    links: tuple[str, ...]
    # (opens, closes) in days from today, or a calendar year (-1 last, 0 this, 1 next).
    windows: tuple[tuple[int, int] | int, ...]


NL_LEERT_DOOR = "NL leert door"
ZORG = "Opleidingsbudget Zorg en Welzijn"
SLIM = "SLIM-regeling"
METAAL = "Scholingsvoucher Metaal en Techniek"
SCHEMES = (
    _Scheme(
        NL_LEERT_DOOR,
        "Rijksoverheid (uitvoering UWV)",
        Applicant.PARTICIPANT,
        "NLLD",
        1000,
        "€ 1.000 per persoon per jaar",
        "Voor werkenden en werkzoekenden vanaf 18 jaar. Eén aanvraag per jaar.",
        ("https://www.nlleertdoor.nl",),
        # Last year's round, this round (closing soon) and next year's.
        ((-400, -200), (-180, 10), (305, 375)),
    ),
    _Scheme(
        ZORG,
        "Opleidingsfonds Zorg en Welzijn",
        Applicant.EMPLOYER,
        "OZW",
        2500,
        "€ 2.500 per medewerker per jaar",
        "Voor medewerkers van aangesloten zorgorganisaties die zich omscholen binnen de sector.",
        (),
        (-1, 0, 1),
    ),
    _Scheme(
        SLIM,
        "Ministerie van Sociale Zaken en Werkgelegenheid",
        Applicant.EMPLOYER,
        "SLIM",
        None,
        "60 % van de kosten, tot € 25.000 per werkgever",
        "De werkgever vraagt aan; alleen in het aanvraagtijdvak.",
        ("https://www.uwv.nl",),
        # This year's period is over; the next one opens later.
        ((-150, -120), (215, 245)),
    ),
    _Scheme(
        METAAL,
        "O&O-fonds Metaal en Techniek",
        Applicant.PROVIDER,
        "MT",
        1500,
        "€ 1.500 per voucher",
        "Voor werknemers in de metaal en techniek; de opleider dient de voucher in.",
        (),
        ((-380, -25), (-20, 90)),
    ),
)
SPECS = {spec.name: spec for spec in SCHEMES}


@dataclass(frozen=True, slots=True)
class _Course:
    title: str
    provider: str
    price: int
    duration: str
    form: CourseForm
    # ISCO groups of the occupations it prepares for, most specific first.
    isco: tuple[str, ...]
    scheme: str = ""  # the sector's own scheme, if any


W = CourseForm
COURSES = (
    _Course("Instroomopleiding helpende zorg en welzijn", "ROC Midden Nederland", 2450,
            "6 maanden", W.WORK_BASED, ("5321", "532", "53"), ZORG),
    _Course("Verzorgende IG, verkorte BBL-opleiding", "Deltion College", 3900, "12 maanden",
            W.WORK_BASED, ("5321", "222", "32"), ZORG),
    _Course("Onderwijsassistent (BBL)", "ROC van Amsterdam", 2800, "1 jaar", W.WORK_BASED,
            ("5312", "531", "23")),
    _Course("Pedagogisch medewerker kinderopvang", "Albeda", 3200, "18 maanden",
            W.WORK_BASED, ("5311", "531"), ZORG),
    _Course("Basiscursus heftruckchauffeur", "Logistiek Opleidingscentrum Nederland", 395,
            "1 dag", W.CLASSROOM, ("8344", "9333", "93")),
    _Course("Magazijnmedewerker en orderpicker (mbo 2)", "Da Vinci College", 1850,
            "6 maanden", W.BLENDED, ("9333", "4321", "93")),
    _Course("Code 95 nascholing vrachtwagenchauffeur", "Transport Opleidingen Midden", 550,
            "35 uur", W.CLASSROOM, ("8332", "833")),
    _Course("Rijbewijs D en vakbekwaamheid buschauffeur", "Vervoersacademie Zuid", 4500,
            "14 weken", W.CLASSROOM, ("8331", "833")),
    _Course("Timmerman (BBL)", "Bouwmensen Utrecht", 3600, "2 jaar", W.WORK_BASED,
            ("7115", "711", "71")),
    _Course("Monteur elektrotechnische installaties (BBL)", "Summa College", 4200, "2 jaar",
            W.WORK_BASED, ("7411", "741", "74"), METAAL),
    _Course("Zelfstandig werkend kok (mbo 3)", "ROC Nijmegen", 2900, "1 jaar",
            W.WORK_BASED, ("5120", "512")),
    _Course("Praktijkdiploma boekhouden (PDB)", "NCOI Opleidingen", 1495, "8 maanden",
            W.ONLINE, ("4311", "3313", "2411")),
    _Course("Omscholing junior softwareontwikkelaar", "Hogeschool van Amsterdam", 5950,
            "6 maanden", W.BLENDED, ("2512", "251", "35")),
    _Course("Verkoopmedewerker retail (mbo 2)", "Noorderpoort", 1250, "6 maanden",
            W.BLENDED, ("5223", "522")),
    _Course("Schoonmaakmedewerker basis", "Schoonmaak Vakopleidingen", 350, "4 dagdelen",
            W.CLASSROOM, ("9112", "911")),
    _Course("Nederlands op de werkvloer (NT2, niveau B1)", "Taalcentrum Utrecht", 800,
            "12 weken", W.CLASSROOM, ()),
)  # fmt: skip

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


@dataclass(frozen=True, slots=True)
class TrainingDemo:
    """How many schemes and courses there are, and how many applications were made."""

    schemes: int
    courses: int
    applications: int


def wipe_training() -> None:
    """Every application with its lines and steps; schemes and courses stay for the next run."""
    for model in (ApplicationStep, FundingLine, Application):
        model.objects.all().delete()


def create_training_demo(rng: random.Random, *, today: datetime.date) -> TrainingDemo:
    """Schemes, windows and courses, then applications for some clients with an open traject."""
    schemes = _schemes(today)
    # Its own generator: whether a knowledge base is loaded must not shift the other draws.
    courses = _courses(random.Random(rng.random()))
    trajecten = Traject.objects.filter(status__in=OPEN_TRAJECT).order_by("pk")
    draw = _Applications(rng, today, schemes, courses)
    for traject_id, starts, coach_id in trajecten.values_list("pk", "starts", "client__coach_id"):
        if rng.random() < APPLICATION_SHARE:
            draw.application(traject_id, starts, coach_id)
    Application.objects.bulk_create(draw.applications, batch_size=BATCH)
    # Saved, the applications have ids: their lines and steps take them from here.
    FundingLine.objects.bulk_create(draw.lines, batch_size=BATCH)
    ApplicationStep.objects.bulk_create(draw.steps, batch_size=BATCH)
    return TrainingDemo(
        schemes=len(schemes),
        courses=len(courses),
        applications=len(draw.applications),
    )


def _window_dates(
    spec: tuple[int, int] | int, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    if isinstance(spec, int):
        year = today.year + spec
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return today + datetime.timedelta(days=spec[0]), today + datetime.timedelta(days=spec[1])


def _window_label(opens: datetime.date, whole_year: bool) -> str:
    if whole_year:
        return f"Jaarbudget {opens.year}"
    return f"{'Voorjaar' if opens.month <= 6 else 'Najaar'} {opens.year}"


def _schemes(today: datetime.date) -> dict[Scheme, list[Window]]:
    """The demo schemes (made once, reused) with windows drawn again around ``today``."""
    have = {
        scheme.name: scheme for scheme in Scheme.objects.filter(name__in=[s.name for s in SCHEMES])
    }
    Scheme.objects.bulk_create(
        [
            Scheme(
                name=s.name,
                financier=s.financier,
                applicants=[s.applicant.value],
                max_amount=Decimal(s.max_amount) if s.max_amount is not None else None,
                maximum_note=s.maximum_note,
                conditions=s.conditions,
                links=list(s.links),
            )
            for s in SCHEMES
            if s.name not in have
        ]
    )
    found = {
        scheme.name: scheme for scheme in Scheme.objects.filter(name__in=[s.name for s in SCHEMES])
    }
    # Windows no application uses: after a reset that is all of them.
    Window.objects.filter(scheme__in=found.values(), fundingline__isnull=True).delete()
    windows: dict[Scheme, list[Window]] = {}
    for spec in SCHEMES:
        scheme = found[spec.name]
        windows[scheme] = []
        for dates in spec.windows:
            opens, closes = _window_dates(dates, today)
            windows[scheme].append(
                Window(
                    scheme=scheme,
                    label=_window_label(opens, isinstance(dates, int)),
                    opens_on=opens,
                    closes_on=closes,
                )
            )
    Window.objects.bulk_create([w for found_windows in windows.values() for w in found_windows])
    return windows


def _courses(rng: random.Random) -> list[tuple[Course, str]]:
    """The catalogue (made once, reused), each course with the sector scheme it fits."""
    have = set(
        Course.objects.filter(title__in=[c.title for c in COURSES]).values_list("title", "provider")
    )
    missing = [c for c in COURSES if (c.title, c.provider) not in have]
    taught = _skills_taught(rng, missing)
    Course.objects.bulk_create(
        [
            Course(
                title=c.title,
                provider=c.provider,
                price=Decimal(c.price),
                duration=c.duration,
                form=c.form,
                skills=skills,
            )
            for c, skills in zip(missing, taught, strict=True)
        ]
    )
    saved = {
        (course.title, course.provider): course
        for course in Course.objects.filter(title__in=[c.title for c in COURSES])
    }
    return [(saved[c.title, c.provider], c.scheme) for c in COURSES]


def _origins(rng: random.Random, occupations: Sequence[str]) -> list[str]:
    """The most common occupations of the caseload, else a few drawn from the knowledge base."""
    common = list(
        Client.objects.exclude(occupation_uri="")
        .values("occupation_uri")
        .annotate(clients=Count("pk"))
        .order_by("-clients", "occupation_uri")
        .values_list("occupation_uri", flat=True)[:ORIGINS]
    )
    known = set(occupations)
    common = [uri for uri in common if uri in known]
    return common or rng.sample(sorted(occupations), min(ORIGINS, len(occupations)))


def _skills_taught(rng: random.Random, courses: Sequence[_Course]) -> list[list[str]]:
    """Per course, skills that people with a common occupation miss for a step it prepares for.

    The step is the best-scoring occupation in the course's ISCO groups; a course with no
    occupation there teaches what the best step of all asks. No skills without a knowledge base.
    """
    if not courses:
        return []
    try:
        ranker = knowledge.ranker()
    except SnapshotError:
        return [[] for _ in courses]
    occupations = ranker.taxonomy_.occupations
    origins = _origins(rng, [o.uri for o in occupations])
    if not origins:
        return [[] for _ in courses]
    scores: dict[str, Floats] = {}
    taught: list[list[str]] = []
    for number, course in enumerate(courses):
        origin = origins[number % len(origins)]
        query = TransitionQuery(origin=origin)
        if origin not in scores:
            scores[origin] = ranker.scores(query)["score"]
        score = scores[origin]
        candidates: list[int] = []
        for group in (*course.isco, ""):
            candidates = [
                index
                for index, occupation in enumerate(occupations)
                if occupation.isco_group.startswith(group) and occupation.uri != origin
            ]
            if candidates:
                break
        best = max(candidates, key=lambda index: (float(score[index]), -index))
        step = ranker.explain(query, occupations[best].uri)
        missing = step.missing_essential or step.missing_optional
        taught.append(list(missing[:SKILLS_PER_COURSE]))
    return taught


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _at(on: datetime.date, rng: random.Random) -> datetime.datetime:
    """A moment in office hours on ``on``, in the local time zone."""
    minute = rng.randint(540, 1020)
    return timezone.make_aware(
        datetime.datetime.combine(on, datetime.time(minute // 60, minute % 60))
    )


class _Applications:
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
