"""The engine without an account: job-title search, an occupation, next steps, the gap.

The same answers as ``koers search|occupation|transitions|gap --json`` (koers.shapes), read
from the knowledge base this process loaded once (koers.knowledge); cached with an ETag
(``If-None-Match`` gives 304) and limited per address (AddressThrottle).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import conditional_page
from ninja import Router
from ninja.decorators import decorate_view
from ninja.params import functions as param

from koers import knowledge, shapes
from koers.taxonomy.lookup import LabelLookupError, find_skill
from koers.transitions import TransitionFilters, TransitionQuery
from koers.transitions.learning_path import learning_plan
from koers.web.api.answers import json_answer
from koers.web.api.auth import AddressThrottle, EngineAuth
from koers.web.api.engine_schemas import GapOut, OccupationOut, SearchOut, TransitionsOut
from koers.web.api.problems import Problem
from koers.web.common.presenters import find as occupation_by_id
from koers.web.common.search_text import MAX_QUERY

# Browsers and proxies may keep an answer this long; the ETag answers a later check cheaply.
MAX_AGE = 3600
Language = Literal["nl", "en"]
ERRORS: dict[int, type[Problem]] = {401: Problem, 404: Problem, 422: Problem, 429: Problem}

router = Router(tags=["engine"], auth=EngineAuth(), throttle=AddressThrottle())


def cacheable(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An ETag on every answer and 304 for a matching If-None-Match; public while the engine
    is public, else private to the token's holder."""

    @wraps(run)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = run(request, *args, **kwargs)
        if response.status_code == 200:
            public = bool(settings.KOERS_API_PUBLIC_ENGINE)
            patch_cache_control(response, public=public, private=not public, max_age=MAX_AGE)
        return response

    wrapped: Callable[..., HttpResponse] = conditional_page(answer)
    return wrapped


def _skills(texts: list[str], field: str) -> tuple[str, ...]:
    try:
        return tuple(find_skill(knowledge.taxonomy(), text).uri for text in texts)
    except LabelLookupError as error:
        raise ValidationError({field: str(error)}) from None


@router.get(
    "/search",
    response={200: SearchOut, **ERRORS},
    operation_id="search_occupations",
    summary="Find occupations by job title",
)
@decorate_view(cacheable)
def search(
    request: HttpRequest,
    q: str = param.Query(..., min_length=1, max_length=MAX_QUERY, description="A job title."),
    lang: Language = "nl",
    limit: int = param.Query(10, ge=1, le=50),
) -> HttpResponse:
    """Typos, gendered forms and word order are fine: ``kapster`` finds the hairdresser."""
    matches = knowledge.found(q, lang, limit)
    return json_answer(shapes.search_answer(q, matches))


@router.get(
    "/occupations/{occupation_id}",
    response={200: OccupationOut, **ERRORS},
    by_alias=True,
    operation_id="get_occupation",
    summary="One occupation with its skills and vitality",
)
@decorate_view(cacheable)
def occupation(request: HttpRequest, occupation_id: str, lang: Language = "nl") -> HttpResponse:
    """``occupation_id`` is the last part of the ESCO URI."""
    return json_answer(shapes.occupation_answer(occupation_by_id(occupation_id), lang))


@router.get(
    "/occupations/{occupation_id}/transitions",
    response={200: TransitionsOut, **ERRORS},
    by_alias=True,
    operation_id="list_transitions",
    summary="Next steps from an occupation",
)
@decorate_view(cacheable)
def transitions(
    request: HttpRequest,
    occupation_id: str,
    lang: Language = "nl",
    limit: int = param.Query(20, ge=1, le=100),
    vital_only: bool = False,
    max_missing: int | None = param.Query(None, ge=0),
    have: list[str] = param.Query([], description="A skill the person has (URI or exact label)."),
    lack: list[str] = param.Query([], description="A skill the person lacks (URI or exact label)."),
) -> HttpResponse:
    """Small steps, then big ones, as ``koers transitions`` shows them by default."""
    origin = occupation_by_id(occupation_id)
    query = TransitionQuery(origin.uri, have=_skills(have, "have"), lack=_skills(lack, "lack"))
    filters = replace(TransitionFilters.routes(), vital_only=vital_only, max_missing=max_missing)
    found = knowledge.ranked(query, limit, filters)
    return json_answer(shapes.transitions_answer(origin, found, lang))


@router.get(
    "/occupations/{occupation_id}/gap/{target_id}",
    response={200: GapOut, **ERRORS},
    operation_id="get_gap",
    summary="What a step asks: the skills to learn, grouped",
)
@decorate_view(cacheable)
def gap(
    request: HttpRequest, occupation_id: str, target_id: str, lang: Language = "nl"
) -> HttpResponse:
    """The gap from the occupation to ``target_id`` as a learning plan, essential skills first."""
    origin = occupation_by_id(occupation_id)
    target = occupation_by_id(target_id)
    if origin.uri == target.uri:
        raise ValidationError({"target_id": "origin and target are the same occupation"})
    ranker = knowledge.ranker()
    transition = knowledge.explained(TransitionQuery(origin.uri), target.uri)
    plan = learning_plan(ranker, transition, origin.uri, language=lang)
    return json_answer(shapes.gap_answer(origin, target, transition, plan, lang))
