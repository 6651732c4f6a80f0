"""create_training_demo and wipe_training: the training part of a demo-data run."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from koers.web.clients.models import Traject
from koers.web.training.demo.applications import ApplicationMaker
from koers.web.training.demo.catalogue import make_courses
from koers.web.training.demo.schemes import make_schemes
from koers.web.training.models import Application, ApplicationStep, FundingLine

# Share of the clients with an open traject who get an application.
APPLICATION_SHARE = 0.05
BATCH = 1000
# Fields that ``bulk_create`` would stamp with the time of generation (see demo_data).
TIMESTAMPS = ((Application, "created_at"), (ApplicationStep, "at"))


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
    schemes = make_schemes(today)
    courses = make_courses()
    trajecten = Traject.objects.open().order_by("pk")
    draw = ApplicationMaker(rng, today, schemes, courses)
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
