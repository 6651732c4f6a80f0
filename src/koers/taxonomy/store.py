"""The data folder: every import is one whole version, made current at once by one rename.

KOERS_DATA_DIR holds::

    current.json       {"format": "koers-data/1", "version": "kb-…", "previous": "kb-…"}
    kb-<time>-<id>/    taxonomy.npz, title-index.npz, transition-features.npz of one import
    .incoming-*/       an import being written

An import writes all its files into ``.incoming-*``, renames that to ``kb-…`` and then replaces
``current.json`` with ``os.replace`` (atomic on POSIX). A reader follows ``current.json`` once and
reads every file from that one folder, so it sees the old import or the new one, whole, even when
the import was killed halfway or the disk ran full. The version before the current one is kept
for processes that loaded it and read its index later; older ones, and what killed imports left,
go at the next start or import (:func:`clean`). A data folder from before versions
(``taxonomy.npz`` at the top) is read as it is until an import replaces it.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from koers.taxonomy import npz_file
from koers.taxonomy.snapshot import SNAPSHOT_NAME, SnapshotError

MANIFEST = "current.json"
FORMAT = "koers-data/1"
VERSION_PREFIX = "kb-"
INCOMING_PREFIX = ".incoming-"
# The files of a data folder from before versions (a fixed list: that layout no longer changes);
# "." stands for them as the previous version.
LEGACY = "."
LEGACY_FILES = (SNAPSHOT_NAME, "title-index.npz", "transition-features.npz")


@dataclass(frozen=True, slots=True)
class Manifest:
    version: str
    previous: str


def _read_manifest(data_dir: Path) -> Manifest | None:
    path = data_dir / MANIFEST
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise SnapshotError(f"cannot read {path}: {exc}; import the ESCO data again") from exc
    if (
        not isinstance(document, dict)
        or document.get("format") != FORMAT
        or not _is_version(document.get("version"))
    ):
        raise SnapshotError(
            f"{path} is not a Koers manifest of format {FORMAT!r}: import the ESCO data again"
        )
    previous = document.get("previous")
    known = _is_version(previous) or previous == LEGACY
    return Manifest(document["version"], str(previous) if known else "")


def _is_version(name: object) -> bool:
    return isinstance(name, str) and name.startswith(VERSION_PREFIX) and "/" not in name


def current_dir(data_dir: Path) -> Path:
    """The folder of the current import: the version ``current.json`` names, else ``data_dir``."""
    manifest = _read_manifest(data_dir)
    return data_dir if manifest is None else data_dir / manifest.version


def publish(data_dir: Path, write: Callable[[Path], None]) -> Path:
    """Write a whole import with ``write(folder)``, then make it current at once; its folder.

    When ``write`` raises, the disk is full or read-only (:class:`npz_file.WriteError`, naming the
    file) or the process is killed, the current import stays as it was.
    """
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    version = data_dir / f"{VERSION_PREFIX}{stamp}-{secrets.token_hex(3)}"
    with npz_file.reporting(data_dir):
        data_dir.mkdir(parents=True, exist_ok=True)
    # Writing holds the data folder shared, so that no clean-up removes what is being written.
    with npz_file.reporting(data_dir), npz_file.folder_lock(data_dir):
        incoming = Path(tempfile.mkdtemp(prefix=INCOMING_PREFIX, dir=data_dir))
        try:
            with npz_file.reporting(incoming):
                incoming.chmod(0o755)
            write(incoming)
            with npz_file.reporting(version):
                npz_file.sync_folder(incoming)
                incoming.rename(version)
        except BaseException:
            shutil.rmtree(incoming, ignore_errors=True)
            raise
        try:
            _switch(data_dir, version.name)
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            raise
    clean(data_dir)
    return version


def _switch(data_dir: Path, version: str) -> None:
    try:
        manifest = _read_manifest(data_dir)
    except SnapshotError:
        manifest = None
    if manifest is not None:
        previous = manifest.version
    else:
        previous = LEGACY if (data_dir / SNAPSHOT_NAME).exists() else ""
    document = {"format": FORMAT, "version": version, "previous": previous}
    blob = json.dumps(document, indent=1).encode("utf-8") + b"\n"
    npz_file.replace_atomically(data_dir / MANIFEST, lambda out: out.write(blob))
    with npz_file.reporting(data_dir):
        npz_file.sync_folder(data_dir)


def clean(data_dir: Path) -> None:
    """Remove what killed imports left and every version but the current and previous one.

    Never waits and never fails: while anyone writes, or where the folder is read-only or
    unreadable, it leaves everything for the next time.
    """
    try:
        with npz_file.folder_lock(data_dir, exclusive=True) as alone:
            if not alone:
                return
            manifest = _read_manifest(data_dir)
            keep = {LEGACY} if manifest is None else {manifest.version, manifest.previous}
            for entry in data_dir.iterdir():
                old_version = entry.name.startswith(VERSION_PREFIX) and entry.name not in keep
                if (old_version or entry.name.startswith(INCOMING_PREFIX)) and entry.is_dir():
                    shutil.rmtree(entry)
                elif LEGACY not in keep and entry.name in LEGACY_FILES:
                    entry.unlink()
            npz_file.remove_temporaries(data_dir)
    except (OSError, SnapshotError):
        return
    for name in keep - {LEGACY, ""}:
        with (
            contextlib.suppress(OSError),
            npz_file.folder_lock(data_dir / name, exclusive=True) as alone,
        ):
            if alone:
                npz_file.remove_temporaries(data_dir / name)
