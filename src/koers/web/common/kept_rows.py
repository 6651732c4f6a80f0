"""One row by its primary key (with one related row, as ``select_related(related).get(pk=…)``
gives them), read through a kept query (decision 0010): the signed-in user, and the client or
round a page opens, are read on every request, and compiling that read cost more than running
it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model

from koers.web.common.kept_queries import KeptQuery

M = TypeVar("M", bound=Model)


def model_columns(model: type[Model]) -> list[str]:
    """A row's columns in the order ``Model.from_db`` takes them for the whole row."""
    return [field.attname for field in model._meta.concrete_fields]


def kept_row(model: type[M], *, related: str | None = None) -> Callable[[int], M | None]:
    """A reader of ``model`` rows by primary key, each with its ``related`` (a foreign key that
    is never null) in place when one is named; None when no row has that key."""
    related_model: type[Model] | None = None
    related_columns: list[str] = []
    if related is not None:
        found = model._meta.get_field(related).related_model
        assert isinstance(found, type) and issubclass(found, Model)
        related_model, related_columns = found, model_columns(found)
    columns = model_columns(model)
    query = KeptQuery(
        lambda pk: model._default_manager.filter(pk=pk).values_list(
            *columns, *(f"{related}__{column}" for column in related_columns)
        )
    )

    def read(pk: int) -> M | None:
        rows = query(int(pk))
        if not rows:
            return None
        values = rows[0]
        row = model.from_db(DEFAULT_DB_ALIAS, columns, values[: len(columns)])
        if related is not None and related_model is not None:
            joined = related_model.from_db(
                DEFAULT_DB_ALIAS, related_columns, values[len(columns) :]
            )
            setattr(row, related, joined)
        return row

    return read
