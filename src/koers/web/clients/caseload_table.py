"""The caseload's table rows, written in Python (docs/decisions/0009-rows-in-python.md).

A page shows 50 rows of six cells; through the template each row cost some 200 µs (Django
resolves every ``{{ client.x }}`` by trying it as a key first, then as an attribute, then
localises and escapes it), half of the page. Django's admin writes its change list rows the
same way (``items_for_result``). The table's head and everything around it stay in
``clients/caseload.html``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.timezone import localtime
from django.utils.translation import gettext

from koers.web.clients.models import Client
from koers.web.common.template_builtins import date, link

ROW = (
    '<tr>\n<th scope="row"><a href="{}">{}</a>{}</th>\n<td>{}</td>\n'
    '<td><span class="urgency urgency-{}">{}</span></td>\n<td>{}</td>\n<td>{}</td>\n{}</tr>\n'
)


def caseload_rows(clients: Iterable[Client], *, show_coach: bool) -> SafeString:
    """The ``<tr>`` of each client: name and employer, situation, urgency, last contact (the
    ``last_contact`` annotation of ``filtered_caseload``), phone, and the coach if asked."""
    never = gettext("never")
    return format_html_join("", ROW, (_cells(client, show_coach, never) for client in clients))


def _cells(client: Client, show_coach: bool, never: str) -> tuple[object, ...]:
    """What goes into one ROW, in its order."""
    last_contact = client.last_contact  # type: ignore[attr-defined]
    return (
        link("casework:client", client.pk),
        client.name,
        format_html("<br><small>{}</small>", client.employer) if client.employer else "",
        client.get_situation_display(),
        client.urgency,
        client.get_urgency_display(),
        date(localtime(last_contact), "DATE_FORMAT") if last_contact else never,
        format_html('<a href="tel:{}">{}</a>', client.phone, client.phone) if client.phone else "",
        format_html("<td>{}</td>\n", client.coach.display_name) if show_coach else "",
    )
