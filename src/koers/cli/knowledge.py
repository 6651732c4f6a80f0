"""The knowledge base, search index and transition ranker of this process, loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import typer

from koers import config
from koers.cli.output import fail, note
from koers.taxonomy import SnapshotError, Taxonomy, load_snapshot
from koers.taxonomy.lookup import LabelLookupError, find_occupation
from koers.taxonomy.model import Occupation
from koers.taxonomy.search import TitleIndex, load_title_index
from koers.taxonomy.vitality import VitalityError, VitalityMap, default_path
from koers.transitions import TransitionRanker


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


@cache
def vitality_map() -> VitalityMap:
    """The vitality mapping: KOERS_VITALITY_FILE, else the one that ships with Koers."""
    path: Path = default_path()
    try:
        return VitalityMap.load(path)
    except (OSError, VitalityError) as exc:
        fail(f"cannot read the vitality mapping {path}: {exc}")
        raise typer.Exit(1) from None


@cache
def ranker() -> TransitionRanker:
    return TransitionRanker().fit(taxonomy(), vitality=vitality_map(), cache_dir=config.data_dir())


def occupation(text: str, language: str) -> Occupation:
    """The occupation meant by a URI or title; exit 1 naming the problem if there is none."""
    try:
        found, exact = find_occupation(taxonomy(), title_index(), text, language=language)
    except LabelLookupError as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    if not exact:
        note(f"'{text}' is no exact label; using the best match: {found.label(language)}")
    return found
