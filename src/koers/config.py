"""Where Koers keeps and finds its data, from environment variables with documented defaults."""

from __future__ import annotations

import os
from pathlib import Path

from koers.taxonomy import store
from koers.taxonomy.snapshot import SNAPSHOT_NAME


def data_dir() -> Path:
    """``KOERS_DATA_DIR``, else ``$XDG_DATA_HOME/koers`` (``~/.local/share/koers``)."""
    configured = os.environ.get("KOERS_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "koers"


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/koers`` (``~/.cache/koers``): what Koers can make again, kept to start
    faster (the sentence encoder, unpacked)."""
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "koers"


def snapshot_path() -> Path:
    """The knowledge base file of the current import (see :mod:`koers.taxonomy.store`)."""
    return store.current_dir(data_dir()) / SNAPSHOT_NAME


def esco_dir() -> Path:
    """``KOERS_ESCO_DIR``: the folder of ESCO downloads, by default ``../shared/data``."""
    return Path(os.environ.get("KOERS_ESCO_DIR", "../shared/data")).expanduser()


def onet_paths() -> list[Path]:
    """``KOERS_ONET_DIR``: O*NET folders and the crosswalk, separated like PATH; may be empty."""
    value = os.environ.get("KOERS_ONET_DIR", "")
    return [Path(part).expanduser() for part in value.split(os.pathsep) if part]
