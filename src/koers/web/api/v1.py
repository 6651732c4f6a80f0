"""The one NinjaAPI, mounted at /api/v1/: the engine (public) and the workspace (tokens)."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI, Swagger
from ninja.openapi.schema import OpenAPISchema

from koers.web.api import engine, problems
from koers.web.casework import api as casework
from koers.web.clients import api as clients
from koers.web.plans import api as plans
from koers.web.reports import api as reports
from koers.web.rounds import api as rounds
from koers.web.training import api as training


class KoersAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        """The schema, with errors documented as what they are: application/problem+json."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {problems.MEDIA_TYPE: content["application/json"]}
        return schema


api = KoersAPI(
    title="Koers API",
    version="1.0",
    description=(
        "Search, occupations, next steps and gaps without an account; the caseload with a "
        "personal token (`koers tokens create`), sent as `Authorization: Bearer <token>`. "
        "Errors are `application/problem+json` (RFC 9457)."
    ),
    urls_namespace="api-v1",
    docs=Swagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
problems.add_handlers(api)
api.add_router("", engine.router)
api.add_router("", clients.router)
api.add_router("", rounds.router)
api.add_router("", casework.router)
api.add_router("", training.router)
api.add_router("", plans.router)
api.add_router("", reports.router)
