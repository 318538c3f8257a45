"""The CSV export on PostgreSQL: one `COPY (SELECT ...) TO STDOUT` that pivots, formats and streams.

The same rows as `Rows.chunks` + `csv.writer` (module `csv`; a test reads both back and compares them), but
the database pivots the answers (one `MAX(...) FILTER` per column over each submission's responses) and
writes the CSV itself, so Python only passes blocks of bytes on: about twice the rows per second of the
Python path, in constant memory on both sides (PostgreSQL streams COPY output as it produces it).
Differences in the bytes only: PostgreSQL ends lines with LF (Python's writer with CRLF), and it quotes
the same fields (delimiter, quote, CR or LF inside).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import connection

from sikap.instruments.models import Field
from sikap.lib.spreadsheet import safe_cell, sql_safe
from sikap.organisation.models import Service, Unit
from sikap.reports.exports.rows import NA_CODE, Layout, Rows
from sikap.responses import profile
from sikap.responses.models import Answer, Response, Submission

BLOCK = 256 * 1024  # bytes handed on at a time (COPY sends a message per row)


def copy_csv(export: Rows) -> Iterator[bytes]:
    """The export's CSV body (no header), in blocks of about `BLOCK` bytes; sets `export.rows`."""
    sql, params = _select(export)
    pending: list[bytes] = []
    size = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no COPY
        with raw.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params) as copy:
            for data in copy:
                pending.append(bytes(data))
                size += len(data)
                if size >= BLOCK:
                    yield b"".join(pending)
                    pending, size = [], 0
        export.rows = max(raw.rowcount, 0)
    if pending:
        yield b"".join(pending)


def _select(export: Rows) -> tuple[str, list[Any]]:
    """The rows of `Rows.chunks` as one SELECT, in the layout's column order, oldest submission first."""
    q = connection.ops.quote_name
    t = {m: q(m._meta.db_table) for m in (Submission, Response, Answer, Unit, Service)}
    scope, layout = export.scope, export.layout
    # Public submissions only: `Rows.internal_chunks` writes the internal ones after them.
    params: list[Any] = [
        scope.period.pk,
        scope.unit.path + "%",
        list(scope.statuses),
        Submission.Channel.INTERNAL,
    ]
    # Every text cell defused as the Python writer's `safe_row` does (`sql_safe`, the same rule in SQL):
    # a leading apostrophe keeps a spreadsheet from running a hostile unit or service name or free text.
    columns = [
        "row_number() OVER (ORDER BY s.id)",
        sql_safe("u.code"),
        sql_safe("u.name"),
        sql_safe("sv.name", blank_as_null=True),
        "NULLIF(s.channel, '')",  # a choice of ours, never formula-leading
        "to_char(s.answered_on, 'YYYY-MM-DD')",
        "s.status",
        "CASE WHEN s.verified THEN 1 ELSE 0 END",
        *_profile_columns(layout),
        *(f"p.c{i}" for i in range(len(layout.answer_keys))),
    ]
    if scope.free_text:
        columns += [sql_safe(f"s.{n}", blank_as_null=True) for n in ("suggestion", "complaint")]
    fields = ", ".join(["id, unit_id, service_id, channel, answered_on, status, verified", *layout.stored])
    scoped = f"""
        SELECT {", ".join("s." + f for f in fields.split(", "))}{", s.suggestion, s.complaint" if scope.free_text else ""}
        FROM {t[Submission]} s JOIN {t[Unit]} su ON su.id = s.unit_id
        WHERE s.period_id = %s AND su.path LIKE %s AND s.status = ANY(%s) AND s.channel <> %s"""
    if scope.instrument:  # only submissions that answered it, as `rows.submissions`
        scoped += f"""
          AND EXISTS (SELECT 1 FROM {t[Response]} x WHERE x.submission_id = s.id AND x.version_id = ANY(%s))"""
        params.append(layout.version_ids)
    pivot = ""
    if layout.answer_keys:
        # Element ids written in as integer literals: a plain comparison per answer row and column is
        # several times cheaper than `= ANY(parameter)`.
        aggregates = ", ".join(
            _answer_cell(kind, ids, n, layout.answer_na[n] if n < len(layout.answer_na) else False)
            for n, (kind, ids) in enumerate(layout.answer_keys)
        )
        pivot = f"""
        LEFT JOIN (SELECT r.submission_id, {aggregates}
              FROM {t[Response]} r LEFT JOIN {t[Answer]} a ON a.response_id = r.id
              WHERE r.version_id = ANY(%s) AND r.submission_id IN (SELECT id FROM scoped)
              GROUP BY r.submission_id) p ON p.submission_id = s.id"""
        params.append(layout.version_ids)
    sql = f"""
        WITH scoped AS MATERIALIZED ({scoped})
        SELECT {", ".join(columns)}
        FROM scoped s JOIN {t[Unit]} u ON u.id = s.unit_id LEFT JOIN {t[Service]} sv ON sv.id = s.service_id
        {pivot}
        ORDER BY s.id"""
    return sql, params


def _answer_cell(kind: str, ids: list[int], n: int, na: bool) -> str:
    """One pivoted answer column; where the element allows it, "not applicable" (value NULL) as `NA_CODE`
    like the Python path (the extra aggregate only on those columns: the rest stay as cheap as before)."""
    where = f"FILTER (WHERE a.element_id IN ({', '.join(str(int(i)) for i in ids)}))"
    if kind == "value" and na:
        return (
            f"COALESCE(CAST(MAX(a.value) {where} AS text), "
            f"CASE WHEN bool_or(a.not_applicable) {where} THEN '{NA_CODE}' END) AS c{n}"
        )
    return f"MAX(a.{kind}) {where} AS c{n}"


def _profile_columns(layout: Layout) -> list[str]:
    """The profile cells of `Rows.chunks` in SQL: each field's value, and its band after a banded one;
    text (a choice's stored value too: an instrument's author writes it) defused like the Python path."""
    columns = []
    for spec in layout.profile:
        integer = spec.kind == Field.Kind.INTEGER
        value = profile.sql_value("s", spec.code, "postgresql", integer=integer)
        columns.append(value if integer else sql_safe(value, blank_as_null=True))
        if spec.bands:  # labels are literals: defused here, once
            bands = [(upper, safe_cell(label)) for upper, label in spec.bands]
            columns.append(profile.sql_band(value, bands, "NULL"))
    return columns
