"""Shared fixtures: the hand-made ESCO packages and a knowledge base built from them."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from koers import knowledge
from koers.taxonomy import Taxonomy, import_esco
from koers.taxonomy.search import TitleIndex

MINI = Path(__file__).parent / "fixtures" / "esco-mini"
EN = "ESCO dataset - v1.1.1 - classification - en - csv"
RELATIONS = "ESCO dataset - v1.1.1 - classification -  - csv"
NL = "esco-v1.2.1-nl"
NL_SKILL_LABELS = "esco-v1.2.1-nl-skill-labels"


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((MINI / "expected.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def esco_mini(tmp_path: Path) -> Path:
    """A writable copy of the hand-made ESCO packages (three folders)."""
    target = tmp_path / "esco-mini"
    shutil.copytree(MINI, target)
    return target


def mini_inputs(root: Path = MINI) -> list[Path]:
    return [root / EN, root / RELATIONS, root / NL]


def with_skill_labels(root: Path = MINI) -> list[Path]:
    """The fixtures plus the labels-only file of Dutch skill names, as ``make setup`` reads them."""
    return [*mini_inputs(root), root / NL_SKILL_LABELS]


def zip_folder(folder: Path, target: Path) -> Path:
    """Zip a folder's CSV files the way the ESCO portal ships them: files at the top."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return target


@pytest.fixture(scope="session")
def mini_taxonomy() -> Taxonomy:
    taxonomy, _ = import_esco(mini_inputs())
    return taxonomy


@pytest.fixture(scope="session")
def mini_index(mini_taxonomy: Taxonomy) -> TitleIndex:
    return TitleIndex().fit(mini_taxonomy)


@pytest.fixture(autouse=True)
def hermetic_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings of the machine (for example exported by make) never leak into a test."""
    for name in (
        "KOERS_DATA_DIR",
        "KOERS_ONET_DIR",
        "KOERS_VITALITY_FILE",
        "KOERS_CLOSED_WORK_FILE",
        "KOERS_REQUIREMENTS_FILE",
        "KOERS_PLAIN_LANGUAGE_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    # What an earlier test loaded came from its own KOERS_DATA_DIR: a command that reads the
    # knowledge base (the course import checks skills against it) must read this test's.
    knowledge.forget()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty KOERS_DATA_DIR for this test."""
    path = tmp_path / "koers-data"
    monkeypatch.setenv("KOERS_DATA_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def mini_data_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the fixtures imported and every index built, made once."""
    path = tmp_path_factory.mktemp("mini-data")
    taxonomy, _ = import_esco(mini_inputs())
    knowledge.save(taxonomy, path)
    return path


@pytest.fixture
def imported_data_dir(data_dir: Path, mini_data_template: Path) -> Path:
    """KOERS_DATA_DIR holding the imported fixtures (a copy: tests may change it)."""
    shutil.copytree(mini_data_template, data_dir)
    return data_dir


def esco_dir() -> Path | None:
    """The full ESCO data (KOERS_ESCO_DIR, default ../shared/data), if it is here."""
    path = Path(os.environ.get("KOERS_ESCO_DIR", "../shared/data"))
    en = path / "esco-v1.1.1-en-tabiya"
    return path if en.is_dir() else None
