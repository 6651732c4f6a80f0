"""``koers demo-data``: a synthetic workspace to try Koers out or to measure it."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from koers.cli.django_setup import setup_django
from koers.cli.options import JsonOption
from koers.cli.output import console, err_console, fail, print_json


def demo_data_command(
    clients: Annotated[
        int, typer.Option("--clients", min=0, help="How many clients to make.")
    ] = 1000,
    contacts: Annotated[
        int, typer.Option("--contacts", min=0, help="How many contacts, over all clients.")
    ] = 10000,
    coaches: Annotated[
        int | None,
        typer.Option(
            "--coaches",
            min=1,
            help="How many coaches (in teams of eight, each with a team lead); "
            "default: one per hundred clients.",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same data.")] = 1,
    reset: Annotated[
        bool,
        typer.Option(
            "--reset", help="Delete every client first (all their data; the audit trail stays)."
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Make teams, coaches, a team lead per team, an admin and a synthetic caseload.

    Dutch names, mixed situations, trajecten, 18 months of contacts. Every demo account
    gets one password (KOERS_PASSWORD, else a new random one), printed once. It refuses
    to add to a workspace that has clients unless --reset is given.

    Example: koers demo-data --clients 1000 --contacts 10000 --seed 7
    """
    setup_django()
    from django.utils import translation

    from koers.web.audit.trail import channel
    from koers.web.demo_data import CaseloadNotEmptyError, create_demo_data

    password = os.environ.get("KOERS_PASSWORD") or None
    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=as_json,
    )
    task = progress.add_task("Clients", total=max(clients, 1))

    def advance(stage: str, done: int, total: int) -> None:
        if stage == "caseload":
            progress.update(task, completed=done, total=max(total, 1))

    try:
        with progress, translation.override("en"), channel("cli"):
            made = create_demo_data(
                clients=clients,
                contacts=contacts,
                coaches=coaches,
                seed=seed,
                reset=reset,
                password=password,
                progress=advance,
            )
    except CaseloadNotEmptyError as error:
        fail(
            f"The workspace has {error.clients} clients already. Demo data would mix with "
            "them: pass --reset to delete every client first."
        )
    if as_json:
        print_json(made.as_dict())
        return
    console.print(
        f"Made {made.clients} clients, {made.contacts} contacts, {made.trajecten} trajecten, "
        f"{made.pauses} pauses and {made.status_changes} status changes for {made.coaches} "
        f"coaches in {made.teams} teams, in {made.seconds:.1f} s.",
        highlight=False,
        markup=False,
    )
    console.print(
        f"Training: {made.schemes} schemes with their windows, {made.courses} courses and "
        f"{made.applications} applications.",
        highlight=False,
        markup=False,
    )
    console.print(
        f"Career plans: {made.plans} ({made.plans_agreed} agreed by the client), with "
        f"{made.plan_actions} agreed actions.",
        highlight=False,
        markup=False,
    )
    console.print(
        f"Sign in as {made.coach} (coach), {made.teamlead} (team lead) or {made.admin} "
        f"(admin) with the password: {made.password}",
        highlight=False,
        markup=False,
    )
    console.print(
        "Every demo account has this password; it is not shown again. With two-step sign-in "
        "on (KOERS_REQUIRE_2FA), each account links its app with an enrolment code: "
        f"koers users reset-2fa {made.coach} prints one.",
        highlight=False,
        markup=False,
    )
