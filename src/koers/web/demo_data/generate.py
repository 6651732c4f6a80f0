"""create_demo_data: the whole run in one transaction, with the wipe before a reset."""

from __future__ import annotations

import datetime
import random
import secrets
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from koers.web.accounts.models import Cover
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients.models import Client, Consent, Contact, Pause, StatusChange, Traject
from koers.web.demo_data.caseload import write_caseload
from koers.web.demo_data.people import PREFIX, make_people
from koers.web.demo_data.plans import PLAN_MODELS, write_plans
from koers.web.demo_data.plans import TIMESTAMPS as PLAN_TIMESTAMPS
from koers.web.demo_data.results import CaseloadNotEmptyError, DemoData, Progress
from koers.web.demo_data.vocabulary import ISCO_WEIGHTS
from koers.web.plans.models import PlanShare
from koers.web.rounds.models import Entry, Round
from koers.web.training import demo as training_demo

CLIENTS_PER_COACH = 100
WIPE_CHUNK = 5000  # clients deleted per statement on a reset


def knowledge_base_occupations() -> list[tuple[str, float]]:
    """(occupation URI, weight) from the loaded knowledge base; empty when there is none."""
    from koers import knowledge
    from koers.taxonomy import SnapshotError

    try:
        occupations = knowledge.taxonomy().occupations
    except SnapshotError:
        return []
    return [
        (o.uri, ISCO_WEIGHTS.get(o.isco_group[:1], 0))
        for o in occupations
        if ISCO_WEIGHTS.get(o.isco_group[:1], 0)
    ]


def create_demo_data(
    *,
    clients: int,
    contacts: int,
    coaches: int | None = None,
    seed: int = 1,
    reset: bool = False,
    password: str | None = None,
    today: datetime.date | None = None,
    occupations: Sequence[tuple[str, float]] | None = None,
    progress: Progress | None = None,
) -> DemoData:
    """Make teams of about eight coaches with a team lead, an admin, a caseload and training.

    ``coaches`` defaults to one per hundred clients. The same ``seed`` and ``today`` give
    the same data. Raises :class:`CaseloadNotEmptyError` when there are clients already and
    ``reset`` is false; with ``reset`` they go first, in the same transaction, so that a
    failure leaves the old caseload as it was. Occupations come from the knowledge base
    when one is loaded (pass ``occupations=[]`` to leave them blank). Training: schemes with
    windows, a course catalogue and applications (see :mod:`koers.web.training.demo`).
    Career plans for about a third of the clients (see :mod:`koers.web.demo_data.plans`).
    """
    started = time.perf_counter()
    coaches = max(1, round(clients / CLIENTS_PER_COACH)) if coaches is None else coaches
    if clients < 0 or contacts < 0 or coaches < 1:
        raise ValueError("clients and contacts must be at least 0, coaches at least 1")
    password = password or secrets.token_urlsafe(12)
    today = today or timezone.localdate()
    if occupations is None:
        occupations = knowledge_base_occupations()
    report = progress or (lambda stage, done, total: None)
    with transaction.atomic(), _keeping_given_times():
        existing = Client.objects.count()
        if existing and not reset:
            raise CaseloadNotEmptyError(existing)
        if existing:
            _wipe_caseload()
        people = make_people(
            random.Random(f"{seed}-people"), coaches, make_password(password), today
        )
        report("users", 1, 1)
        counts = write_caseload(
            random.Random(f"{seed}-caseload"),
            people,
            clients=clients,
            contacts=contacts,
            today=today,
            occupations=occupations,
            report=report,
        )
        training = training_demo.create_training_demo(
            random.Random(f"{seed}-training"), today=today
        )
        report("training", 1, 1)
        # After the training: a plan's learning steps link courses of the catalogue.
        plans = write_plans(random.Random(f"{seed}-plans"), today=today, report=report)
        record(
            by=None,
            action=AuditAction.DEMO_DATA,
            target="demo",
            detail=f"{clients} clients, {contacts} contacts, {coaches} coaches, seed {seed}",
        )
    return DemoData(
        teams=len(people.teams),
        coaches=len(people.coaches),
        teamleads=len(people.leads),
        clients=clients,
        trajecten=counts["trajecten"],
        contacts=counts["contacts"],
        status_changes=counts["status_changes"],
        consents=counts["consents"],
        pauses=counts["pauses"],
        covers=people.covers,
        schemes=training.schemes,
        courses=training.courses,
        applications=training.applications,
        plans=plans["plans"],
        plans_agreed=plans["plans_agreed"],
        plan_actions=plans["plan_actions"],
        password=password,
        coach=people.coaches[0].username,
        teamlead=people.leads[0].username,
        admin=people.admin.username,
        seconds=round(time.perf_counter() - started, 1),
    )


@contextmanager
def _keeping_given_times() -> Iterator[None]:
    """Let ``bulk_create`` keep the times set here: the history lies in the past.

    ``auto_now``/``auto_now_add`` would stamp every row with the moment of generation. The
    flags live on the model's fields, shared by the process, so this is for a command, not
    for a request.
    """
    fields = [
        cast("models.DateTimeField[Any, Any]", model._meta.get_field(name))
        for model, name in (
            (Client, "created_at"),
            (Client, "updated_at"),
            (StatusChange, "at"),
            (Contact, "created_at"),
            (Pause, "created_at"),
            *training_demo.TIMESTAMPS,
            *PLAN_TIMESTAMPS,
        )
    ]
    saved = [(stamp.auto_now, stamp.auto_now_add) for stamp in fields]
    for stamp in fields:
        stamp.auto_now = stamp.auto_now_add = False
    try:
        yield
    finally:
        for stamp, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            stamp.auto_now, stamp.auto_now_add = auto_now, auto_now_add


def _wipe_caseload() -> None:
    """Every client and all that hangs on them; the audit trail stays (it is append-only)."""
    # Children first, each in one DELETE, so that the cascade from Client has little to do.
    # Plans before the training: their learning steps point at applications.
    for plan_model in PLAN_MODELS:
        plan_model.objects.all().delete()
    training_demo.wipe_training()
    # A sent plan names its traject and consent, which cannot go before it (RESTRICT).
    for model in (PlanShare, Entry, Round, Contact, StatusChange, Consent, Pause, Traject):
        model.objects.all().delete()
    # The clients in chunks: Django lists every client id in one statement to unlink their
    # call-back requests, more variables than SQLite takes at 100,000 clients.
    ids = list(Client.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), WIPE_CHUNK):
        Client.objects.filter(pk__in=ids[start : start + WIPE_CHUNK]).delete()
    Cover.objects.filter(coach__username__startswith=PREFIX).delete()
