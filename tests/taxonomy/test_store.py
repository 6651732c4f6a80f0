"""The data folder holds one whole import, old or new, whenever an import is killed or fails."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from koers import config, knowledge
from koers.taxonomy import SnapshotError, Taxonomy, import_esco, npz_file, save_snapshot, store
from koers.taxonomy.npz_file import WriteError, folder_lock
from koers.taxonomy.search import TitleIndex, load_title_index
from koers.transitions import load_features
from koers.transitions.features import OccupationFeatures
from tests.conftest import mini_inputs

ROOT = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def fresh_knowledge() -> Iterator[None]:
    knowledge.forget()
    yield
    knowledge.forget()


@pytest.fixture(scope="module")
def english_only() -> Taxonomy:
    """Another import than the fixtures' one: without the Dutch labels."""
    taxonomy, _ = import_esco(mini_inputs()[:2])
    return taxonomy


def _files(folder: Path) -> dict[str, bytes]:
    files = (p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def _dutch_search_works() -> bool:
    knowledge.forget()
    found = knowledge.title_index().search("kapster", language="nl", limit=1)
    return bool(found) and "nl" in knowledge.taxonomy().info()["languages"]


def _fail(*args: object, **kwargs: object) -> None:
    raise RuntimeError("killed")


@pytest.mark.parametrize(
    ("owner", "name"),
    [
        (knowledge, "save_snapshot"),
        (TitleIndex, "save"),
        (OccupationFeatures, "save"),
        (npz_file, "sync_folder"),
        (store, "_switch"),
    ],
)
def test_it_keeps_the_old_import_whole_when_an_import_stops_at_any_stage(
    imported_data_dir: Path,
    english_only: Taxonomy,
    monkeypatch: pytest.MonkeyPatch,
    owner: object,
    name: str,
) -> None:
    before = _files(imported_data_dir)
    with monkeypatch.context() as patch, pytest.raises(RuntimeError, match="killed"):
        patch.setattr(owner, name, _fail)
        knowledge.save(english_only)
    assert _files(imported_data_dir) == before
    assert _dutch_search_works()


@pytest.mark.parametrize("stage", ["features", "manifest"])
def test_it_keeps_the_old_import_when_the_process_is_killed_and_cleans_up_at_the_next_start(
    imported_data_dir: Path, stage: str
) -> None:
    before = config.snapshot_path().read_bytes()
    script = textwrap.dedent(
        f"""
        import os
        from koers import knowledge
        from koers.taxonomy import import_esco, npz_file
        from koers.transitions.features import OccupationFeatures
        from tests.conftest import mini_inputs

        def killed(*args, **kwargs):
            os._exit(9)

        replace = npz_file.replace_atomically

        def replace_then_die(path, write, **kwargs):
            if path.name != "current.json":
                return replace(path, write, **kwargs)
            # Half the manifest is on disk when the process dies.
            return replace(path, lambda out: (out.write(b'{{"format"'), out.flush(), killed()))

        if {stage!r} == "features":
            OccupationFeatures.save = killed
        else:
            npz_file.replace_atomically = replace_then_die
        taxonomy, _ = import_esco(mini_inputs()[:2])
        knowledge.save(taxonomy)
        """
    )
    environment = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, check=False)
    assert done.returncode == 9
    left = [p.name for p in imported_data_dir.iterdir()]
    if stage == "features":
        assert any(name.startswith(".incoming-") for name in left)
    else:
        assert any(name.startswith(".current.json.") for name in left)
        assert len([name for name in left if name.startswith("kb-")]) == 2
    assert config.snapshot_path().read_bytes() == before
    assert _dutch_search_works()
    assert sorted(p.name for p in imported_data_dir.iterdir()) == [
        "current.json",
        config.snapshot_path().parent.name,
    ]


def test_stray_temporary_files_go_at_the_next_start(imported_data_dir: Path) -> None:
    current = config.snapshot_path().parent
    (imported_data_dir / ".incoming-x1y2").mkdir()
    (imported_data_dir / ".incoming-x1y2" / "taxonomy.npz").write_bytes(b"half")
    (imported_data_dir / ".current.json.abc.tmp").write_text('{"form', "utf-8")
    # An older Koers's temporary file: removed once an hour old, its writer took no lock.
    (imported_data_dir / ".taxonomy-young.npz").write_bytes(b"being written")
    (imported_data_dir / ".taxonomy-old1.npz").write_bytes(b"left by a killed import")
    os.utime(imported_data_dir / ".taxonomy-old1.npz", (0, 0))
    (imported_data_dir / "kb-20200101T000000-aaaaaa").mkdir()
    (current / ".title-index.npz.q1.tmp").write_bytes(b"half an index")
    (imported_data_dir / "secret-key").write_text("not ours to remove", "utf-8")
    knowledge.folder()
    assert sorted(p.name for p in imported_data_dir.iterdir()) == [
        ".taxonomy-young.npz",
        "current.json",
        current.name,
        "secret-key",
    ]
    assert sorted(p.name for p in current.iterdir()) == [
        "taxonomy.npz",
        "title-index.npz",
        "transition-features.npz",
    ]


