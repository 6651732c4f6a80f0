"""Routes for the seed's people on the full ESCO data (KOERS_ESCO_DIR); skipped when absent.

Issue 18: "where can I go now, from what I can do, to work that goes on?" For kapper, kok,
verkoper (winkel), timmerman, evenementenmedewerker and reisadviseur: at least three feasible
(small or big) routes to work that went on in March 2020, none with the own trade's core to
learn, none a step down in the own trade. "What I can do" is the occupation's ESCO profile and
what the person ticks on "Wat kun je nog meer?" (koers.taxonomy.everyday_skills).
"""

from __future__ import annotations

import pytest

from koers.taxonomy import Taxonomy
from koers.taxonomy.closures import ClosedWork
from koers.taxonomy.everyday_skills import shipped
from koers.taxonomy.vitality import VitalityMap
from koers.transitions import Transition, TransitionFilters, TransitionQuery, TransitionRanker
from tests.full_data.conftest import NEEDS_FULL_DATA

pytestmark = NEEDS_FULL_DATA

ESCO = "http://data.europa.eu/esco/occupation/"
KAPPER = ESCO + "099c6bb0-22d3-4c5d-8bf5-70910af381ef"
KAPPERSHULP_LABEL = "kappershulp"
KOK = ESCO + "90f75f67-495d-49fa-ab57-2f320e251d7e"
WINKELMEDEWERKER = ESCO + "0b15375e-dfdd-4047-9efb-096e0aaee7d2"
TIMMERMAN = ESCO + "2a22ff9e-de3b-408d-b312-5034896cc4f4"
REISCONSULENT = ESCO + "291da1ab-1f90-426d-bbc5-60d0fa7d608b"
# "medewerker evenementenorganisatie" (event assistant): the nearest ESCO occupation to an
# evenementenmedewerker.
EVENEMENTEN = ESCO + "84931290-ad27-45ad-b611-9556c5facbdb"
PERSONAS = {
    "kapper": KAPPER,
    "kok": KOK,
    "verkoper-winkel": WINKELMEDEWERKER,
    "timmerman": TIMMERMAN,
    "reisadviseur": REISCONSULENT,
    "evenementenmedewerker": EVENEMENTEN,
}
# What each ticks on "Wat kun je nog meer?"; the five others tick nothing. ESCO describes the
# event assistant's work in the words of events only (obtain event permits, coordinate catering,
# review event bills); the office work it plainly involves besides is not in that profile:
# registrations, budgets and mail to suppliers and guests (a computer: e-mail, spreadsheets),
# calls with venues, suppliers and speakers (the phone), and the event's schedule and meetings
# (planning and organising). She ticks those three, and nothing an event assistant need not do.
TICKS = {"evenementenmedewerker": ("computer", "telefoon", "plannen")}


@pytest.fixture(scope="module")
def ranker(full_taxonomy: Taxonomy) -> TransitionRanker:
    return TransitionRanker().fit(full_taxonomy, vitality=VitalityMap.load())


def question(name: str) -> TransitionQuery:
    """The persona's question: her work, with the ESCO skills of what she ticked."""
    return TransitionQuery(PERSONAS[name], have=shipped().uris_of(TICKS.get(name, ())))


def routes(ranker: TransitionRanker, query: TransitionQuery | str) -> list[Transition]:
    asked = TransitionQuery(query) if isinstance(query, str) else query
    return ranker.rank(asked, k=20, filters=TransitionFilters.routes())


def going_on(found: list[Transition]) -> list[Transition]:
    """The feasible routes to work that went on."""
    return [t for t in found if t.continues and t.step in {"small", "big"}]


@pytest.mark.parametrize("name", PERSONAS)
def test_it_gives_three_feasible_routes_to_work_that_went_on(
    ranker: TransitionRanker, name: str
) -> None:
    found = routes(ranker, question(name))
    labels = [ranker.taxonomy_.occupation(t.uri).label("nl") for t in found]
    assert len(going_on(found)) >= 3, labels


@pytest.mark.parametrize("name", PERSONAS)
def test_no_route_asks_the_own_core_or_steps_down_in_the_own_trade(
    ranker: TransitionRanker, name: str
) -> None:
    query = question(name)
    own_core = ranker.guarded(query, TransitionFilters(guard_core=True))
    down = ranker.guarded(query, TransitionFilters(guard_step_down=True))
    shown = {t.uri for t in routes(ranker, query)}
    assert not shown & own_core
    assert not shown & down
    assert {t.step for t in routes(ranker, query)} <= {"small", "big"}


def test_the_event_assistant_finds_her_routes_through_what_she_can_also_do(
    ranker: TransitionRanker,
) -> None:
    """Not a lower threshold, not her occupation singled out: her own skills. Her ESCO profile
    alone gives two routes to work that went on; with the three things she ticks, at least
    three, the first of them office work that her ticks now half cover."""
    assert len(going_on(routes(ranker, EVENEMENTEN))) == 2
    found = going_on(routes(ranker, question("evenementenmedewerker")))
    labels = [ranker.taxonomy_.occupation(t.uri).label("en") for t in found]
    assert len(found) >= 3, labels
    assert "executive assistant" in labels


def test_a_hairdresser_is_not_sent_to_be_a_helper_or_to_learn_hairdressing(
    ranker: TransitionRanker,
) -> None:
    taxonomy = ranker.taxonomy_
    shown = {taxonomy.occupation(t.uri).label("nl") for t in routes(ranker, KAPPER)}
    assert KAPPERSHULP_LABEL not in shown
    assert "vakdocent kapper beroepsonderwijs" not in shown
    down = ranker.guarded(TransitionQuery(KAPPER), TransitionFilters(guard_step_down=True))
    assert KAPPERSHULP_LABEL in {taxonomy.occupation(uri).label("nl") for uri in down}
    asked = ranker.rank(
        TransitionQuery(KAPPER), k=20, filters=TransitionFilters.routes(step_down=True)
    )
    assert KAPPERSHULP_LABEL in {taxonomy.occupation(t.uri).label("nl") for t in asked}


def test_event_work_in_mixed_isco_groups_closed_too(full_taxonomy: Taxonomy) -> None:
    closed = ClosedWork.load()
    vitality = VitalityMap.load()
    labels = {"promoter", "crowd controller", "event scaffolder", "stagehand", "sound operator"}
    found = [o for o in full_taxonomy.occupations if o.label("en") in labels]
    assert len(found) == len(labels)
    assert not [o.label("en") for o in found if closed.continues(o, vitality.of(o))]


def test_an_event_assistant_knows_the_broader_and_kin_of_their_own_skills(
    ranker: TransitionRanker,
) -> None:
    taxonomy = ranker.taxonomy_
    shown = routes(ranker, EVENEMENTEN)
    broker = next(t for t in shown if taxonomy.occupation(t.uri).label("en") == "shipbroker")
    shared = {taxonomy.skill(uri).label("en") for uri in broker.shared_skills}
    # broader: "negotiate contracts with event providers" is a kind of "manage contracts";
    # kin: it means nearly the same as "negotiate sales contracts".
    assert {"manage contracts", "negotiate sales contracts"} <= shared
