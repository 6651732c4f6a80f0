"""CSV files to download, opened correctly by spreadsheet programs."""

from __future__ import annotations

from django.http import HttpResponse

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_attachment(filename: str, text: str = "") -> HttpResponse:
    """An attachment starting with a byte-order mark, so that Excel reads it as UTF-8."""
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def text_cell(value: str) -> str:
    """Text for a spreadsheet cell that it shows, never runs as a formula."""
    return f"'{value}" if value.startswith(FORMULA_START) else value
