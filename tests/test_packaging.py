"""The wheel ships every file the code reads from the package folder (.ci/installed-wheel serves
the installed wheel; this finds a new data file that the package-data patterns miss)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src"
# Sources of what ships, not read at run time: the .mo files are compiled from the .po files.
NOT_SHIPPED = {".py", ".pyc", ".po"}


def shipped_data_files() -> set[Path]:
    """The files that setuptools' package-data patterns in pyproject.toml put into the wheel."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    packages = [init.parent for init in (SRC / "koers").rglob("__init__.py")]
    shipped: set[Path] = set()
    for name, globs in patterns.items():
        folders = packages if name == "*" else [SRC.joinpath(*name.split("."))]
        for folder in folders:
            for pattern in globs:
                shipped.update(path for path in folder.glob(pattern) if path.is_file())
    return shipped


def test_it_ships_every_template_static_file_translation_and_data_file() -> None:
    data_files = {
        path
        for path in (SRC / "koers").rglob("*")
        if path.is_file() and path.suffix not in NOT_SHIPPED and "__pycache__" not in path.parts
    }
    assert any(path.suffix == ".mo" for path in data_files)
    assert sorted(data_files - shipped_data_files()) == []
