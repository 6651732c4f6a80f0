"""Faults at the command line: full and read-only disks, bad batch files, usage errors."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from koers import config
from koers.cli.main import main
from tests.cli.test_commands import koers
from tests.conftest import mini_inputs
from tests.transitions.test_ranker import COOK

FILES = ["taxonomy.npz", "title-index.npz", "transition-features.npz", "current.json"]


def _knowledge_files(data_dir: Path) -> dict[str, bytes]:
    files = (p for p in data_dir.rglob("*") if p.is_file())
    return {p.relative_to(data_dir).as_posix(): p.read_bytes() for p in files}


@contextlib.contextmanager
def full_at(name: str) -> Iterator[None]:
    """The disk runs full when Koers starts writing ``name``."""
    make_temporary = tempfile.mkstemp

    def full(*, prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        if prefix == f".{name}.":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return make_temporary(prefix=prefix, suffix=suffix, dir=dir)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "mkstemp", full)
        yield


@pytest.mark.parametrize("name", FILES)
def test_it_says_which_file_did_not_fit_on_a_full_disk_and_keeps_the_old_knowledge_base(
    imported_data_dir: Path, name: str
) -> None:
    before = _knowledge_files(imported_data_dir)
    with full_at(name):
        code, out, err = koers("taxonomy", "import", *map(str, mini_inputs()[:2]))
    assert code == 1
    assert "Saved" not in out
    (line,) = err.strip().splitlines()
    assert line.startswith(f"Error: cannot write {imported_data_dir}")
    assert f"{name}: No space left on device (" in line
    assert "the previous knowledge base is unchanged" in line
    assert "Traceback" not in err
    assert _knowledge_files(imported_data_dir) == before
    code, out, _ = koers("search", "kapster", "--lang", "nl", "--json")
    assert code == 0 and json.loads(out)["results"]


def test_a_full_disk_is_an_error_in_the_json_report_too(imported_data_dir: Path) -> None:
    with full_at("title-index.npz"):
        code, out, _ = koers("taxonomy", "import", "--json", *map(str, mini_inputs()))
    assert code == 1
    result = json.loads(out)
    assert result["ok"] is False
    (error,) = result["errors"]
    assert error["file"].endswith("title-index.npz")
    assert "No space left on device" in error["message"]


def test_a_read_only_data_folder_is_one_clear_line(
    imported_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _knowledge_files(imported_data_dir)

    def read_only(**kwargs: object) -> str:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(kwargs["dir"]))

    with monkeypatch.context() as patch:
        patch.setattr(tempfile, "mkdtemp", read_only)
        code, _, err = koers("taxonomy", "import", *map(str, mini_inputs()))
    assert code == 1
    assert err.strip() == (
        f"Error: cannot write {imported_data_dir}: Read-only file system; "
        "the previous knowledge base is unchanged."
    )
    assert _knowledge_files(imported_data_dir) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in read-only folders")
def test_a_folder_without_write_permission_is_one_clear_line(imported_data_dir: Path) -> None:
    imported_data_dir.chmod(0o555)
    try:
        code, _, err = koers("taxonomy", "import", *map(str, mini_inputs()))
    finally:
        imported_data_dir.chmod(0o755)
    assert code == 1
    assert "Permission denied" in err and len(err.strip().splitlines()) == 1


def test_a_data_folder_that_cannot_be_made_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("KOERS_DATA_DIR", str(blocker / "koers"))
    code, _, err = koers("taxonomy", "import", *map(str, mini_inputs()))
    assert code == 1
    assert err.strip().startswith(f"Error: cannot write {blocker / 'koers'}: Not a directory")
    assert "Traceback" not in err


def test_an_import_switches_all_files_at_once(imported_data_dir: Path) -> None:
    old = config.snapshot_path().parent
    code, out, _ = koers("taxonomy", "import", *map(str, mini_inputs()[:2]))
    assert code == 0
    new = config.snapshot_path().parent
    assert new != old
    assert "Saved the knowledge base to" in out
    assert new.name in "".join(out.split())
    assert sorted(p.name for p in new.iterdir()) == [
        "taxonomy.npz",
        "title-index.npz",
        "transition-features.npz",
    ]


@pytest.mark.parametrize(
    ("command", "first"), [("search", "kapster"), ("transitions", COOK)], ids=["search", "ranks"]
)
def test_a_batch_line_that_is_not_utf8_is_named_after_the_lines_before_it_are_answered(
    imported_data_dir: Path, tmp_path: Path, command: str, first: str
) -> None:
    batch = tmp_path / "batch.txt"
    batch.write_bytes(first.encode("utf-8") + b"\nkapst\xe9r\nkok\n")
    code, out, err = koers(command, "--batch", str(batch), "--json")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert err.strip() == (
        f"Error: {batch}:2: not UTF-8 text (byte 0xe9 at position 6); line 1 was answered"
    )


@pytest.mark.parametrize("command", ["search", "transitions"])
def test_a_missing_batch_file_or_a_folder_is_one_clear_line(
    imported_data_dir: Path, tmp_path: Path, command: str
) -> None:
    missing = tmp_path / "nothing.txt"
    code, out, err = koers(command, "--batch", str(missing))
    assert (code, out) == (1, "")
    assert err.strip() == f"Error: cannot read {missing}: No such file or directory"
    code, out, err = koers(command, "--batch", str(tmp_path))
    assert (code, out) == (1, "")
    assert err.strip() == f"Error: cannot read {tmp_path}: Is a directory"


@pytest.mark.parametrize(
    "args",
    [
        ("search", ""),
        ("search", "   "),
        ("occupation", " "),
        ("transitions", ""),
        ("gap", "kok", "\t"),
        ("gap", "", "kok"),
    ],
)
def test_an_empty_query_is_a_usage_error(imported_data_dir: Path, args: tuple[str, ...]) -> None:
    code, out, err = koers(*args)
    assert code == 2
    assert "must not be empty" in err
    assert "No occupation found" not in out


def test_usage_errors_exit_2_and_failures_exit_1(imported_data_dir: Path) -> None:
    assert koers("search", "kapster", "--limit", "0")[0] == 2
    assert koers("transitions", "kok", "--limit", "1000")[0] == 2
    assert koers("search")[0] == 2
    assert koers("occupation", "xqzwv-nothing")[0] == 1


def test_an_unexpected_disk_fault_is_one_line_and_exit_1_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("KOERS_DATA_DIR", str(blocker / "koers"))
    monkeypatch.setattr(sys, "argv", ["koers", "serve"])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 1
    assert capsys.readouterr().err.strip() == f"Error: {blocker / 'koers'}: Not a directory"


@pytest.mark.parametrize("content", [None, "occupations = [", '[[occupations]]\nuri = "x"\n'])
def test_a_broken_plain_language_file_is_one_clear_line_for_the_search(
    imported_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | None
) -> None:
    plain = tmp_path / "plain.toml"
    if content is not None:
        plain.write_text(content, "utf-8")
    monkeypatch.setenv("KOERS_PLAIN_LANGUAGE_FILE", str(plain))
    code, _, err = koers("search", "kapster")
    assert code == 1
    (line,) = err.strip().splitlines()
    assert line.startswith("Error: cannot read the plain-language file (KOERS_PLAIN_LANGUAGE_FILE)")
    assert "Traceback" not in err
