"""What a person can be counted on to know: their own skills, and what ESCO says follows.

ESCO names skills at very different grain. An event assistant "reviews event bills" and
"maintains event records"; an office job asks to "allocate bills" and "maintain professional
records". Counted only by exact match, a person whose work is described in the words of one
sector knows almost nothing of any other (issue 18: "medewerker evenementenorganisatie" had
no three feasible routes). Two rules, both from ESCO's own skills hierarchy, widen that:

* **broader**: a skill is a kind of its broader skills (ESCO ``broaderSkill``), so whoever
  has it counts as knowing them, up the hierarchy; not up into skill *groups*, which are
  categories, not things a job asks.
* **kin**: a skill under the same broader skill (a sibling) whose label means nearly the
  same: the cosine of the two labels' meaning (the sentence embeddings of
  :mod:`koers.transitions.features`) is at least :data:`KIN_SIMILARITY`, as close as the
  closest quarter of ESCO's own skill/broader-skill pairs ("negotiate contracts with event
  providers" and "negotiate terms with suppliers", 0.80). Kin count from the skills the
  person has, not from other kin or broader skills.

A skill the person says they lack (``--lack``) is never counted as known. The rules change
what counts as known (coverage, the steps, "X of the Y", the guards), never the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

from koers.taxonomy.model import Skill

KIN_SIMILARITY = 0.63
"""The 75th percentile of the label similarity of every ESCO skill and its broader skills
(``python evaluation/evaluate_crisis.py --without-onet --thresholds``: 0.634)."""

Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float32]


def broader_links(skills: Sequence[Skill]) -> sparse.csr_matrix:
    """Skills x skills: 1 where the column is a broader skill of the row (skill groups left
    out)."""
    index = {skill.uri: i for i, skill in enumerate(skills)}
    pairs = [
        (row, index[uri])
        for row, skill in enumerate(skills)
        for uri in skill.broader
        if uri in index
    ]
    size = len(skills)
    rows = np.array([p[0] for p in pairs], dtype=np.int64)
    cols = np.array([p[1] for p in pairs], dtype=np.int64)
    return sparse.csr_matrix((np.ones(len(pairs), np.float32), (rows, cols)), shape=(size, size))


def link_similarities(links: sparse.spmatrix, vectors: Floats) -> Floats:
    """The label similarity (cosine of unit vectors) of every linked pair of skills, in the
    order of ``links.tocoo()``."""
    pairs = links.tocoo()
    similarity: Floats = np.einsum("ij,ij->i", vectors[pairs.row], vectors[pairs.col])
    return similarity.astype(np.float32)


def credit_matrix(skills: Sequence[Skill], vectors: Floats) -> sparse.csr_matrix:
    """Skills x skills: 1 where having the row counts the column as known (besides itself).

    ``vectors`` are the unit vectors of the skills' label meaning, one row per skill.
    """
    links = broader_links(skills)
    size = links.shape[0]
    broader = sparse.csr_matrix((size, size), dtype=np.float32)
    reach = sparse.identity(size, dtype=np.float32, format="csr")
    # Up the hierarchy, one level at a time; ESCO's skills pillar is a few levels deep.
    for _ in range(size):
        reach = _binary(reach @ links)
        if reach.nnz == 0 or not (reach > broader).nnz:
            break
        broader = _binary(broader + reach)
    siblings = _binary(links @ links.T).tocoo()
    near = (siblings.row != siblings.col) & (link_similarities(siblings, vectors) >= KIN_SIMILARITY)
    kin = sparse.csr_matrix(
        (np.ones(int(near.sum()), np.float32), (siblings.row[near], siblings.col[near])),
        shape=(size, size),
    )
    credit = _binary(broader + kin).tocoo()
    other = credit.row != credit.col
    return sparse.csr_matrix(
        (credit.data[other], (credit.row[other], credit.col[other])), shape=(size, size)
    )


def known_skills(row: Floats, credit: sparse.csr_matrix, lack: Iterable[int] = ()) -> Bools:
    """The skills counted as known for a person with skill weights ``row`` (see the module
    docstring); the ``lack`` skill indexes never are."""
    has = row > 0
    credited = np.asarray(credit.T @ has.astype(np.float32)).ravel() > 0
    known: Bools = has | credited
    known[list(lack)] = False
    return known


def _binary(matrix: sparse.spmatrix) -> sparse.csr_matrix:
    result = sparse.csr_matrix(matrix, dtype=np.float32)
    result.data[:] = 1
    result.eliminate_zeros()
    return result
