"""``koers search --batch`` as scripts run it: a real process, a file or a pipe, started fast."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def _environment(data_dir: Path) -> dict[str, str]:
    environment = dict(os.environ, KOERS_DATA_DIR=str(data_dir), KOERS_DEBUG="1")
    environment["PYTHONPATH"] = os.pathsep.join([str(SRC), environment.get("PYTHONPATH", "")])
    return environment


def test_it_answers_a_pipe_line_by_line_while_the_writer_waits_for_each_answer(
    imported_data_dir: Path,
) -> None:
    command = "from koers.cli.main import main; main()"
    with subprocess.Popen(
        [sys.executable, "-c", command, "search", "--batch", "-", "--lang", "nl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=_environment(imported_data_dir),
        text=True,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        for query, label in (("kapster", "kapper"), ("kok", "kok")):
            process.stdin.write(query + "\n")
            process.stdin.flush()
            # The answer comes before the next line is written (a hang fails the test run).
            answer = json.loads(process.stdout.readline())
            assert (answer["query"], answer["results"][0]["label"]) == (query, label)
        process.stdin.close()
        assert process.wait(timeout=60) == 0


def test_it_answers_a_file_larger_than_one_batch_in_order(
    imported_data_dir: Path, tmp_path: Path
) -> None:
    queries = ["kapster", "kok", "", "xqzwv", "hairdresser"] * 30
    batch = tmp_path / "queries.txt"
    batch.write_text("\n".join(queries), encoding="utf-8")  # the last line has no line end
    command = "from koers.cli.main import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", command, "search", "--batch", str(batch), "--json"],
        capture_output=True,
        env=_environment(imported_data_dir),
        text=True,
        check=True,
    )
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [answer["query"] for answer in answers] == queries
    assert answers[-5]["results"][0]["label"] == "kapper"


@pytest.mark.parametrize("heavy", ["django", "scipy", "rapidfuzz", "koers.transitions"])
def test_a_job_title_search_starts_without_what_it_does_not_need(
    imported_data_dir: Path, tmp_path: Path, heavy: str
) -> None:
    batch = tmp_path / "queries.txt"
    batch.write_text("kapster\n", encoding="utf-8")
    command = (
        "import sys; from koers.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print({heavy!r} in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", command, "search", "--batch", str(batch), "--json"],
        capture_output=True,
        env=_environment(imported_data_dir),
        text=True,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "False"
