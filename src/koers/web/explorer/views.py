"""Explorer pages: function views that read the engine and render templates; nothing is stored."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from koers import knowledge
from koers.taxonomy.everyday_skills import shipped as everyday_skills
from koers.taxonomy.sectors import SECTORS, occupations_in, sector
from koers.transitions import Transition, TransitionFilters
from koers.transitions.learning_path import learning_plan
from koers.web.common import presenters
from koers.web.common.htmx import HtmxHttpRequest
from koers.web.common.search_text import search_text
from koers.web.explorer import reflection as reflection_answers
from koers.web.explorer import reflection_code
from koers.web.explorer.choices import Choices
from koers.web.explorer.reflection import ReflectionForm
from koers.web.explorer.short_code import InvalidCodeError, decode, spoken

MAX_BACK = 300
SUGGESTIONS = 8
# Steps shown per group: two groups of four stay within about three phone screens (390 px,
# long titles included; five did not for the kok and the verkoper on the full data).
GROUP_SIZE = 4
GROUPS = (
    ("small", _("Small steps")),
    ("big", _("Big steps")),
    ("far", _("Also possible, but far away")),
)


def home(request: HtmxHttpRequest) -> TemplateResponse:
    """One question; the answers while typing (htmx) or after a plain submit."""
    query = search_text(request.GET.get("q", ""))
    language = presenters.esco_language()
    matches = []
    if query:
        taxonomy = knowledge.taxonomy()
        # An installation's own synonyms come first, then the search.
        named = knowledge.plain_language().occupations_named(query, language)
        for uri in named:
            occupation = taxonomy.occupation(uri)
            matches.append(
                {
                    "id": presenters.occupation_id(occupation),
                    "label": occupation.label(language),
                    "matched": query,
                }
            )
        for match in knowledge.found(query, language, SUGGESTIONS):
            if match.uri in named:
                continue
            occupation = taxonomy.occupation(match.uri)
            matches.append(
                {
                    "id": presenters.occupation_id(occupation),
                    "label": match.label,
                    "matched": match.matched_label if match.matched_label != match.label else "",
                }
            )
        matches = matches[:SUGGESTIONS]
    template = "explorer/home.html"
    if request.htmx:
        template += "#results"
    bad_code = request.GET.get("code", "")[:20]
    context = {
        "query": query,
        "matches": matches,
        "bad_code": bad_code,
        # The code of the reflection answers opens no page: it is for the coach.
        "answers_code": bool(bad_code) and reflection_code.is_code(bad_code),
    }
    return TemplateResponse(request, template, context)


def code(request: HttpRequest) -> HttpResponse:
    """Open the page a short code points at (read out on the phone, or typed from paper)."""
    typed = request.GET.get("code", "")[:20]
    try:
        place = decode(typed)
        occupations = knowledge.taxonomy().occupations
        origin = presenters.occupation_id(occupations[place.origin])
        target = None if place.target is None else occupations[place.target]
    except (InvalidCodeError, IndexError):
        return HttpResponseRedirect(reverse("explorer:home") + "?" + urlencode({"code": typed}))
    if target is not None:
        # An older code that named a step still opens it.
        url = reverse("explorer:target", args=[origin, presenters.occupation_id(target)])
    else:
        url = reverse("explorer:next_steps", args=[origin])
    query = Choices.of_place(place).query()
    return HttpResponseRedirect(url + ("?" + query if query else ""))


def occupation(request: HttpRequest, occupation_id: str) -> TemplateResponse:
    """What this work is, five skills you have, and whether it was on the 2020 list."""
    language = presenters.esco_language()
    found = presenters.find(occupation_id)
    taxonomy = knowledge.taxonomy()
    short, full = presenters.summary(found, language)
    essential, _ = taxonomy.skill_indexes(found.uri)
    idf = knowledge.ranker().features_.idf
    # Recognisable skills: essential ones that many jobs share (low idf) are easiest to see.
    chosen = sorted(essential, key=lambda s: (idf[s], s))[:5]
    skills = [presenters.skill_text(taxonomy.skills[s], language) for s in chosen]
    vitality = knowledge.vitality_map().of(found)
    return TemplateResponse(
        request,
        "explorer/occupation.html",
        {
            "occupation": found,
            "id": occupation_id,
            "label": found.label(language),
            "short": short,
            "full": full,
            "skills": skills,
            "vitality": presenters.vitality_words(vitality, language),
        },
    )


def also_can(request: HttpRequest, occupation_id: str) -> TemplateResponse:
    """The short step "Wat kun je nog meer?": everyday things to tick, sent to the list (GET);
    the list's other choices are kept."""
    language = presenters.esco_language()
    found = presenters.find(occupation_id)
    choices = Choices.of(request)
    things = [
        {"key": thing.key, "label": thing.label(language), "ticked": thing.key in choices.can}
        for thing in everyday_skills().skills
    ]
    return TemplateResponse(
        request,
        "explorer/also_can.html",
        {
            "id": occupation_id,
            "label": found.label(language),
            "things": things,
            "kept": choices.pairs(can=()),
            "choices_query": choices.query(),
        },
    )