def test_the_clean_up_leaves_what_a_living_import_is_writing(imported_data_dir: Path) -> None:
    incoming = imported_data_dir / ".incoming-busy"
    incoming.mkdir()
    with folder_lock(imported_data_dir) as locked:
        assert locked
        store.clean(imported_data_dir)
    assert incoming.exists()
    store.clean(imported_data_dir)
    assert not incoming.exists()


def test_a_process_reads_every_file_from_the_import_it_started_with(
    imported_data_dir: Path, english_only: Taxonomy, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = knowledge.taxonomy()
    published = store.publish(
        imported_data_dir,
        lambda target: save_snapshot(english_only, target / "taxonomy.npz"),
    )
    assert config.snapshot_path().parent == published
    # Loaded now, the index comes from the old import's folder, not built again.
    monkeypatch.setattr(TitleIndex, "fit", _fail)
    assert knowledge.title_index().build_id_ == old.build_id
    assert knowledge.title_index().search("kapster", language="nl", limit=1)


def test_an_import_keeps_the_previous_one_and_removes_older_ones(
    data_dir: Path, mini_taxonomy: Taxonomy, english_only: Taxonomy
) -> None:
    first = knowledge.save(mini_taxonomy)
    second = knowledge.save(english_only)
    assert {p.name for p in data_dir.iterdir()} == {"current.json", first.name, second.name}
    third = knowledge.save(mini_taxonomy)
    assert {p.name for p in data_dir.iterdir()} == {"current.json", second.name, third.name}
    manifest = json.loads((data_dir / "current.json").read_text("utf-8"))
    assert manifest == {"format": store.FORMAT, "version": third.name, "previous": second.name}


def test_a_data_folder_from_before_versions_is_read_and_then_replaced(
    data_dir: Path, mini_taxonomy: Taxonomy, english_only: Taxonomy
) -> None:
    data_dir.mkdir()
    save_snapshot(mini_taxonomy, data_dir / "taxonomy.npz")
    load_title_index(mini_taxonomy, cache_dir=data_dir)
    load_features(mini_taxonomy, cache_dir=data_dir)
    (data_dir / "db.sqlite3").write_bytes(b"the workspace")
    assert _dutch_search_works()
    first = knowledge.save(english_only)
    # The old files stay while processes that loaded them may still read their index.
    assert (data_dir / "title-index.npz").exists()
    assert "nl" not in knowledge.taxonomy().info()["languages"]
    second = knowledge.save(mini_taxonomy)
    assert {p.name for p in data_dir.iterdir()} == {
        "current.json",
        "db.sqlite3",
        first.name,
        second.name,
    }
    assert _dutch_search_works()


def test_a_damaged_manifest_is_a_clear_error(imported_data_dir: Path) -> None:
    (imported_data_dir / "current.json").write_text('{"version": "../../etc"}', "utf-8")
    with pytest.raises(SnapshotError, match="import the ESCO data again"):
        knowledge.taxonomy()


@pytest.mark.parametrize(
    "name", ["taxonomy.npz", "title-index.npz", "transition-features.npz", "current.json"]
)
def test_a_full_disk_names_the_file_and_keeps_the_old_import(
    imported_data_dir: Path,
    english_only: Taxonomy,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    before = _files(imported_data_dir)
    make_temporary = tempfile.mkstemp

    def full(*, prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        if prefix == f".{name}.":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return make_temporary(prefix=prefix, suffix=suffix, dir=dir)

    with monkeypatch.context() as patch, pytest.raises(WriteError) as failure:
        patch.setattr(tempfile, "mkstemp", full)
        knowledge.save(english_only)
    assert failure.value.path.name == name
    assert f"cannot write {failure.value.path}: No space left on device (" in str(failure.value)
    assert ("MB needed" in str(failure.value)) == (name != "current.json")
    assert "MB free" in str(failure.value)
    assert _files(imported_data_dir) == before
    assert _dutch_search_works()


def test_a_write_failure_while_saving_a_cache_only_costs_the_next_start_a_build(
    mini_taxonomy: Taxonomy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(np, "savez", full)
    index = load_title_index(mini_taxonomy, cache_dir=tmp_path)
    assert index.search("kapster", language="nl", limit=1)
    assert list(tmp_path.iterdir()) == []


def test_an_unchanged_taxonomy_can_be_published_twice(
    data_dir: Path, mini_taxonomy: Taxonomy
) -> None:
    again = dataclasses.replace(mini_taxonomy)
    assert knowledge.save(mini_taxonomy) != knowledge.save(again)
    assert _dutch_search_works()
