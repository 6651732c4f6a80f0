"""Caseload CSV import: every row checked first, then all clients created in one go, or none.

The file is the form a coordinator fills in: one header row with the Dutch column names of
``caseload_columns.COLUMNS``, then one client per row. UTF-8 with or without a byte-order mark;
the delimiter (``;`` as Dutch spreadsheets write it, or ``,``) is read from the header row.
Closed lists accept the code or the label (English or Dutch), in any case. Problems are
reported as (row, column, message) with the row number a spreadsheet shows (header = 1).
Reading and checking is in ``caseload_rows``, likely duplicates in ``caseload_duplicates``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet

from koers.web.accounts.models import User
from koers.web.accounts.permissions import can_work_with_clients
from koers.web.accounts.queries import coaches_of
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients.actions import create_client, create_traject
from koers.web.clients.caseload_columns import BY_HEADER, COLUMNS
from koers.web.clients.caseload_duplicates import likely_duplicates
from koers.web.clients.caseload_rows import CaseloadRow, read_caseload
from koers.web.clients.inputs import as_client_values, as_traject_values
from koers.web.clients.models import Client
from koers.web.common.csv_files import Problem, problems_of


class CaseloadError(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the caseload file")
        self.problems = list(problems)


def assignable_coaches(user: User) -> QuerySet[User]:
    """Whose caseload ``user`` may import into: a coach their own, a team lead the team's."""
    if not can_work_with_clients(user):
        return User.objects.none()
    if user.is_teamlead:
        return coaches_of(user.led_team_id) | User.objects.filter(pk=user.pk)
    return User.objects.filter(pk=user.pk)


@transaction.atomic
def import_caseload(
    *, by: User, coach: User, data: bytes, allow_duplicates: bool = False
) -> list[Client]:
    """Create every client of a checked file for ``coach``, or none (:class:`CaseloadError`).

    Likely duplicates, within the file or of a client already in the caseloads ``by`` imports
    into, are refused unless ``allow_duplicates``.
    """
    scope = assignable_coaches(by)
    if not scope.filter(pk=coach.pk).exists():
        raise PermissionDenied("this user may not import clients for this coach")
    caseload = read_caseload(data)
    if not caseload.ok:
        raise CaseloadError(caseload.problems)
    if not allow_duplicates:
        existing = Client.objects.filter(coach__in=scope, erased_at__isnull=True)
        duplicates = likely_duplicates(caseload.rows, existing)
        if duplicates:
            raise CaseloadError(duplicates)
    clients = _create(by=by, coach=coach, rows=caseload.rows)
    record(
        by=by,
        action=AuditAction.CLIENTS_IMPORTED,
        fields=(BY_HEADER[header].field for header in caseload.headers),
        detail=f"{len(clients)} clients for {coach.username}",
    )
    return clients


def _create(*, by: User, coach: User, rows: Iterable[CaseloadRow]) -> list[Client]:
    clients = []
    for row in rows:
        try:
            client = create_client(by=by, coach=coach, values=as_client_values(row.client))
            if row.traject is not None:
                create_traject(by=by, client=client, values=as_traject_values(row.traject))
        except ValidationError as error:
            # Checked above; only a change made meanwhile (a party renamed) gets here.
            raise CaseloadError(
                problems_of(row.row, error, {c.field: c.header for c in COLUMNS})
            ) from None
        clients.append(client)
    return clients
