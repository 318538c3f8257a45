"""DuckDB beside the rebuild: the same per-unit element means from the same responses in Parquet."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Any


def duckdb_compare(period: Any, workdir: Path, runs: int) -> dict[str, Any]:
    """Export the period's raw rows, let DuckDB aggregate them, and check its element means against ours."""
    import duckdb
    from django.db import connection
    from django.db.models import F, Sum

    from sikap.indices.models import AnswerTally
    from sikap.responses.models import Answer, Response, Submission

    # Every response in the benchmark database belongs to the period: whole tables, no join in the export.
    exports = {
        "submission": (
            f"SELECT id, unit_id, status FROM {Submission._meta.db_table}",
            "{'id': 'BIGINT', 'unit_id': 'BIGINT', 'status': 'VARCHAR'}",
        ),
        "response": (
            f"SELECT id, submission_id, version_id FROM {Response._meta.db_table}",
            "{'id': 'BIGINT', 'submission_id': 'BIGINT', 'version_id': 'BIGINT'}",
        ),
        "answer": (
            f"SELECT response_id, element_id, value FROM {Answer._meta.db_table}",
            "{'response_id': 'BIGINT', 'element_id': 'BIGINT', 'value': 'SMALLINT'}",
        ),
    }
    figures: dict[str, Any] = {"export_csv_s": 0.0, "csv_to_parquet_s": 0.0, "parquet_bytes": 0}
    duck = duckdb.connect()
    duck.execute(f"SET threads = {os.cpu_count()}")
    duck.execute(f"SET temp_directory = '{workdir / 'duckdb-tmp'}'")
    for name, (query, columns) in exports.items():
        csv, parquet = workdir / f"{name}.csv", workdir / f"{name}.parquet"
        started = time.perf_counter()
        with (
            connection.cursor() as cursor,
            open(csv, "wb") as out,
            cursor.cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT csv)") as copy,
        ):
            for block in copy:
                out.write(block)
        figures["export_csv_s"] += time.perf_counter() - started
        started = time.perf_counter()
        duck.execute(
            f"COPY (SELECT * FROM read_csv('{csv}', header = false, columns = {columns})) "
            f"TO '{parquet}' (FORMAT parquet)"
        )
        figures["csv_to_parquet_s"] += time.perf_counter() - started
        figures["parquet_bytes"] += parquet.stat().st_size
        csv.unlink()
    sql = f"""
        SELECT s.unit_id, a.element_id, COUNT(*) AS n, SUM(a.value) AS total
        FROM '{workdir / "answer.parquet"}' a
        JOIN '{workdir / "response.parquet"}' r ON a.response_id = r.id
        JOIN '{workdir / "submission.parquet"}' s ON r.submission_id = s.id
        WHERE s.status = 'accepted'
        GROUP BY s.unit_id, a.element_id"""
    samples = []
    rows: list[tuple[int, int, int, int]] = []
    for _ in range(runs):
        started = time.perf_counter()
        rows = duck.execute(sql).fetchall()
        samples.append(time.perf_counter() - started)
    figures["duckdb_runs_s"] = samples
    figures["duckdb_median_s"] = statistics.median(samples)
    theirs = {(u, e): (n, total) for u, e, n, total in rows}
    ours = {
        (r["unit_id"], r["element_id"]): (r["count"], r["total"])
        for r in AnswerTally.objects.filter(period=period, status="accepted")
        .values("unit_id", "element_id")
        .annotate(count=Sum("n"), total=Sum(F("value") * F("n")))
    }
    figures["units_compared"] = len({u for u, _ in ours})
    figures["element_means_compared"] = len(ours)
    figures["means_equal"] = ours == theirs
    return figures
