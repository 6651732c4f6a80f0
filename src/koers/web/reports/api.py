"""Reports in the API, for a personal token: the same JSON as ``koers report --format json``,
opened and audited through the same access functions as the report pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from koers.web.api.auth import TokenAuth, user_of
from koers.web.api.problems import WORKSPACE_ERRORS
from koers.web.reports.access import open_party_report, open_report
from koers.web.reports.party import party_json
from koers.web.reports.period import PeriodError, parse_period
from koers.web.reports.queries import NOT_REACHED_DAYS
from koers.web.reports.report import as_json

router = Router(tags=["reports"], auth=TokenAuth())


class ReportQuery(Schema):
    period: str = Field(..., description="A month as 2026-11 or a quarter as 2026-Q4.")
    team: str = Field("", description="Team leads: their own team; admins: any team.")
    opdrachtgever: int | None = Field(
        None, description="Admins: the report for one commissioning party."
    )
    days: int = Field(NOT_REACHED_DAYS, ge=1, le=365, description="'Not reached' after days.")


class ReportOut(Schema):
    """One key per section (clients, reach, not_reached, pauses, trajecten, budget, training,
    plans), plus the period and the scope; a party's report fills ``named`` and
    ``agreements`` (null otherwise). docs/reports.md says what each figure counts."""

    period: dict[str, str]
    scope: dict[str, str]
    clients: dict[str, Any]
    reach: dict[str, Any]
    not_reached: dict[str, Any]
    pauses: dict[str, Any]
    trajecten: dict[str, Any]
    budget: dict[str, Any]
    training: dict[str, Any]
    plans: dict[str, Any]
    named: list[dict[str, Any]] | None = None
    agreements: list[dict[str, Any]] | None = None

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "period": {
                        "code": "2026-11",
                        "kind": "month",
                        "starts": "2026-11-01",
                        "ends": "2026-11-30",
                    },
                    "scope": {"kind": "team", "name": "Noord"},
                    "clients": {"by_situation": [{"key": "lost_job", "count": 12}]},
                    "reach": {"tried": 40, "reached": 31},
                    "not_reached": {"days": 30, "count": 4},
                    "pauses": {"started": 2, "ended": 1},
                    "trajecten": {"started": 3, "closed": 1},
                    "budget": {"per_opdrachtgever": [], "per_traject": []},
                    "training": {"by_status": []},
                    "plans": {"agreed": 3},
                }
            ]
        },
    )


@router.get(
    "/reports",
    response={200: ReportOut, **WORKSPACE_ERRORS},
    operation_id="get_report",
    summary="The report for a month or a quarter: your caseload, your team, or a party's",
)
def get_report(request: HttpRequest, query: Query[ReportQuery]) -> dict[str, Any]:
    """A coach gets her caseload, a team lead her team, an admin the organisation, a team or
    (with ``opdrachtgever``) one commissioning party's report; anything else is 403."""
    user = user_of(request)
    with translation.override("en"):
        try:
            period = parse_period(query.period)
        except PeriodError as error:
            raise ValidationError({"period": str(error)}) from None
        if query.opdrachtgever is not None:
            party = open_party_report(
                user, period, query.opdrachtgever, not_reached_days=query.days
            )
            return party_json(party)
        return as_json(open_report(user, period, team=query.team, not_reached_days=query.days))
