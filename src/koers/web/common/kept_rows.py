"""One row by its primary key, with one related row, as ``select_related(related).get(pk=…)``
gives them, read through a kept query (decision 0010): the pages that open a client or a
round do so on every request, and compiling that join cost more than running it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model

from koers.web.common.kept_queries import KeptQuery

M = TypeVar("M", bound=Model)


def _columns(model: type[Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def kept_row_with(model: type[M], related: str) -> Callable[[int], M | None]:
    """A reader of ``model`` rows by primary key, each with its ``related`` (a foreign key that
    is never null) in place; None when no row has that key."""
    related_model = model._meta.get_field(related).related_model
    assert isinstance(related_model, type) and issubclass(related_model, Model)
    columns, related_columns = _columns(model), _columns(related_model)
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
        joined = related_model.from_db(DEFAULT_DB_ALIAS, related_columns, values[len(columns) :])
        setattr(row, related, joined)
        return row

    return read
