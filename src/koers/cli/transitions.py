"""``koers transitions`` and ``koers gap``: next steps from an occupation, and what they ask."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from koers.cli import batch as batch_file
from koers.cli import knowledge
from koers.cli.options import JsonOption, LangOption, not_blank
from koers.cli.output import console, fail, print_json
from koers.shapes import gap_answer, transition_summary, transitions_answer
from koers.taxonomy.lookup import LabelLookupError, find_skill

# The transition engine loads when one of these commands runs: `koers search` starts without it.
if TYPE_CHECKING:
    from koers.transitions import TransitionFilters, TransitionRanker


DEFAULT_STEPS = "small,big"
SkillsOption = Annotated[
    list[str] | None,
    typer.Option(help="A skill (ESCO URI or exact label); repeat for more."),
]


def transitions_command(
    origin: Annotated[
        str | None,
        typer.Argument(
            help="Where the person comes from: ESCO URI or job title.", callback=not_blank
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100, help="How many targets.")] = 20,
    lang: LangOption = "nl",
    vital_only: Annotated[
        bool, typer.Option("--vital-only", help="Only crucial and secondary vital work.")
    ] = False,
    crucial_only: Annotated[
        bool,
        typer.Option("--crucial-only", help="Only work on the March 2020 list (crucial)."),
    ] = False,
    exclude_own_isco: Annotated[
        bool, typer.Option("--exclude-own-isco", help="Leave out the origin's ISCO unit group.")
    ] = False,
    max_missing: Annotated[
        int | None, typer.Option(min=0, help="At most this many essential skills to learn.")
    ] = None,
    min_coverage: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="At least this share of essential skills known."),
    ] = None,
    without_onet: Annotated[
        bool, typer.Option("--without-onet", help="Rank on ESCO signals alone.")
    ] = False,
    steps: Annotated[
        str,
        typer.Option(
            help="Which steps, comma-separated: small (most of what counts is already there), "
            "big (feasible with training), far (left out unless asked for)."
        ),
    ] = DEFAULT_STEPS,
    step_down: Annotated[
        bool,
        typer.Option("--step-down", help="Also show lesser jobs in the own trade (kappershulp)."),
    ] = False,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="The plain ranking instead of routes: every step, no guards, best score "
            "first (what evaluation/evaluate_transitions.py scores against O*NET).",
        ),
    ] = False,
    have: SkillsOption = None,
    lack: SkillsOption = None,
    held: Annotated[
        list[str] | None,
        typer.Option(
            help="An occupation held before (URI, label or title): its skills count; repeat."
        ),
    ] = None,
    batch: Annotated[
        Path | None,
        typer.Option(help="A file with one origin URI per line ('-' for stdin): JSON lines out."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Routes from an origin: small steps, then big ones; work that went on in March 2020
    before closed work. Never the own trade's core to learn, never a lesser job in the own
    trade unless --step-down. JSON gives each target "step" and "continues".

    Example: koers transitions "kapper" --steps small,big --limit 10 --json
    """
    if (origin is None) == (batch is None):
        fail("give either an ORIGIN or --batch FILE", code=2)
    from koers.transitions import TransitionFilters, TransitionQuery

    ranker = knowledge.ranker()
    if without_onet:
        ranker = ranker.esco_only()
    if plain and (steps != DEFAULT_STEPS or step_down):
        fail("--plain shows every step: leave out --steps and --step-down", code=2)
    filters = replace(
        TransitionFilters()
        if plain
        else TransitionFilters.routes(_steps(steps), step_down=step_down),
        vital_only=vital_only,
        crucial_only=crucial_only,
        exclude_own_isco=exclude_own_isco,
        max_missing=max_missing,
        min_coverage=min_coverage,
    )
    if batch is not None:
        failed = _batch(ranker, batch, limit, lang, filters)
        raise typer.Exit(1 if failed else 0)
    assert origin is not None
    start = knowledge.occupation(origin, lang)
    query = TransitionQuery(
        start.uri,
        have=_skills(have or []),
        lack=_skills(lack or []),
        also_held=tuple(knowledge.occupation(text, lang).uri for text in held or []),
    )
    transitions = ranker.rank(query, k=limit, filters=filters)
    taxonomy = ranker.taxonomy_
    if as_json:
        print_json(transitions_answer(start, transitions, lang))
        return
    table = Table(title=f"From {start.label(lang)}: where to next?")
    table.add_column("#", justify="right")
    table.add_column("occupation")
    table.add_column("step")
    table.add_column("score", justify="right")
    table.add_column("you know", justify="right")
    table.add_column("to learn (essential)")
    table.add_column("vital")
    table.add_column("went on")
    for rank, t in enumerate(transitions, start=1):
        missing = [taxonomy.skill(uri).label(lang) for uri in t.missing_essential[:3]]
        more = len(t.missing_essential) - len(missing)
        table.add_row(
            str(rank),
            taxonomy.occupation(t.uri).label(lang),
            t.step,
            f"{t.score:.2f}",
            f"{t.essential_coverage:.0%}",
            ", ".join(missing) + (f" +{more}" if more > 0 else ""),
            t.vitality.vital_class if t.vitality.vital_class != "none" else "",
            "yes" if t.continues else "closed",
        )
    console.print(table)


