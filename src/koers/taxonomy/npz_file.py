"""Numpy archives written atomically, with a JSON document inside: the on-disk form of Koers."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from scipy import sparse

T = TypeVar("T")


def write_atomically(path: Path, document: dict[str, Any], arrays: dict[str, Any]) -> None:
    """Write ``document`` (as JSON) and ``arrays`` to ``path``: readers see old or new, no mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    blob = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    handle, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".npz", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as tmp:
            np.savez(tmp, document=np.frombuffer(blob, dtype=np.uint8), **arrays)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def read(path: Path) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]]]:
    """The document and the arrays of a file written by :func:`write_atomically`."""
    with np.load(path, allow_pickle=False) as data:
        document: dict[str, Any] = json.loads(data["document"].tobytes().decode("utf-8"))
        arrays = {name: data[name] for name in data.files if name != "document"}
    return document, arrays


def read_cache(
    path: Path, *, format_tag: str, build_id: str
) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]]] | None:
    """A derived file (an index, features) if it was built from this very knowledge base."""
    try:
        document, arrays = read(path)
    except (OSError, ValueError, KeyError):
        return None
    if document.get("format") != format_tag or document.get("build_id") != build_id:
        return None
    return document, arrays


def load_or_build(
    path: Path | None,
    load: Callable[[Path], T | None],
    build: Callable[[], T],
    save: Callable[[T, Path], None],
) -> T:
    """``load(path)`` when it fits, else ``build()`` and save it for the next start.

    A read-only data folder only costs the next start the build again.
    """
    if path is None:
        return build()
    found = load(path)
    if found is None:
        found = build()
        with contextlib.suppress(OSError):
            save(found, path)
    return found


def sparse_arrays(name: str, matrix: sparse.csr_matrix) -> dict[str, Any]:
    """A CSR matrix as named arrays for :func:`write_atomically`."""
    return {
        f"{name}_data": matrix.data,
        f"{name}_indices": matrix.indices,
        f"{name}_indptr": matrix.indptr,
        f"{name}_shape": np.asarray(matrix.shape),
    }


def sparse_matrix(name: str, arrays: dict[str, npt.NDArray[Any]]) -> sparse.csr_matrix:
    """The CSR matrix stored by :func:`sparse_arrays`."""
    return sparse.csr_matrix(
        (arrays[f"{name}_data"], arrays[f"{name}_indices"], arrays[f"{name}_indptr"]),
        shape=tuple(arrays[f"{name}_shape"]),
    )
