"""The demo course catalogue, each course teaching skills a common transition asks."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from koers import knowledge
from koers.taxonomy import SnapshotError
from koers.transitions import TransitionQuery
from koers.transitions.ranking import Floats
from koers.web.clients.models import Client
from koers.web.training.choices import CourseForm
from koers.web.training.demo.schemes import METAAL, ZORG
from koers.web.training.models import Course

# Common origins whose transitions decide what the catalogue teaches.
ORIGINS = 5
SKILLS_PER_COURSE = 3


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


def make_courses(rng: random.Random) -> list[tuple[Course, str]]:
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
