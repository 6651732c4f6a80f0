"""Rows as model objects read through kept queries (decision 0010): one row by its key, with
one related row, as ``select_related(related).get(pk=…)`` gives it (the signed-in user, and
the client or round a page opens, are read on every request); the rows that belong to one
parent, in their model's order, as a prefetch gives them (a career plan's parts); and the
objects of any fixed query (the course catalogue, a client's timeline). Compiling those reads
cost more than running them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS
from django.db.models import ForeignKey, Model, QuerySet

from koers.web.common.kept_queries import KeptQuery

M = TypeVar("M", bound=Model)

# A related row to read with each row: a foreign key's name, for all of its columns, or the
# name and the columns to read (its key is always read), as ``only("by__first_name")`` reads.
Related = str | tuple[str, Sequence[str]]


def model_columns(model: type[Model]) -> list[str]:
    """A row's columns in the order ``Model.from_db`` takes them for the whole row."""
    return [field.attname for field in model._meta.concrete_fields]


def _foreign_key(model: type[Model], name: str) -> ForeignKey[Any, Any]:
    field = model._meta.get_field(name)
    assert isinstance(field, ForeignKey), f"{model.__name__}.{name} is not a foreign key"
    return field


class _Rows:
    """The columns to read of ``model`` and of its ``related`` rows, and the objects made of
    one row of them: each related row in its place, None where its key is null."""

    def __init__(
        self, model: type[Model], related: Sequence[Related] = (), leave_out: Sequence[str] = ()
    ) -> None:
        self.model = model
        self.columns = [column for column in model_columns(model) if column not in leave_out]
        self.joins: list[tuple[ForeignKey[Any, Any], list[str]]] = []
        names = list(self.columns)
        for item in related:
            name, wanted = (item, None) if isinstance(item, str) else item
            field = _foreign_key(model, name)
            other: type[Model] = field.related_model  # type: ignore[assignment]
            # In the model's own column order, which Model.from_db takes for a part of a row.
            joined = [
                column
                for column in model_columns(other)
                if wanted is None or column in wanted or column == other._meta.pk.attname
            ]
            self.joins.append((field, joined))
            names += [f"{name}__{column}" for column in joined]
        self.names = names

    def made(self, values: Sequence[Any]) -> Any:
        end = len(self.columns)
        row = self.model.from_db(DEFAULT_DB_ALIAS, self.columns, values[:end])
        for field, joined in self.joins:
            start, end = end, end + len(joined)
            key = getattr(row, field.attname)
            related = field.related_model
            field.set_cached_value(
                row,
                None
                if key is None
                else related.from_db(DEFAULT_DB_ALIAS, joined, values[start:end]),  # type: ignore[union-attr]
            )
        return row


def kept_models(
    model: type[M],
    build: Callable[..., QuerySet[M]],
    *,
    related: Sequence[Related] = (),
    leave_out: Sequence[str] = (),
) -> Callable[..., list[M]]:
    """A reader of the ``model`` objects that ``build(*values)`` (a filtered and ordered query
    of ``model``) gives, through a kept query of their columns: each with its ``related`` rows
    in place (foreign keys; None where null; only the named columns of a related row, others
    deferred, as ``only()`` leaves them), the ``leave_out`` columns deferred, as ``defer()``
    leaves them."""
    rows = _Rows(model, related, leave_out)
    query = KeptQuery(lambda *values: build(*values).values_list(*rows.names))

    def read(*values: Any) -> list[M]:
        return [rows.made(found) for found in query(*values)]

    return read


def kept_rows_of(
    model: type[M], parent: str, *, related: Sequence[Related] = ()
) -> Callable[[int], list[M]]:
    """A reader of the ``model`` rows whose ``parent`` (a lookup that ends in an id, such as
    ``plan_id`` or ``direction__plan_id``) has the given value, in the model's own order, each
    with its ``related`` rows in place."""
    read = kept_models(
        model, lambda value: model._default_manager.filter(**{parent: value}), related=related
    )
    return lambda value: read(int(value))


def kept_row(
    model: type[M], *, related: str | None = None, key: str = "pk"
) -> Callable[[int], M | None]:
    """A reader of the ``model`` row whose ``key`` (a unique column) has the given value, with
    its ``related`` row in place when one is named; None when no row has that key."""
    read = kept_rows_of(model, key, related=[related] if related else [])

    def first(value: int) -> M | None:
        found = read(value)
        return found[0] if found else None

    return first


def as_prefetched(owner: Model, name: str, rows: Iterable[Model]) -> None:
    """Give ``owner``'s reverse relation ``name`` (``plan.skills``) these rows, as
    ``prefetch_related(name)`` does: ``owner.<name>.all()`` then reads no more, and each row's
    foreign key back to ``owner`` is ``owner`` itself.

    Django keeps no public way to hand it rows read otherwise; this fills the cache its own
    prefetch fills (``prefetch_one_level``), and the whole suite checks the pages read through it.
    """
    manager = getattr(owner, name)
    found = list(rows)
    back = _foreign_key(manager.model, manager.field.name)
    for row in found:
        back.set_cached_value(row, owner)
    cached = manager.get_queryset()
    cached._result_cache = found
    cached._prefetch_done = True
    if not hasattr(owner, "_prefetched_objects_cache"):
        owner._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    owner._prefetched_objects_cache[manager.field.remote_field.cache_name] = cached  # type: ignore[attr-defined]


def as_prefetched_each(owners: Iterable[Model], name: str, rows: Iterable[Model]) -> None:
    """``as_prefetched`` for each of ``owners`` (of one model): its own of ``rows``, those whose
    foreign key back to it holds its key (the learning steps of each direction of a plan, read
    at once)."""
    owners = list(owners)
    if not owners:
        return
    key = getattr(owners[0], name).field.attname
    grouped: defaultdict[Any, list[Model]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    for owner in owners:
        as_prefetched(owner, name, grouped[owner.pk])
