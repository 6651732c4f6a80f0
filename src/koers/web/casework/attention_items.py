"""The lines of a section of "Aandacht nodig", written in Python (decision 0009).

Each line is a link, the reason's words and its day in the page's language, how late, and for a
team lead the coach; through the template a page of 60 lines cost a quarter of its time.
"""

from __future__ import annotations

from django.template.defaultfilters import time
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.timezone import localtime
from django.utils.translation import gettext

from koers.web.casework.attention import Row, Why
from koers.web.common.template_builtins import date, link

ITEM = '<li><a href="{}">{}</a> · {}{}{}{}</li>\n'


def attention_items(rows: list[Row], *, team: bool) -> SafeString:
    """The ``<li>`` of each listed client; ``team``: a team lead's page, which names the coach."""
    return format_html_join(
        "",
        ITEM,
        (
            (
                link("casework:client", client.pk),
                client.name,
                f"{why.words} " if why.words and (why.day or why.moment) else why.words,
                _when(why),
                format_html(" · <strong>{}</strong>", why.lateness) if why.late_days else "",
                format_html(" · <small>{}</small>", client.coach_name) if team else "",
            )
            for client, why in rows
        ),
    )


def _when(why: Why) -> str:
    """The day or moment it is about, with the year only when it is not this year's."""
    day_format = "SHORT_DATE_FORMAT" if why.other_year else "MONTH_DAY_FORMAT"
    if why.moment:
        moment = localtime(why.moment)
        return f"{date(moment, day_format)} {time(moment, 'TIME_FORMAT')}"
    if why.day:
        return date(why.day, day_format)
    if why.last_reached:
        return date(localtime(why.last_reached), "SHORT_DATE_FORMAT")
    if why.never_reached:
        return gettext("never")
    return ""
