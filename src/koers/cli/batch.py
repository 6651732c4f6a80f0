"""Batch files: one query per line, read as UTF-8, every fault named by file and line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from koers.cli.output import fail


def lines(path: Path) -> Iterator[str]:
    """The lines of ``path`` ('-' is standard input) without their line ends.

    A file that cannot be read, or a line that is not UTF-8, ends the command with exit 1 and
    one line naming the file and the line; what earlier lines printed stays valid.
    """
    name = "standard input" if str(path) == "-" else str(path)
    try:
        handle = sys.stdin.buffer if str(path) == "-" else path.open("rb")
    except OSError as exc:
        fail(f"cannot read {name}: {exc.strerror or exc}")
    number = 0
    with handle:
        while True:
            try:
                raw = handle.readline()
            except OSError as exc:
                fail(f"{name}:{number + 1}: cannot read: {exc.strerror or exc}")
            if not raw:
                return
            number += 1
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                fail(
                    f"{name}:{number}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at position "
                    f"{exc.start + 1}); {_answered(number)}"
                )
            yield text.rstrip("\r\n")


def _answered(number: int) -> str:
    if number == 1:
        return "no line was answered"
    return f"lines 1-{number - 1} were answered" if number > 2 else "line 1 was answered"
