"""CSV files to download, opened correctly by spreadsheet programs."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from django.http import HttpResponse

if TYPE_CHECKING:
    from _csv import Writer

    from _typeshed import SupportsWrite

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_attachment(filename: str, text: str = "") -> HttpResponse:
    """An attachment starting with a byte-order mark, so that Excel reads it as UTF-8."""
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_writer(out: SupportsWrite[str]) -> Writer:
    """A CSV writer for a table people open in a spreadsheet program."""
    # ";": Dutch spreadsheet programs split on it (the comma is their decimal separator).
    return csv.writer(out, delimiter=";", lineterminator="\r\n")


def text_cell(value: str) -> str:
    """Text for a spreadsheet cell that it shows, never runs as a formula."""
    return f"'{value}" if value.startswith(FORMULA_START) else value
