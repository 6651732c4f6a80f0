"""Numpy archives written atomically, with a JSON document inside: the on-disk form of Koers.

Every write goes through a temporary file in the same folder and one ``os.replace``. Writers
hold a shared ``flock`` on that folder while they write; a clean-up takes it exclusively (never
waiting), so it removes only temporary files whose writer is gone (killed). A write that fails
(full or read-only disk, no permission) raises :class:`WriteError` naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from scipy import sparse

T = TypeVar("T")

_TEMPORARY_SUFFIX = ".tmp"
# Hidden .npz files are the temporary files of Koers before data-folder versions, whose writers
# took no lock (an old server may still run during an upgrade): removed only once older than
# any write takes.
_UNLOCKED_SUFFIX = ".npz"
_UNLOCKED_AGE_SECONDS = 3600


class WriteError(Exception):
    """A file could not be written: which one, why, and on a full disk how much space it needed."""

    def __init__(self, path: Path, cause: OSError, *, needed: int | None = None) -> None:
        self.path = path
        self.cause = cause
        self.needed = needed
        self.free = _free_space(path) if cause.errno == errno.ENOSPC else None
        super().__init__(str(self))

    def __str__(self) -> str:
        reason = self.cause.strerror or str(self.cause)
        text = f"cannot write {self.path}: {reason}"
        space = [f"{_megabytes(self.needed)} needed"] if self.needed else []
        space += [f"{_megabytes(self.free)} free"] if self.free is not None else []
        return text + (f" ({', '.join(space)})" if space else "")


def _megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def _free_space(path: Path) -> int | None:
    for folder in (path, *path.parents):
        with contextlib.suppress(OSError):
            return shutil.disk_usage(folder).free
    return None


@contextlib.contextmanager
def reporting(path: Path, *, needed: int | None = None) -> Iterator[None]:
    """Turn an :class:`OSError` inside the block into a :class:`WriteError` naming ``path``."""
    try:
        yield
    except OSError as exc:
        raise WriteError(path, exc, needed=needed) from exc


@contextlib.contextmanager
def folder_lock(folder: Path, *, exclusive: bool = False) -> Iterator[bool]:
    """Hold ``flock`` on ``folder``: shared waits (writers), exclusive never waits (clean-ups).

    Yields whether the lock was taken. The kernel drops it when the process dies, so a killed
    writer never blocks a clean-up.
    """
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB if exclusive else fcntl.LOCK_SH)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(handle)


def sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (a power cut after this keeps them)."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def remove_temporaries(folder: Path) -> None:
    """Delete the temporary files of killed writers; call it holding ``folder`` exclusively."""
    old = time.time() - _UNLOCKED_AGE_SECONDS
    for entry in folder.iterdir():
        if not entry.name.startswith(".") or not entry.is_file():
            continue
        unlocked = entry.name.endswith(_UNLOCKED_SUFFIX) and entry.stat().st_mtime < old
        if entry.name.endswith(_TEMPORARY_SUFFIX) or unlocked:
            entry.unlink(missing_ok=True)


def replace_atomically(
    path: Path, write: Callable[[IO[bytes]], object], *, needed: int | None = None
) -> None:
    """Write ``path`` with ``write(file)`` through a temporary file: readers see old or new.

    Raises :class:`WriteError` naming ``path`` (with ``needed`` bytes on a full disk).
    """
    with reporting(path, needed=needed):
        path.parent.mkdir(parents=True, exist_ok=True)
        with folder_lock(path.parent):
            handle, tmp_name = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=_TEMPORARY_SUFFIX, dir=path.parent
            )
            try:
                with os.fdopen(handle, "wb") as tmp:
                    write(tmp)
                    tmp.flush()
                    os.fsync(tmp.fileno())
                os.chmod(tmp_name, 0o644)
                os.replace(tmp_name, path)
            except BaseException:
                Path(tmp_name).unlink(missing_ok=True)
                raise


def write_atomically(path: Path, document: dict[str, Any], arrays: dict[str, Any]) -> None:
    """Write ``document`` (as JSON) and ``arrays`` to ``path``: readers see old or new, no mix."""
    blob = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    needed = len(blob) + sum(np.asarray(array).nbytes for array in arrays.values())
    replace_atomically(
        path,
        lambda tmp: np.savez(tmp, document=np.frombuffer(blob, dtype=np.uint8), **arrays),
        needed=needed,
    )


def read(
    path: Path, names: Collection[str] | None = None
) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]]]:
    """The document and the arrays (all, or those ``names``) of a file written by
    :func:`write_atomically`."""
    with np.load(path, allow_pickle=False) as data:
        document: dict[str, Any] = json.loads(data["document"].tobytes().decode("utf-8"))
        wanted = data.files if names is None else names
        arrays = {name: data[name] for name in wanted if name != "document"}
    return document, arrays


def read_cache(
    path: Path, *, format_tag: str, build_id: str | None, names: Collection[str] | None = None
) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]]] | None:
    """A derived file (an index, features) if it was built from this very knowledge base.

    ``build_id`` None takes the file of any knowledge base (see :func:`koers.knowledge.folder`);
    ``names`` reads only those arrays.
    """
    try:
        document, arrays = read(path, names)
    except (OSError, ValueError, KeyError):
        return None
    if document.get("format") != format_tag or build_id not in (None, document.get("build_id")):
        return None
    return document, arrays


def load_or_build(
    path: Path | None,
    load: Callable[[Path], T | None],
    build: Callable[[], T],
    save: Callable[[T, Path], None],
) -> T:
    """``load(path)`` when it fits, else ``build()`` and save it for the next start.

    A read-only or full data folder only costs the next start the build again.
    """
    if path is None:
        return build()
    found = load(path)
    if found is None:
        found = build()
        with contextlib.suppress(WriteError):
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
    # Imported here: reading the knowledge base and the title index needs no scipy.
    from scipy import sparse

    return sparse.csr_matrix(
        (arrays[f"{name}_data"], arrays[f"{name}_indices"], arrays[f"{name}_indptr"]),
        shape=tuple(arrays[f"{name}_shape"]),
    )
