"""The knowledge base and search index of this process, loaded once."""

from __future__ import annotations

from functools import cache

import typer

from koers import config
from koers.cli.output import fail
from koers.taxonomy import SnapshotError, Taxonomy, load_snapshot
from koers.taxonomy.search import TitleIndex, load_title_index


@cache
def taxonomy() -> Taxonomy:
    """The knowledge base in KOERS_DATA_DIR; exit 1 with a clear message if there is none."""
    try:
        return load_snapshot(config.snapshot_path())
    except SnapshotError as exc:
        fail(str(exc))
        raise typer.Exit(1) from None


@cache
def title_index() -> TitleIndex:
    return load_title_index(taxonomy(), cache_dir=config.data_dir())
