"""Errors and warnings of an ESCO import, each naming file, row and column."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class ImportMessage:
    """One finding. ``row`` counts like a spreadsheet: the header is row 1, 0 means the file."""

    file: str
    row: int
    column: str
    message: str
    kind: str = ""

    def as_dict(self) -> dict[str, str | int]:
        data: dict[str, str | int] = asdict(self)
        del data["kind"]
        return data

    def __str__(self) -> str:
        where = self.file
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    """What an import found: errors stop it, warnings are counted, notices inform."""

    errors: list[ImportMessage] = field(default_factory=list)
    warnings: list[ImportMessage] = field(default_factory=list)
    notices: list[ImportMessage] = field(default_factory=list)

    def error(self, file: str, row: int, column: str, message: str, kind: str = "") -> None:
        self.errors.append(ImportMessage(file, row, column, message, kind or "error"))

    def warn(self, file: str, row: int, column: str, message: str, kind: str) -> None:
        self.warnings.append(ImportMessage(file, row, column, message, kind))

    def notice(self, file: str, message: str) -> None:
        self.notices.append(ImportMessage(file, 0, "", message, "notice"))

    def warning_counts(self) -> Counter[str]:
        return Counter(w.kind for w in self.warnings)


class EscoImportError(Exception):
    """An import that cannot go on; the previous knowledge base stays as it was."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        first = report.errors[0] if report.errors else "unknown error"
        more = len(report.errors) - 1
        super().__init__(f"{first}" + (f" (and {more} more errors)" if more > 0 else ""))
