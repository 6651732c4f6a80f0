"""``koers plan``: a client's career plan (Django is set up lazily).

Reading a plan is personal data: it acts as a named user (``--as``) who may open the client,
and the view (or print, or share) is in the audit trail, marked as coming from the command
line.
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

app = typer.Typer(help="Read, print and send clients' career plans.", no_args_is_help=True)


@app.callback()
def plan() -> None:
    """Read, print and send clients' career plans."""


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


@app.command("share")
def share_command(
    client: Annotated[int, typer.Argument(help="The client number.", min=1)],
    traject: Annotated[
        int,
        typer.Option("--traject", help="The client's traject whose commissioning party gets it."),
    ],
    out: Annotated[Path, typer.Option("--out", help="The PDF file to write and send on.")],
    as_user: Annotated[
        str,
        typer.Option("--as", help="Username of the coach or team lead sending it (audit trail)."),
    ],
    note: Annotated[str, typer.Option("--note", help="A note for the file (not sent).")] = "",
    as_json: JsonOption = False,
) -> None:
    """Send the current plan to the commissioning party of one of the client's trajecten.

    Only with the client's consent for the commissioning party that holds today (record it on
    the client page). Koers records which version went to whom, on which consent, and writes
    the client's copy of that version (never the coach's own notes) as a PDF to send on. When
    the file cannot be written, nothing is recorded. With --json the share record.

    Example: koers plan share 42 --traject 7 --out plan.pdf --as anna
    """
    setup_django()
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.http import Http404
    from django.utils import translation

    from koers.web.audit.trail import channel
    from koers.web.clients.models import Traject
    from koers.web.plans.access import get_plan_for
    from koers.web.plans.sharing import send_plan

    by = active_user(as_user)
    try:
        found = get_plan_for(by, client, audit=False)
    except Http404:
        fail(f"{by.username} may not open client {client}, or there is no such client.")
    if found is None:
        fail(f"client {client} has no career plan yet.")
    chosen = Traject.objects.filter(pk=traject).first()
    if chosen is None:
        fail(f"there is no traject {traject}.")
    version = found.versions.get(number=found.version)
    try:
        # One transaction: a PDF that cannot be written leaves no share on record.
        with transaction.atomic(), translation.override("en"), channel("cli"):
            share, pdf = send_plan(by=by, version=version, traject=chosen, note=note)
            out.write_bytes(pdf)
    except ValidationError as error:
        fail(" ".join(error.messages))
    except OSError as error:
        fail(f"{out}: {error.strerror or error}")
    if as_json:
        print_json(
            {
                "share": share.pk,
                "client": found.client_id,
                "version": version.number,
                "traject": chosen.pk,
                "opdrachtgever": {
                    "id": share.opdrachtgever_id,
                    "name": share.opdrachtgever.name,
                    "kind": share.recipient_kind,
                },
                "consent": share.consent_id,
                "sent_by": by.username,
                "sent_at": share.sent_at.isoformat(),
                "how": share.how,
                "note": share.note,
                "file": str(out),
            }
        )
        return
    console.print(
        f"Sent version {version.number} to {share.opdrachtgever.name}: wrote {out}.",
        highlight=False,
        markup=False,
    )