def next_steps(request: HttpRequest, occupation_id: str) -> TemplateResponse:
    """Routes, in words first: small steps, then big ones, far ones only on request; with
    filters that work without JavaScript."""
    language = presenters.esco_language()
    found = presenters.find(occupation_id)
    choices = Choices.of(request)
    question = choices.question(found.uri)
    ranker = knowledge.ranker()
    taxonomy = knowledge.taxonomy()
    groups = []
    unknown_requirement = False
    for step, heading in GROUPS:
        if (choices.small and step != "small") or (step == "far" and not choices.far):
            continue
        # "On the list" is crucial work only; "also work that helps" adds secondary work.
        filters = replace(
            TransitionFilters.routes([step], vital_only=choices.helps),
            crucial_only=choices.vital_only and not choices.helps,
        )
        steps = []
        for transition in ranker.rank(question, k=GROUP_SIZE, filters=filters):
            goal = taxonomy.occupation(transition.uri)
            known = knowledge.requirements().of(goal) is not None
            unknown_requirement |= not known
            steps.append(
                {
                    "id": presenters.occupation_id(goal),
                    "label": goal.label(language),
                    **counts(transition),
                    "continues": transition.continues,
                    "learn": [
                        presenters.skill_text(taxonomy.skill(uri), language)
                        for uri in transition.missing_essential
                    ],
                    "known_skills": [
                        presenters.skill_text(taxonomy.skill(uri), language)
                        for uri in transition.shared_skills
                    ],
                    "vitality": presenters.vitality_words(transition.vitality, language),
                    "requirement": presenters.requirement_words(goal, language) if known else "",
                }
            )
        groups.append({"step": step, "heading": heading, "steps": steps})
    return TemplateResponse(
        request,
        "explorer/next_steps.html",
        {
            "id": occupation_id,
            "label": found.label(language),
            "groups": groups,
            "any_steps": any(group["steps"] for group in groups),
            "unknown_requirement": unknown_requirement,
            "choices": choices,
            "far_query": choices.query(far=True),
            "choices_query": choices.query(),
            "code": spoken(choices.code(found.uri)),
        },
    )


def counts(transition: Transition) -> dict[str, int]:
    """The one "X of the Y things that matter" of the list, the step page and the plan."""
    return {"known": transition.essential_known, "total": transition.essential_total}


def target(request: HttpRequest, occupation_id: str, target_id: str) -> TemplateResponse:
    """One step as a learning plan: what you know already, then what to learn, by group; with
    the code of the list it came from (its choices are in the query string)."""
    language = presenters.esco_language()
    origin = presenters.find(occupation_id)
    goal = presenters.find(target_id)
    choices = Choices.of(request)
    ranker = knowledge.ranker()
    transition = knowledge.explained(choices.question(origin.uri), goal.uri)
    plan = learning_plan(ranker, transition, origin.uri, language=language)
    return TemplateResponse(
        request,
        "explorer/target.html",
        {
            "id": occupation_id,
            "target_id": target_id,
            "label": origin.label(language),
            "target_label": goal.label(language),
            "plan": plan,
            "continues": transition.continues,
            "vitality": presenters.vitality_words(transition.vitality, language),
            "code": spoken(choices.code(origin.uri)),
            "choices_query": choices.query(),
            "requirement": presenters.requirement_words(goal, language),
            **_reflection(reflection_answers.read(request)),
        },
    )


def accessibility(request: HttpRequest) -> TemplateResponse:
    """The accessibility statement (toegankelijkheidsverklaring)."""
    return TemplateResponse(request, "explorer/accessibility.html", {})


def sectors(request: HttpRequest) -> TemplateResponse:
    """For people who cannot name their job: first the sector."""
    language = presenters.esco_language()
    choices = [{"letter": s.letter, "name": s.name(language)} for s in SECTORS]
    return TemplateResponse(request, "explorer/sectors.html", {"sectors": choices})


def sector_occupations(request: HttpRequest, letter: str) -> TemplateResponse:
    """The occupations of one sector, A to Z."""
    language = presenters.esco_language()
    chosen = sector(letter)
    if chosen is None:
        raise Http404(letter)
    occupations = [
        {"id": presenters.occupation_id(o), "label": o.label(language)}
        for o in occupations_in(knowledge.taxonomy(), chosen.letter, language)
    ]
    context = {"name": chosen.name(language), "letter": chosen.letter, "occupations": occupations}
    return TemplateResponse(request, "explorer/sector.html", context)


def _reflection(answers: dict[str, list[str] | str]) -> dict[str, object]:
    """The answers for the page and the printout, with the code that brings them to a coach."""
    return {
        "reflection": reflection_answers.summary(answers),
        "reflection_code": reflection_code.code_for(answers),
    }


def _back(request: HttpRequest) -> str:
    """Where "terug" on the reflection page goes: the explorer page the person came from
    (``?terug=``), only a path on this site; "" for the question."""
    back = request.GET.get("terug", "")[:MAX_BACK]
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return back
    return ""


@require_http_methods(["GET", "POST"])
def reflection(request: HttpRequest) -> TemplateResponse:
    """Short exercises; the answers stay in the person's browser (encrypted cookie) only."""
    answers = reflection_answers.read(request)
    if request.method == "POST" and "forget" in request.POST:
        response = TemplateResponse(
            request,
            "explorer/reflection.html",
            {"form": ReflectionForm(), "reflection": [], "back": _back(request)},
        )
        reflection_answers.forget(response)
        return response
    form = ReflectionForm(request.POST if request.method == "POST" else None, initial=answers)
    if request.method == "POST" and form.is_valid():
        answers = dict(form.cleaned_data)
    response = TemplateResponse(
        request,
        "explorer/reflection.html",
        {"form": form, "back": _back(request), **_reflection(answers)},
    )
    if request.method == "POST" and form.is_valid():
        reflection_answers.keep(response, answers)
    return response
