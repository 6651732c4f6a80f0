"""The plan as the client reads it: one saved version in plain words, without scores, jargon
or the coach's own notes. The printed page, the PDF and the client's private link all show
this, from the one template part ``plans/_client_copy.html``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from koers import knowledge
from koers.web.common import presenters
from koers.web.explorer.reflection import summary
from koers.web.plans.choices import ActionOwner, DirectionKind, SkillSource
from koers.web.plans.models import PlanVersion
from koers.web.plans.pages import Label, occupation_label, skill_label
from koers.web.training.models import Course

LANGUAGES = ("nl", "en")


@dataclass(frozen=True, slots=True)
class HeldWork:
    occupation: Label
    years: int | None


@dataclass(frozen=True, slots=True)
class CanDo:
    skill: Label
    learned_in: str
    own_words: str


@dataclass(frozen=True, slots=True)
class Step:
    skill: Label
    course: str


@dataclass(frozen=True, slots=True)
class Way:
    """One direction: what it is, in the person's words why, what the work is, what to learn."""

    kind: str
    occupation: Label | None
    about: str
    why: str
    steps: list[Step]


@dataclass(frozen=True, slots=True)
class Agreed:
    what: str
    by_client: bool
    due_on: datetime.date | None
    done_on: datetime.date | None


@dataclass(frozen=True, slots=True)
class ClientCopy:
    language: str
    first_name: str
    coach_name: str
    coach_email: str
    version: int
    saved_on: datetime.date
    standing: str
    held: list[HeldWork]
    can_do: list[CanDo]
    matters: list[tuple[str, list[str]]]
    ways: list[Way]
    agreed: list[Agreed]
    notes: str


def language_of(version: PlanVersion) -> str:
    """The client's language if Koers speaks it, else Dutch."""
    preferred = version.plan.client.language.split("-")[0].lower()
    return preferred if preferred in LANGUAGES else "nl"


def _about(uri: str, language: str) -> str:
    taxonomy = knowledge.taxonomy()
    if uri not in taxonomy.occupation_index:
        return ""
    short, _full = presenters.summary(taxonomy.occupation(uri), language)
    return short


def client_copy(version: PlanVersion) -> ClientCopy:
    """What the client reads of ``version``, in their language (call inside that language)."""
    language = language_of(version)
    data: dict[str, Any] = version.snapshot
    client = version.plan.client
    coach = client.coach
    course_ids = [
        step["course"]
        for direction in data["directions"]
        for step in direction["learning_steps"]
        if step["course"]
    ]
    courses = Course.objects.in_bulk(course_ids)
    reflection = dict(data.get("reflection") or {})
    return ClientCopy(
        language=language,
        first_name=client.first_name,
        coach_name=coach.display_name,
        coach_email=coach.email,
        version=version.number,
        saved_on=version.saved_at.date(),
        standing=data["standing"],
        held=[HeldWork(occupation_label(row["uri"]), row["years"]) for row in data["occupations"]],
        can_do=[
            CanDo(
                skill_label(row["uri"]),
                str(SkillSource(row["source"]).label),
                row["own_words"],
            )
            for row in data["skills"]
        ],
        matters=summary(reflection),
        ways=[
            Way(
                kind=str(DirectionKind(row["kind"]).label),
                occupation=occupation_label(row["occupation_uri"])
                if row["occupation_uri"]
                else None,
                about=_about(row["occupation_uri"], language) if row["occupation_uri"] else "",
                why=row["why"],
                steps=[
                    Step(
                        skill_label(step["skill_uri"]),
                        courses[step["course"]].title if step["course"] in courses else "",
                    )
                    for step in row["learning_steps"]
                ],
            )
            for row in sorted(data["directions"], key=lambda row: row["position"])
        ],
        agreed=[
            Agreed(
                row["what"],
                row["who"] == ActionOwner.CLIENT,
                datetime.date.fromisoformat(row["due_on"]) if row["due_on"] else None,
                datetime.date.fromisoformat(row["done_on"]) if row["done_on"] else None,
            )
            for row in data["actions"]
        ],
        notes=data["client_notes"],
    )


def client_copy_html(version: PlanVersion) -> str:
    """The client's copy as one HTML page, in the client's language."""
    with translation.override(language_of(version)):
        return render_to_string("plans/client_copy.html", {"copy": client_copy(version)})


def client_copy_pdf(version: PlanVersion) -> bytes:
    """The client's copy as a PDF (A4), made on the server from the same page."""
    # Imported here: WeasyPrint and its fonts take a second to load, and only this needs them.
    from weasyprint import HTML

    pdf: bytes = HTML(string=client_copy_html(version)).write_pdf()
    return pdf
