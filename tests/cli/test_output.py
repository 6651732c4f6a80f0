"""Output helpers: an error ends the command, with the exit code of its kind."""

from __future__ import annotations

import pytest
import typer

from koers.cli.output import fail


def test_it_prints_the_error_and_ends_the_command_with_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(typer.Exit) as ended:
        fail("cannot read batch.txt")
    assert ended.value.exit_code == 1
    assert capsys.readouterr().err == "Error: cannot read batch.txt\n"


def test_it_ends_a_usage_error_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as ended:
        fail("give either a QUERY or --batch FILE", code=2)
    assert ended.value.exit_code == 2
    assert capsys.readouterr().err == "Error: give either a QUERY or --batch FILE\n"
