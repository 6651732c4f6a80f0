"""Web tests: the imported fixtures as the knowledge base, static files without a manifest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

from koers import knowledge


@pytest.fixture(autouse=True)
def plain_static_files(settings: Settings) -> None:
    settings.STORAGES = {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


@pytest.fixture(autouse=True)
def explorer_knowledge(imported_data_dir: Path) -> Iterator[Path]:
    knowledge.forget()
    yield imported_data_dir
    knowledge.forget()
