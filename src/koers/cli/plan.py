"""``koers plan``: a client's career plan (Django is set up lazily).

Reading a plan is personal data: it acts as a named user (``--as``) who may open the client,
and the view is in the audit trail, marked as coming from the command line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from koers.cli import knowledge
from koers.cli.acting import active_user
from koers.cli.django_setup import setup_django
from koers.cli.options import JsonOption, LangOption
from koers.cli.output import console, fail, note, print_json

if TYPE_CHECKING:
    from koers.taxonomy import Taxonomy
    from koers.web.plans.models import Plan

app = typer.Typer(help="Read clients' career plans.", no_args_is_help=True)


@app.callback()
def plan() -> None:
    """Read clients' career plans."""


def _labeller(taxonomy: Taxonomy, language: str) -> Callable[[str], str]:
    """The label of an occupation or skill, or its URI when this import does not know it."""

    def label(uri: str) -> str:
        if uri in taxonomy.occupation_index:
            return taxonomy.occupation(uri).label(language)
        if uri in taxonomy.skill_index:
            return taxonomy.skill(uri).label(language)
        return uri

    return label


def _show(plan: Plan, data: dict[str, Any], language: str) -> None:
    """The plan for people: where the person stands, directions, steps and actions."""
    from koers.web.explorer.reflection import summary
    from koers.web.plans.choices import ActionOwner, DirectionKind, SkillSource

    label = _labeller(knowledge.taxonomy(), language)
    console.print(
        f"[bold]Career plan of {plan.client.name}[/] (client {plan.client_id}), "
        f"version {data['version']}",
        highlight=False,
    )
    if data["standing"]:
        console.print(f"Where I stand: {data['standing']}", highlight=False, markup=False)
    for held in data["occupations"]:
        years = f", {held['years']} years" if held["years"] is not None else ""
        console.print(f"Held: {label(held['uri'])}{years}", highlight=False)
    if data["skills"]:
        skills = Table(title="What I can do")
        skills.add_column("skill")
        skills.add_column("learned in")
        skills.add_column("in my own words")
        for row in data["skills"]:
            skills.add_row(
                label(row["uri"]),
                str(SkillSource(row["source"]).label),
                row["own_words"],
            )
        console.print(skills)
    for question, answers in summary(plan.answers):
        console.print(f"{question} {', '.join(answers)}", highlight=False, markup=False)
    for direction in data["directions"]:
        kind = str(DirectionKind(direction["kind"]).label)
        where = direction["occupation_uri"]
        target = f": {label(where)}" if where else ""
        console.print(f"{direction['position']}. [bold]{kind}{target}[/]", highlight=False)
        if direction["why"]:
            console.print(f"   {direction['why']}", highlight=False, markup=False)
        for step in direction["learning_steps"]:
            console.print(
                f"   - learn: {label(step['skill_uri'])}",
                highlight=False,
                markup=False,
            )
    if data["actions"]:
        agreed = Table(title="Agreed actions")
        agreed.add_column("what")
        agreed.add_column("who")
        agreed.add_column("by")
        agreed.add_column("done")
        for row in data["actions"]:
            agreed.add_row(
                row["what"],
                str(ActionOwner(row["who"]).label),
                row["due_on"] or "",
                row["done_on"] or "",
            )
        console.print(agreed)


@app.command("show")
def show_command(
    client: Annotated[int, typer.Argument(help="The client number.", min=1)],
    as_user: Annotated[
        str,
        typer.Option("--as", help="Username of the coach or team lead reading it (audit trail)."),
    ],
    lang: LangOption = "nl",
    as_json: JsonOption = False,
) -> None:
    """Show the whole current plan of a client: skills, reflection, directions, actions.

    With --json one document in the plan's snapshot format (docs/plans.md), with the keys
    version, skills, reflection, directions and actions among others.

    Example: koers plan show 42 --json --as anna
    """
    setup_django()
    from django.http import Http404
    from django.utils import translation

    from koers.web.audit.trail import channel
    from koers.web.plans.access import get_plan_for
    from koers.web.plans.snapshot import snapshot_of

    by = active_user(as_user)
    try:
        with channel("cli"):
            found = get_plan_for(by, client)
    except Http404:
        fail(f"{by.username} may not open client {client}, or there is no such client.")
    if found is None:
        fail(f"client {client} has no career plan yet.")
    data = snapshot_of(found)
    if as_json:
        print_json({"client": found.client_id, **data})
        return
    # Words of Koers in English, as every command prints them; ESCO labels in --lang.
    with translation.override("en"):
        _show(found, data, lang)


@app.command("pdf")
def pdf_command(
    client: Annotated[int, typer.Argument(help="The client number.", min=1)],
    out: Annotated[Path, typer.Option("--out", help="The PDF file to write.")],
    as_user: Annotated[
        str,
        typer.Option("--as", help="Username of the coach or team lead printing it (audit trail)."),
    ],
) -> None:
    """Write the client's copy of the current plan as a PDF, in the client's language.

    Example: koers plan pdf 42 --out plan.pdf --as anna
    """
    setup_django()
    from django.http import Http404

    from koers.web.audit.models import AuditAction
    from koers.web.audit.trail import channel, record, target_of
    from koers.web.plans.access import get_plan_for
    from koers.web.plans.client_copy import client_copy_pdf

    by = active_user(as_user)
    try:
        found = get_plan_for(by, client, audit=False)
    except Http404:
        fail(f"{by.username} may not open client {client}, or there is no such client.")
    if found is None:
        fail(f"client {client} has no career plan yet.")
    version = found.versions.select_related("plan__client__coach").get(number=found.version)
    pdf = client_copy_pdf(version)
    try:
        out.write_bytes(pdf)
    except OSError as error:
        fail(f"{out}: {error.strerror or error}")
    with channel("cli"):
        record(
            by=by,
            action=AuditAction.PLAN_PRINTED,
            client_id=found.client_id,
            target=target_of(version),
        )
    note(f"Wrote {out} (version {version.number}, {len(pdf) // 1024} KB).")
