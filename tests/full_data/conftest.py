"""The full ESCO data (KOERS_ESCO_DIR): found once, imported once for every full-data test."""

from __future__ import annotations

from pathlib import Path

import pytest

from koers.taxonomy import ImportReport, Taxonomy, import_esco
from koers.taxonomy.search import TitleIndex
from tests.conftest import esco_dir

ESCO = esco_dir()
# Every module here starts with `pytestmark = NEEDS_FULL_DATA`.
NEEDS_FULL_DATA = [
    pytest.mark.full_data,
    pytest.mark.skipif(
        ESCO is None,
        reason="full ESCO data not found: set KOERS_ESCO_DIR to the folder that holds "
        "esco-v1.1.1-en-tabiya, esco-v1.2.1-nl-richting and esco-v1.2.1-nl-skill-labels",
    ),
]


def full_inputs(root: Path) -> list[Path]:
    tabiya = root / "esco-v1.1.1-en-tabiya"
    return [
        tabiya / "ESCO dataset - v1.1.1 - classification - en - csv.zip",
        tabiya / "ESCO dataset - v1.1.1 - classification -  - csv.zip",
        root / "esco-v1.2.1-nl-richting",
        root / "esco-v1.2.1-nl-skill-labels",
    ]


@pytest.fixture(scope="session")
def full_import() -> tuple[Taxonomy, ImportReport]:
    """The checked import of the full data, as `make setup` imports it (over a minute: once)."""
    assert ESCO is not None
    return import_esco(full_inputs(ESCO))


@pytest.fixture(scope="session")
def full_taxonomy(full_import: tuple[Taxonomy, ImportReport]) -> Taxonomy:
    return full_import[0]


@pytest.fixture(scope="session")
def full_index(full_taxonomy: Taxonomy) -> TitleIndex:
    return TitleIndex().fit(full_taxonomy)
