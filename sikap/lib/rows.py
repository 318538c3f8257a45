"""Model instances from one hand-written SELECT, with the ORM's own value conversions.

For the few reads on the public form's hot path: the ORM compiles a `select_related` query anew on every
request, which costs more CPU than the database spends answering it. Such a read writes its SQL once per
process from `Columns.select` and builds its objects with `Columns.build`; the conversions (dates, JSON,
booleans and UUIDs on SQLite) are the ones the ORM would apply, taken from the same fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
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


def insert(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]], returning: str = ""
) -> list[tuple[Any, ...]]:
    """Plain rows (values as the database takes them) inserted by multi-row INSERTs with no model
    instances; with `returning` (a column list), the rows it returns. Same SQL on SQLite and PostgreSQL."""
    if not rows:
        return []
    q = connection.ops.quote_name
    head = f"INSERT INTO {q(model._meta.db_table)} ({', '.join(q(c) for c in columns)}) VALUES "  # noqa: S608
    tail = f" RETURNING {', '.join(q(c.strip()) for c in returning.split(','))}" if returning else ""
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    step, found = max(1, MAX_PARAMETERS // len(columns)), []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            cursor.execute(head + ", ".join([one] * len(chunk)) + tail, [v for row in chunk for v in row])
            if returning:
                found.extend(cursor.fetchall())
    return found
