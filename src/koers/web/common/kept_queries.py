"""Reads whose SQL Django compiles once per process, then runs with each call's values.

Building and compiling a query costs Django 1 to 3 ms of Python, most of a small read's time:
the call screen's six reads spent 19 ms in the ORM for 3 ms of SQL (decision 0010). A
``KeptQuery`` is a function from plain values (ints, strings, dates, aware datetimes) to a
``values_list`` query. The first call compiles it with stand-in values, finds where each one
went among the SQL's parameters (and how the database wanted it: a date as text on SQLite),
and keeps the SQL; later calls put their values in those places and run it, turning the rows
into values with Django's own converters, as ``values_list`` does.

A value the SQL does not carry as itself (in a LIKE pattern, say) is refused when compiling,
as are lists (their length changes the SQL) and None (it becomes IS NULL). What changes the
SQL itself (a LIMIT, a filter left out) goes in as a keyword, a *shape*: each shape compiles
once. A different number of values compiles apart too. With the setting
``KOERS_CHECK_KEPT_QUERIES`` (on in the tests) every call also compiles afresh and checks that
it gives the same SQL and parameters.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.db.models.query import FlatValuesListIterable, ValuesListIterable

Row = TypeVar("Row")
Value = int | str | datetime.date | datetime.datetime


def _same(value: Any, connection: BaseDatabaseWrapper) -> Any:
    return value


def _as_date(value: Any, connection: BaseDatabaseWrapper) -> Any:
    return connection.ops.adapt_datefield_value(value)


def _as_datetime(value: Any, connection: BaseDatabaseWrapper) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


Adapter = Callable[[Any, BaseDatabaseWrapper], Any]


def _adapters(kind: type) -> tuple[Adapter, ...]:
    """The ways Django may have handed a value of this kind to the database."""
    if issubclass(kind, datetime.datetime):
        return (_same, _as_datetime)
    if issubclass(kind, datetime.date):
        return (_same, _as_date)
    return (_same,)


@dataclass(frozen=True, slots=True)
class _Compiled:
    alias: str
    sql: str
    # Per parameter: (index of the caller's value, how to hand it over), or (None, the
    # parameter itself, fixed in the query).
    params: tuple[tuple[int | None, Any], ...]
    columns: tuple[Any, ...]
    row: Callable[[tuple[Any, ...]], Any] | None


class KeptQuery(Generic[Row]):
    """``build(*values, **shape)`` gives the query; ``KeptQuery(build)(*values, **shape)`` its
    rows, as a list. A shape is a few hashable keywords (``limit=26``), never a caller's data."""

    def __init__(self, build: Callable[..., QuerySet[Any, Row]]) -> None:
        self.build = build
        self._compiled: dict[tuple[Any, ...], _Compiled] = {}

    def __call__(self, *values: Value, **shape: int | bool | str) -> list[Row]:
        kinds = tuple(type(value) for value in values)
        key = (kinds, *sorted(shape.items()))
        compiled = self._compiled.get(key)
        if compiled is None:
            stand_ins = _stand_ins(kinds)
            compiled = self._compiled[key] = _compile(self.build(*stand_ins, **shape), stand_ins)
        connection = connections[compiled.alias]
        params = [
            fixed if index is None else fixed(values[index], connection)
            for index, fixed in compiled.params
        ]
        if settings.KOERS_CHECK_KEPT_QUERIES:
            _check(self.build(*values, **shape), compiled, params)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        converted = _converted(rows, compiled.columns, connection)
        return list(map(compiled.row, converted)) if compiled.row else converted


def _stand_ins(kinds: tuple[type, ...]) -> list[Value]:
    """Values no query holds by chance, one per position, of each position's kind."""
    found: list[Value] = []
    for position, kind in enumerate(kinds):
        if issubclass(kind, datetime.datetime):
            found.append(datetime.datetime(1001 + position, 2, 3, 4, 5, 6, tzinfo=datetime.UTC))
        elif issubclass(kind, datetime.date):
            found.append(datetime.date(1001 + position, 2, 3))
        elif issubclass(kind, int) and not issubclass(kind, bool):
            found.append(7_000_000_000_001 + position)
        elif issubclass(kind, str):
            found.append(f"\x00kept query value {position}\x00")
        else:
            raise TypeError(f"a kept query takes ints, strings, dates and datetimes, not {kind}")
    return found


def _compile(query: QuerySet[Any, Any], stand_ins: list[Value]) -> _Compiled:
    iterable = query._iterable_class
    if iterable not in (ValuesListIterable, FlatValuesListIterable):
        raise TypeError("a kept query is a values_list() query")
    alias = str(query.db)
    connection = connections[alias]
    compiler = query.query.get_compiler(using=alias)
    sql, compiled_params = compiler.as_sql()
    params: list[tuple[int | None, Any]] = []
    for param in compiled_params:
        source = _source(param, stand_ins, connection)
        params.append(source if source is not None else (None, param))
    placed = {index for index, _adapter in params if index is not None}
    missing = sorted(set(range(len(stand_ins))) - placed)
    if missing:
        raise ValueError(f"values {missing} are not among the query's parameters as such")
    columns = tuple(column for column, _sql, _alias in compiler.select[: compiler.col_count])
    return _Compiled(alias, sql, tuple(params), columns, _row_of(query))


def _source(
    param: Any, stand_ins: list[Value], connection: BaseDatabaseWrapper
) -> tuple[int, Adapter] | None:
    """Which of the stand-ins this parameter is, and how it was handed over; None: neither."""
    for index, stand_in in enumerate(stand_ins):
        for adapter in _adapters(type(stand_in)):
            given = adapter(stand_in, connection)
            if type(param) is type(given) and param == given:
                return index, adapter
    return None


def _row_of(query: QuerySet[Any, Any]) -> Callable[[tuple[Any, ...]], Any] | None:
    """What values_list makes of a row: the row (its columns come in the asked order), or for
    ``flat=True`` its one value."""
    return operator.itemgetter(0) if query._iterable_class is FlatValuesListIterable else None


def _converted(
    rows: list[tuple[Any, ...]], columns: tuple[Any, ...], connection: BaseDatabaseWrapper
) -> list[Any]:
    """The rows with each column's database converters applied, as ``get_converters`` does."""
    converters = []
    for position, column in enumerate(columns):
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((position, found, column))
    if not converters:
        return [tuple(row) for row in rows]
    converted = []
    for row in rows:
        values = list(row)
        for position, found, column in converters:
            value = values[position]
            for converter in found:
                value = converter(value, column, connection)
            values[position] = value
        converted.append(tuple(values))
    return converted


def _check(query: QuerySet[Any, Any], compiled: _Compiled, params: list[Any]) -> None:
    fresh_sql, fresh_params = query.query.get_compiler(using=compiled.alias).as_sql()
    if (fresh_sql, list(fresh_params)) != (compiled.sql, params):
        raise AssertionError(
            f"a kept query differs from a fresh compile:\n{compiled.sql}\n{params}\n!=\n"
            f"{fresh_sql}\n{list(fresh_params)}"
        )