def _steps(text: str) -> frozenset[str]:
    from koers.transitions.steps import STEPS

    chosen = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = sorted(chosen - set(STEPS))
    if unknown or not chosen:
        fail(
            f"--steps: unknown step {unknown[0]!r} (choose from small, big, far)"
            if unknown
            else "--steps: name at least one of small, big, far",
            code=2,
        )
    return chosen


def _skills(texts: list[str]) -> tuple[str, ...]:
    try:
        return tuple(find_skill(knowledge.taxonomy(), text).uri for text in texts)
    except LabelLookupError as exc:
        fail(str(exc))


def _batch(
    ranker: TransitionRanker, batch: Path, limit: int, lang: str, filters: TransitionFilters
) -> bool:
    """One JSON line per origin line, in order; True if any origin was unknown."""
    from koers.transitions import TransitionQuery, UnknownConceptError

    failed = False
    for line in batch_file.lines(batch):
        uri = line.strip()
        try:
            found = ranker.rank(TransitionQuery(uri), k=limit, filters=filters)
        except UnknownConceptError as exc:
            failed = True
            print_json({"origin": uri, "error": str(exc), "transitions": []})
            continue
        print_json({"origin": uri, "transitions": [transition_summary(t, lang) for t in found]})
    return failed


def gap_command(
    origin: Annotated[
        str, typer.Argument(help="Where the person comes from: URI or title.", callback=not_blank)
    ],
    target: Annotated[
        str, typer.Argument(help="Where the person wants to go: URI or title.", callback=not_blank)
    ],
    lang: LangOption = "nl",
    as_json: JsonOption = False,
) -> None:
    """The gap from origin to target as a learning plan: skill groups, essential first.

    Example: koers gap "kok" "verpleegkundige" --lang nl
    """
    from koers.transitions import TransitionQuery
    from koers.transitions.learning_path import learning_plan

    ranker = knowledge.ranker()
    start = knowledge.occupation(origin, lang)
    goal = knowledge.occupation(target, lang)
    if start.uri == goal.uri:
        fail("origin and target are the same occupation")
    transition = ranker.explain(TransitionQuery(start.uri), goal.uri)
    plan = learning_plan(ranker, transition, start.uri, language=lang)
    if as_json:
        print_json(gap_answer(start, goal, transition, plan, lang))
        return
    console.print(
        f"[bold]{start.label(lang)} → {goal.label(lang)}[/] ({transition.step} step; "
        f"{'work that went on' if transition.continues else 'work that closed'} in March 2020): "
        f"you already know {plan.essential_known} of the {plan.essential_total} essential "
        f"skills ({len(plan.already)} skills in all).",
        highlight=False,
    )
    for number, step in enumerate(plan.steps, start=1):
        console.print(f"{number}. [bold]{step.group_label}[/]", highlight=False)
        for skill in step.skills:
            mark = "essential" if skill.essential else "optional"
            console.print(f"   - {skill.label}  [dim]({mark})[/]", highlight=False)
