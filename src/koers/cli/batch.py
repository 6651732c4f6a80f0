"""Batch files: one query per line, read as UTF-8, every fault named by file and line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from koers.cli.output import fail

_READ_SIZE = 1 << 16


def lines(path: Path) -> Iterator[str]:
    """The lines of ``path`` ('-' is standard input) without their line ends.

    A file that cannot be read, or a line that is not UTF-8, ends the command with exit 1 and
    one line naming the file and the line; what earlier lines printed stays valid.
    """
    for chunk in chunks(path, size=1):
        yield from chunk


def chunks(path: Path, *, size: int) -> Iterator[list[str]]:
    """The lines of ``path`` as :func:`lines` gives them, in lists of at most ``size``.

    A list holds only lines that have already arrived: a program that writes one line to a
    pipe and waits for its answer gets it, while a file is answered ``size`` lines at a time.
    On a fault, the lines before it are given first, then the command ends as :func:`lines`
    says.
    """
    name = "standard input" if str(path) == "-" else str(path)
    try:
        handle = _stdin() if str(path) == "-" else path.open("rb", buffering=0)
    except OSError as exc:
        fail(f"cannot read {name}: {exc.strerror or exc}")
    number = 0
    pending: list[str] = []
    with handle:
        arriving = _raw_lines(handle)
        while True:
            try:
                raw, more = next(arriving)
            except StopIteration:
                break
            except OSError as exc:
                if pending:
                    yield pending
                fail(f"{name}:{number + 1}: cannot read: {exc.strerror or exc}")
            number += 1
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                if pending:
                    yield pending
                fail(
                    f"{name}:{number}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at position "
                    f"{exc.start + 1}); {_answered(number)}"
                )
            pending.append(text.rstrip("\r\n"))
            if len(pending) >= size or not more:
                yield pending
                pending = []


def _stdin() -> BinaryIO:
    # Unbuffered, so that a read returns what has arrived and we know when to answer; an
    # in-memory stand-in (tests) has no descriptor and has all its lines at once.
    try:
        descriptor = sys.stdin.fileno()
    except (OSError, ValueError):
        return sys.stdin.buffer
    return open(descriptor, "rb", buffering=0, closefd=False)


def _raw_lines(handle: BinaryIO) -> Iterator[tuple[bytes, bool]]:
    """Each line with its line end, and whether another whole line has already arrived."""
    buffer = b""
    while True:
        data = handle.read(_READ_SIZE)
        if not data:
            if buffer:
                yield buffer, False
            return
        buffer += data
        start = 0
        end = buffer.find(b"\n") + 1
        while end:
            following = buffer.find(b"\n", end) + 1
            yield buffer[start:end], bool(following)
            start, end = end, following
        buffer = buffer[start:]


def _answered(number: int) -> str:
    if number == 1:
        return "no line was answered"
    return f"lines 1-{number - 1} were answered" if number > 2 else "line 1 was answered"
