"""Indices benchmark: rollup reads and the full rebuild as responses grow, and DuckDB beside the rebuild.

    make bench-indices        # or: .venv/bin/python bench/indices.py [--sizes ...] [--rollup-sizes ...]

What it does, all in one run, on a throwaway PostgreSQL cluster (sikap.testing.pgcluster):
1. migrates and loads `sikap demo --no-responses` (the Ministry of Law: 142 units with services, the current
   semester's SKM + SPKP + SPAK campaign and its links);
2. grows the responses of the current semester with the bulk loader (bench/loader.py, PostgreSQL COPY) to
   each of --sizes in turn; sizes are cumulative (100k, then 900k more to reach 1M, ...);
3. after each load: VACUUM ANALYZE, the full rebuild of the period's rollups (`tallies.rebuild`, timed per
   statement), then, median of --runs runs after --warmup runs:
   (a) the national roll-up, `read.result` over every unit for SKM (and SPKP);
   (b) a Kanwil page: `unit_index(kanwil, period, SKM, subtree=True)`, and the unit index page
       (`/indeks/unit/<kanwil>/`) rendered through Django's test client as the demo's central admin;
   (c) the dashboards of the ministry, the Kanwil, its busiest unit and that unit's busiest service;
4. at the largest stored size: exports the period's submissions, responses and answers (PostgreSQL COPY to
   CSV, DuckDB to Parquet; both timed apart), lets DuckDB compute the per-unit element counts and sums (the
   element means) from the Parquet files, checks them against the rollups for every unit, and reports the
   ratio of our full rebuild to DuckDB's aggregation;
5. for each of --rollup-sizes (larger, cumulative): the rollups those responses would have, summed with
   numpy from the same generator without storing the responses (checked equal to the rebuild at the last
   stored size first), then the same reads. Pages read only rollups, so this times the reads at volumes
   whose raw rows do not fit the machine's time or disk; it does not time a rebuild there.

The defaults store 100k, 1M and 10M: about 50 minutes on the project's 2-core machine (the 10M load is
30 minutes, its rebuild 11) and about 45 GB of disk. `--sizes 100000,1000000 --rollup-sizes 10000000` is
the quick variant (about 10 minutes). `--cluster DIR` keeps the database for later runs (see its help).
It prints figures and passes or fails nothing (exit 1 only when DuckDB's means or the numpy rollups differ
from ours). --skm-only loads SKM alone (9 answers per respondent instead of 22).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(
        0, str(ROOT)
    )  # `bench`, `config` and `sikap` import when run as `python bench/indices.py`

PERIOD = "2026 Semester II"
# A batch job's settings, as a DBA would give the rebuild on a production server (documented in the figures).
SERVER_SETTINGS = {
    "work_mem": "256MB",
    "maintenance_work_mem": "1GB",
    "max_wal_size": "4GB",
    "checkpoint_timeout": "30min",
    "effective_cache_size": "12GB",
}
# After the sys.path line above, so that it imports when run as a script.
from bench.duckdb_compare import duckdb_compare  # noqa: E402
from bench.reads import measure_reads  # noqa: E402


def machine() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text().split("\n")[0].split()
    usage = shutil.disk_usage(tempfile.gettempdir())
    return {
        "cpus": os.cpu_count(),
        "cpu": platform.processor() or platform.machine(),
        "ram_gib": round(int(meminfo[1]) / 1024**2, 1),
        "disk_free_gib": round(usage.free / 1024**3, 1),
        "disk_total_gib": round(usage.total / 1024**3, 1),
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
    }


def tune_server() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        for name, value in SERVER_SETTINGS.items():
            cursor.execute(f"ALTER SYSTEM SET {name} = '{value}'")
        cursor.execute("SELECT pg_reload_conf()")
        cursor.execute("SELECT version()")
        return cursor.fetchone()[0]


def vacuum_analyze(tables: list[str]) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {table}")
        # Statistics for the small tables too (units, versions), as autovacuum keeps them on a server.
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def relation_sizes(tables: list[str]) -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        sizes = {}
        for table in tables:
            cursor.execute("SELECT pg_total_relation_size(%s)", [table])
            sizes[table] = cursor.fetchone()[0]
        return sizes


def rebuild_timed(period: Any) -> dict[str, float]:
    """The full rebuild of the period's rollups, with each SQL statement's time (by the table it fills)."""
    from django.db import connection

    from sikap.indices.tallies import rebuild

    parts: dict[str, float] = {}

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statement = sql.lstrip()
            if statement.startswith("INSERT"):
                key = statement.split("(")[0].split()[-1].strip('"')
            else:
                key = "per_response" if statement.startswith("CREATE") else "other"
            parts[key] = parts.get(key, 0.0) + time.perf_counter() - started

    started = time.perf_counter()
    with connection.execute_wrapper(wrapper):
        rebuild([period])
    return {"total_s": time.perf_counter() - started, **{f"{k}_s": v for k, v in parts.items()}}


def rollup_steps(world: Any, period: Any, sizes: list[int], args: Any, tally_tables: list[str]) -> list[Any]:
    """Reads over the rollups of larger volumes, summed from generated respondents that are not stored."""
    from bench.rollups import Rollups
    from sikap.indices.tests.helpers import tally_snapshot

    rebuilt = tally_snapshot()
    rollups = Rollups(world)
    previous = 0
    for size in sizes:  # the stored respondents, drawn again from the same seeds
        rollups.extend(size - previous, seed=size)
        previous = size
    rollups.write(period)
    steps: list[Any] = [{"size": sizes[-1], "rollups_equal_rebuild": tally_snapshot() == rebuilt}]
    print(
        f"\nnumpy rollups at {sizes[-1]:,} equal the rebuild: {steps[0]['rollups_equal_rebuild']}", flush=True
    )
    for size in [int(s) for s in args.rollup_sizes.split(",")]:
        started = time.perf_counter()
        rollups.extend(size - previous, seed=size)
        previous = size
        step: dict[str, Any] = {
            "size": size,
            "rollups_only": True,
            "generate_s": time.perf_counter() - started,
        }
        step["rows_written"] = rollups.write(period)
        vacuum_analyze(tally_tables)
        step["reads"] = measure_reads(period, args.runs, args.warmup)
        step["load_average_after"] = os.getloadavg()
        print(f"\n== {size:,} responses (rollups only) == {step['rows_written']}", flush=True)
        for name, figures in step["reads"].items():
            print(f"  {name:<20} {figures}", flush=True)
        steps.append(step)
    return steps


def reread(args: Any) -> dict[str, Any]:
    """A kept cluster: the reads over what an earlier run stored (after this code's migrations)."""
    from sikap.indices.models import AnswerTally, ElementTally, GroupTally, RespondentTally
    from sikap.organisation.models import Period
    from sikap.responses.models import Submission

    period = Period.objects.get(name=PERIOD)
    step: dict[str, Any] = {"size": Submission.objects.filter(period=period).count(), "reused_cluster": True}
    print(f"\n== {step['size']:,} responses (kept cluster) ==", flush=True)
    tally_tables = [m._meta.db_table for m in (AnswerTally, ElementTally, RespondentTally, GroupTally)]
    if args.rebuild:
        step["rebuild"] = rebuild_timed(period)
        print(f"full rebuild: {step['rebuild']['total_s']:.1f} s  {step['rebuild']}", flush=True)
    vacuum_analyze(tally_tables)
    step["tally_rows"] = {
        m.__name__: m.objects.count() for m in (AnswerTally, ElementTally, RespondentTally, GroupTally)
    }
    step["reads"] = measure_reads(period, args.runs, args.warmup)
    step["load_average_after"] = os.getloadavg()
    for name, figures in step["reads"].items():
        print(f"  {name:<20} {figures}", flush=True)
    return step


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="100000,1000000,10000000", help="cumulative response counts to store"
    )
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--skm-only", action="store_true", help="load SKM alone (9 answers per respondent)")
    parser.add_argument("--no-duckdb", action="store_true")
    parser.add_argument(
        "--rollup-sizes",
        default="",
        help="larger cumulative sizes whose rollups are computed from generated respondents without storing "
        "them (checked equal to the rebuild at the last stored size), to time the reads at those sizes",
    )
    parser.add_argument("--json", default=str(ROOT / "var" / "bench-indices.json"), help="figures as JSON")
    parser.add_argument(
        "--cluster",
        type=Path,
        help="keep the PostgreSQL cluster in this directory; if it already holds one from an earlier run, "
        "start it again, migrate, and only time the reads (and the rebuild with --rebuild): no loading",
    )
    parser.add_argument("--rebuild", action="store_true", help="with a reused --cluster: time a full rebuild")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from sikap.testing.pgcluster import find_bindir, throwaway_cluster

    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL binaries (initdb, pg_ctl) not found: install Debian's 'postgresql' package.")
        return 1
    if not args.no_duckdb:
        try:
            import duckdb  # noqa: F401
        except ImportError:
            print("DuckDB is needed for the comparison: .venv/bin/pip install duckdb==2.0.0 (or --no-duckdb)")
            return 1
    report: dict[str, Any] = {"date": datetime.date.today().isoformat(), "machine": machine(), "steps": []}
    report["settings"] = SERVER_SETTINGS
    reuse = args.cluster is not None and (args.cluster / "data" / "PG_VERSION").exists()
    with throwaway_cluster(bindir, keep_in=args.cluster) as url:
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        from django.core.management import call_command

        from bench import loader
        from sikap.indices.models import AnswerTally, ElementTally, GroupTally, RespondentTally
        from sikap.organisation.models import Period
        from sikap.responses.models import Answer, Response, Submission

        report["postgresql"] = tune_server()
        print(report["postgresql"], flush=True)
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        report["migrate_s"] = time.perf_counter() - started
        if reuse:
            report["steps"].append(reread(args))
            Path(args.json).write_text(json.dumps(report, indent=2, default=str))
            print(f"\nfigures written to {args.json}")
            return 0
        started = time.perf_counter()
        call_command(
            "demo",
            "--i-know-this-is-not-production",
            "--no-responses",
            verbosity=0,
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )
        report["demo_s"] = time.perf_counter() - started
        print(
            f"migrate {report['migrate_s']:.1f} s, demo --no-responses {report['demo_s']:.1f} s", flush=True
        )
        period = Period.objects.get(name=PERIOD)
        codes = ("SKM",) if args.skm_only else ("SKM", "SPKP", "SPAK")
        world = loader.prepare(PERIOD, codes)
        report["instruments"] = list(codes)
        raw_tables = [m._meta.db_table for m in (Submission, Response, Answer)]
        tally_tables = [m._meta.db_table for m in (AnswerTally, ElementTally, RespondentTally, GroupTally)]
        loaded = 0
        for size in sizes:
            stats = loader.load(world, size - loaded, seed=size)
            loaded = size
            step: dict[str, Any] = {
                "size": size,
                "load": {
                    "submissions": stats.submissions,
                    "responses": stats.responses,
                    "answers": stats.answers,
                    "seconds": stats.seconds,
                    "phases": stats.phases,
                },
            }
            step["vacuum_analyze_s"] = vacuum_analyze(raw_tables)
            print(
                f"\n== {size:,} responses (+{stats.submissions:,} loaded in {stats.seconds:.0f} s) ==",
                flush=True,
            )
            step["rebuild"] = rebuild_timed(period)
            vacuum_analyze(tally_tables)
            print(f"full rebuild: {step['rebuild']['total_s']:.1f} s  {step['rebuild']}", flush=True)
            step["tally_rows"] = {
                m.__name__: m.objects.count()
                for m in (AnswerTally, ElementTally, RespondentTally, GroupTally)
            }
            step["bytes"] = relation_sizes(raw_tables + tally_tables)
            step["reads"] = measure_reads(period, args.runs, args.warmup)
            step["load_average_after"] = os.getloadavg()  # a shared machine: the neighbours' share matters
            for name, figures in step["reads"].items():
                print(f"  {name:<20} {figures}", flush=True)
            report["steps"].append(step)
            Path(args.json).parent.mkdir(parents=True, exist_ok=True)
            Path(args.json).write_text(json.dumps(report, indent=2, default=str))
        if not args.no_duckdb:
            workdir = Path(tempfile.mkdtemp(prefix="sikap-duckdb-"))
            try:
                report["duckdb"] = duckdb_compare(period, workdir, runs=5)
            finally:
                shutil.rmtree(workdir, ignore_errors=True)
            rebuild = report["steps"][-1]["rebuild"]
            duck = report["duckdb"]["duckdb_median_s"]
            report["duckdb"]["ratio_full_rebuild"] = rebuild["total_s"] / duck
            report["duckdb"]["ratio_answer_statement"] = rebuild.get("indices_answertally_s", 0.0) / duck
            print(f"\nDuckDB: {report['duckdb']}", flush=True)
        if args.rollup_sizes:
            report["rollup_steps"] = rollup_steps(world, period, sizes, args, tally_tables)
        Path(args.json).write_text(json.dumps(report, indent=2, default=str))
    print(f"\nfigures written to {args.json}")
    rollups_equal = all(step.get("rollups_equal_rebuild", True) for step in report.get("rollup_steps", []))
    return 0 if report.get("duckdb", {}).get("means_equal", True) and rollups_equal else 1


if __name__ == "__main__":
    sys.exit(main())
