"""A report on A4 as a PDF, made on the server as the career plan's PDF is (WeasyPrint)."""

from __future__ import annotations

from django.template.loader import render_to_string

from koers.web.reports.period import Period
from koers.web.reports.tables import Section


def report_pdf(*, title: str, period: Period, sections: list[Section]) -> bytes:
    """The sections with their charts and tables, in the active language."""
    # Imported here: WeasyPrint and its fonts take a second to load, and only this needs them.
    from weasyprint import HTML

    html = render_to_string(
        "reports/report_pdf.html", {"title": title, "period": period, "sections": sections}
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
