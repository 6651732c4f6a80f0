from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from koers.taxonomy import SnapshotError, Taxonomy, load_snapshot, save_snapshot


def test_a_snapshot_loads_back_the_same_knowledge_base(
    mini_taxonomy: Taxonomy, tmp_path: Path
) -> None:
    path = tmp_path / "taxonomy.npz"
    save_snapshot(mini_taxonomy, path)
    loaded = load_snapshot(path)
    assert loaded.info() == mini_taxonomy.info()
    assert loaded.build_id == mini_taxonomy.build_id
    assert loaded.occupations[0].texts == mini_taxonomy.occupations[0].texts
    assert np.array_equal(loaded.occupation_skill_skill, mini_taxonomy.occupation_skill_skill)


def test_a_missing_snapshot_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(SnapshotError, match="koers taxonomy import"):
        load_snapshot(tmp_path / "nothing.npz")


def test_a_damaged_snapshot_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.npz"
    path.write_bytes(b"not a snapshot")
    with pytest.raises(SnapshotError, match="cannot read"):
        load_snapshot(path)


def test_saving_leaves_no_temporary_files(mini_taxonomy: Taxonomy, tmp_path: Path) -> None:
    save_snapshot(mini_taxonomy, tmp_path / "taxonomy.npz")
    save_snapshot(mini_taxonomy, tmp_path / "taxonomy.npz")
    assert [p.name for p in tmp_path.iterdir()] == ["taxonomy.npz"]


def test_an_interrupted_write_keeps_the_previous_snapshot(
    mini_taxonomy: Taxonomy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "taxonomy.npz"
    save_snapshot(mini_taxonomy, path)
    before = path.read_bytes()

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_snapshot(mini_taxonomy, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["taxonomy.npz"]
