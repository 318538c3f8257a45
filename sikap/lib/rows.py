"""Model instances from one hand-written SELECT, with the ORM's own value conversions.

For the few reads on the public form's hot path: the ORM compiles a `select_related` query anew on every
request, which costs more CPU than the database spends answering it. Such a read writes its SQL once per
process from `Columns.select` and builds its objects with `Columns.build`; the conversions (dates, JSON,
booleans and UUIDs on SQLite) are the ones the ORM would apply, taken from the same fields.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache, cached_property
from typing import Any

from django.db import connection, models

Converter = Callable[[Any, Any, Any], Any]


class Columns:
    """All concrete columns of `model` under a table alias, as one slice of a SELECT's row."""

    def __init__(self, model: type[models.Model], alias: str) -> None:
        self.model, self.alias = model, alias
        self.fields = tuple(model._meta.concrete_fields)
        self.names = tuple(f.attname for f in self.fields)

    @property
    def table(self) -> str:
        """`"table" alias`, for a FROM or JOIN clause."""
        return f"{connection.ops.quote_name(self.model._meta.db_table)} {self.alias}"

    def select(self) -> str:
        """The SELECT list of this model's columns (in `build`'s order)."""
        return ", ".join(f"{self.alias}.{connection.ops.quote_name(f.column)}" for f in self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    @cached_property
    def _converters(self) -> tuple[tuple[int, tuple[Converter, ...], Any], ...]:
        # As the ORM's compiler: the backend's converters of the column, then the field's own.
        found = []
        for index, field in enumerate(self.fields):
            col = field.get_col(self.alias)
            converters = (*connection.ops.get_db_converters(col), *field.get_db_converters(connection))  # type: ignore[attr-defined]
            if converters:
                found.append((index, tuple(converters), col))
        return tuple(found)

    def build(self, values: Sequence[Any]) -> Any:
        """The instance from this model's slice of a row (None for the key means a LEFT JOIN missed)."""
        values = list(values)
        for index, converters, col in self._converters:
            for convert in converters:
                values[index] = convert(values[index], col, connection)
        return self.model.from_db(connection.alias, self.names, values)


def relate(instance: models.Model, name: str, related: models.Model | None) -> None:
    """Set a foreign key's cached object, as `select_related` does."""
    field = instance._meta.get_field(name)
    assert isinstance(field, models.ForeignKey)
    field.set_cached_value(instance, related)


MAX_PARAMETERS = 30_000  # per statement; SQLite allows 32,766, PostgreSQL 65,535


def source(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[tuple[str, list[Any]]]:
    """`rows` as the source of an INSERT into `model`'s `columns`: (SQL, parameters) per statement.

    PostgreSQL reads them from one JSON parameter (`json_populate_recordset` with the table's own row
    type, so every value takes its column's type): psycopg then dumps one string, not every value, and
    the text of the statement is the same whatever the number of rows. SQLite gets a VALUES list, in
    chunks under its bound-parameter limit. Values are ints, strings, booleans and None.
    """
    q = connection.ops.quote_name
    names = ", ".join(q(c) for c in columns)
    if connection.vendor == "postgresql":
        table = q(model._meta.db_table)
        sql = f"SELECT {names} FROM json_populate_recordset(NULL::{table}, %s)"  # noqa: S608
        return [(sql, [json.dumps([dict(zip(columns, row, strict=True)) for row in rows])])]
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    step = max(1, MAX_PARAMETERS // len(columns))
    return [
        (
            "VALUES " + ", ".join([one] * len(rows[start : start + step])),
            [v for row in rows[start : start + step] for v in row],
        )
        for start in range(0, len(rows), step)
    ]


def insert(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]], returning: str = ""
) -> list[tuple[Any, ...]]:
    """Plain rows inserted with no model instances (`source`); with `returning` (a column list), the
    rows it returns."""
    if not rows:
        return []
    q = connection.ops.quote_name
    head = f"INSERT INTO {q(model._meta.db_table)} ({', '.join(q(c) for c in columns)}) "
    tail = f" RETURNING {', '.join(q(c.strip()) for c in returning.split(','))}" if returning else ""
    found = []
    with connection.cursor() as cursor:
        for sql, params in source(model, columns, rows):
            cursor.execute(head + sql + tail, params)
            if returning:
                found.extend(cursor.fetchall())
    return found


def save_new(instance: models.Model) -> None:
    """`instance.save()` of a new row, as one INSERT whose text is written once per process; the values
    are prepared by the fields as the ORM prepares them (`pre_save`, `get_db_prep_save`). It sends no
    model signals: the models saved this way have no receivers (the house keeps rules out of signals)."""
    sql, fields = _insert_sql(type(instance), connection.vendor)
    values = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        (instance.pk,) = cursor.fetchone()
    instance._state.adding, instance._state.db = False, connection.alias


@cache
def _insert_sql(model: type[models.Model], vendor: str) -> tuple[str, tuple[models.Field, ...]]:
    q = connection.ops.quote_name
    pk = model._meta.pk
    assert pk is not None
    fields = tuple(f for f in model._meta.concrete_fields if f is not pk)
    columns = ", ".join(q(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = (
        f"INSERT INTO {q(model._meta.db_table)} ({columns}) VALUES ({placeholders}) RETURNING {q(pk.column)}"  # noqa: S608
    )
    return sql, fields
