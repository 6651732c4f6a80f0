"""Numpy archives written atomically, with a JSON document inside: the on-disk form of Koers."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt


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
