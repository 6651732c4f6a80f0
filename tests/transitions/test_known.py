"""What counts as known: the person's skills, their broader skills, and kin that mean the same."""

from __future__ import annotations

import numpy as np
import pytest

from koers.taxonomy import Taxonomy
from koers.taxonomy.model import Skill
from koers.transitions import TransitionQuery, TransitionRanker
from koers.transitions.known import (
    KIN_SIMILARITY,
    broader_links,
    credit_matrix,
    known_skills,
    link_similarities,
)
from tests.transitions.test_ranker import HAIRDRESSER

GROUP = "http://data.europa.eu/esco/skill-group/S1"
BAKE_GOODS = "http://data.europa.eu/esco/skill/5626b3b1-5415-47f6-acf1-b573d457d180"
PREPARE_BAKERY_PRODUCTS = "http://data.europa.eu/esco/skill/50db2b5e-edda-496d-8a6e-aff91dc243d9"


def skill(name: str, *broader: str) -> Skill:
    return Skill(name, "skill/competence", "cross-sector", "released", "", tuple(broader))


# review event bills -> allocate bills -> manage finances -> (a skill group);
# review hotel bills is kin of review event bills; check invoices is a distant sibling.
SKILLS = [
    skill("review event bills", "allocate bills"),
    skill("allocate bills", "manage finances"),
    skill("manage finances", GROUP),
    skill("review hotel bills", "allocate bills"),
    skill("check invoices", "allocate bills"),
    skill("budget for a household", "manage finances"),
]
NEAR = np.array([1.0, 0.0, 0.0], dtype=np.float32)
VECTORS = np.array(
    [
        NEAR,
        [0.0, 1.0, 0.0],
        [0.0, 0.0, 1.0],
        # As close to "review event bills" as the kin threshold asks, and not closer.
        [KIN_SIMILARITY, np.sqrt(1 - KIN_SIMILARITY**2), 0.0],
        [KIN_SIMILARITY - 0.05, np.sqrt(1 - (KIN_SIMILARITY - 0.05) ** 2), 0.0],
        # Near "allocate bills", the broader skill: kin of a broader skill is not counted.
        [0.0, 1.0, 0.0],
    ],
    dtype=np.float32,
)


def known(*held: str, lack: tuple[str, ...] = ()) -> set[str]:
    names = [s.uri for s in SKILLS]
    row = np.zeros(len(SKILLS), dtype=np.float32)
    for name in held:
        row[names.index(name)] = 1.0
    credit = credit_matrix(SKILLS, VECTORS)
    found = known_skills(row, credit, [names.index(name) for name in lack])
    return {names[i] for i in np.flatnonzero(found)}


def test_it_counts_the_broader_skills_of_a_skill_as_known_all_the_way_up() -> None:
    assert known("review event bills") >= {"allocate bills", "manage finances"}


def test_it_never_counts_down_the_hierarchy_or_a_skill_group() -> None:
    assert "review event bills" not in known("allocate bills")
    assert GROUP not in {s.uri for s in SKILLS}
    assert broader_links(SKILLS).nnz == 5


def test_it_counts_a_sibling_only_when_its_label_means_nearly_the_same() -> None:
    found = known("review event bills")
    assert "review hotel bills" in found
    assert "check invoices" not in found


def test_it_counts_no_kin_of_a_skill_that_was_only_counted() -> None:
    assert "budget for a household" not in known("review event bills")
    assert "budget for a household" in known("allocate bills")


def test_a_skill_the_person_says_they_lack_is_never_counted() -> None:
    assert "allocate bills" not in known("review event bills", lack=("allocate bills",))


def test_the_similarity_of_linked_skills_is_the_cosine_of_their_labels() -> None:
    similarity = link_similarities(broader_links(SKILLS), VECTORS)
    assert similarity.shape == (5,)
    assert similarity.max() <= 1.0


@pytest.fixture(scope="module")
def ranker(mini_taxonomy: Taxonomy) -> TransitionRanker:
    return TransitionRanker().fit(mini_taxonomy)


def test_the_counts_the_coverage_and_the_skills_shown_agree(ranker: TransitionRanker) -> None:
    for transition in ranker.rank(TransitionQuery(HAIRDRESSER), k=50):
        assert transition.essential_known == round(
            transition.essential_coverage * transition.essential_total
        )
        assert not set(transition.shared_skills) & set(transition.missing_essential)


def test_a_skill_counts_as_known_through_a_narrower_one_unless_the_person_lacks_it(
    ranker: TransitionRanker, mini_taxonomy: Taxonomy
) -> None:
    baker = next(o.uri for o in mini_taxonomy.occupations if o.label("en") == "baker")
    # In the mini data "bake goods" is a narrower skill of "prepare bakery products".
    bakes = TransitionQuery(HAIRDRESSER, have=(BAKE_GOODS,))
    assert PREPARE_BAKERY_PRODUCTS in ranker.explain(bakes, baker).shared_skills
    lacks = TransitionQuery(HAIRDRESSER, have=(BAKE_GOODS,), lack=(PREPARE_BAKERY_PRODUCTS,))
    assert PREPARE_BAKERY_PRODUCTS in ranker.explain(lacks, baker).missing_essential
