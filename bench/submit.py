"""Submission benchmark, side by side in one run: today's code, the new code and a fair ceiling.

    make bench-submit                                  # baseline 4e70a62 (BENCH_BASELINE=<rev> to change)
    .venv/bin/python bench/submit.py --baseline 4e70a62 --clients 50 --duration 20 --open-duration 20

One throwaway PostgreSQL cluster (sikap.testing.pgcluster), and in it one database per code:
1. today's code: the `--baseline` revision checked out with `git worktree add --detach` into a temporary
   directory (removed afterwards), its database migrated and set up by its own code (bench/submit_setup.py:
   one unit, three services, an open SKM + SPKP + SPAK campaign), served by its own gunicorn;
2. the new code: this tree, the same set-up in its own database, its own gunicorn (bench.bench_settings:
   the production settings plus the ceiling's URLs);
3. the fair ceiling: the new code's gunicorn, settings and middleware answering the same form bytes from
   memory (captured from the real form once, with a fresh CSRF token and key per request) and storing the
   posted answers as one row of `bench_ceiling` (created here with raw SQL) with no checks, then a 302 to
   the thank-you page's captured bytes (bench/ceiling_urls.py).
Each in turn (one server up at a time, gunicorn with 2 sync workers and DB_CONN_MAX_AGE=60):
- flat out: `--clients` closed-loop clients, each one new respondent after another (GET the form with an
  empty cookie jar, POST every answer, follow the 302 to the thank-you page), no pause: accepted responses
  per second, and the server's CPU (gunicorn + PostgreSQL, from /proc) per accepted response;
- open loop: respondents arriving on a fixed schedule at half that code's flat-out rate; latency measured
  from each scheduled arrival (no coordinated omission): p50/p99 per request kind and per respondent.
Then the idempotency keys each code answered with a 302 are compared with what its database stored, and a
table sets the three side by side against the goals. Exit status 1 only if stored != accepted somewhere.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench` and `config` import when run as `python bench/submit.py`

# After the sys.path line above, so that it imports when run as a script.
from bench.submit_clients import (  # noqa: E402
    HOST,
    SPREAD,
    Arrivals,
    Pace,
    Tally,
    Window,
    _ram,
    _version,
    arrival_worker,
    cpu_snapshot,
    postgres_version,
    postmaster_of,
    respondent,
)
from bench.submit_report import Code, Phase, describe, goals_table  # noqa: E402
from bench.submit_servers import (  # noqa: E402
    Server,
    capture_form,
    ceiling_keys,
    create_ceiling_table,
    create_database,
    prepare,
    stored,
    worktree,
)

CEILING_PATH = "/bench/ceiling/"
GRACE = 10.0  # seconds the open loop waits for respondents that arrived before its window closed


def sample_waits(database_url: str, window: Window, waits: Counter[str]) -> None:
    """What the busy PostgreSQL backends are doing, sampled every 50 ms during the window: running
    ("CPU"), or waiting, e.g. "Lock:transactionid" (a row another transaction is changing)."""
    import psycopg

    query = (
        "SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') FROM pg_stat_activity "
        "WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()"
    )
    time.sleep(max(0.0, window.start - time.monotonic()))
    with psycopg.connect(database_url, autocommit=True) as conn:
        while time.monotonic() < window.stop:
            waits["(samples)"] += 1
            for (event,) in conn.execute(query):
                waits[event] += 1
            time.sleep(0.05)


@dataclass
class Plan:
    args: argparse.Namespace
    port: int
    path: str
    pids: tuple[int, int | None]
    database_url: str
    pace: Pace = field(default_factory=Pace)


def run_phase(plan: Plan, name: str, rate: float = 0.0) -> Phase:
    """Flat out with `clients` closed-loop clients, or (with `rate`) open loop at that arrival rate."""
    args = plan.args
    now = time.monotonic()
    duration = args.open_duration if rate else args.duration
    window = Window(now + args.warmup, now + args.warmup + duration)
    if rate:
        arrivals = Arrivals(now, rate, window.stop)
        recording = Window(window.start, window.stop + GRACE)
        tallies = [Tally() for _ in range(args.pool)]
        jobs = [(arrival_worker, (plan.port, plan.path, recording, t, arrivals, plan.pace)) for t in tallies]
    else:
        serials: Counter[str] = Counter()
        tallies = [Tally() for _ in range(args.clients)]
        jobs = [(respondent, (plan.port, plan.path, window, t, serials, plan.pace)) for t in tallies]
    threads = [threading.Thread(target=f, args=a, name=f"c{i}", daemon=True) for i, (f, a) in enumerate(jobs)]
    waits: Counter[str] = Counter()
    if args.pg_waits:
        threads.append(
            threading.Thread(target=sample_waits, args=(plan.database_url, window, waits), daemon=True)
        )
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, window.start - time.monotonic()))
    before = cpu_snapshot(*plan.pids)
    time.sleep(max(0.0, window.stop - time.monotonic()))
    after = cpu_snapshot(*plan.pids)
    for thread in threads:
        thread.join(timeout=GRACE + 120)
    total = Tally()
    for tally in tallies:
        total.merge(tally)
    cpu = {k: (after[k] - before[k]) / duration for k in after}
    return Phase(name, duration, total, cpu, waits, rate)


def measure(code: Code, plan: Plan) -> None:
    print(f"{code.name:<10} flat out, {plan.args.clients} clients ...", flush=True)
    code.flat = run_phase(plan, f"{code.name}, flat out")
    capacity = code.flat.tally.accepted_in_window / code.flat.seconds
    if capacity <= 0:
        print(f"{code.name:<10} accepted nothing flat out: no open-loop phase")
        return
    print(f"{code.name:<10} open loop at {capacity / 2:.1f} arrivals/s ...", flush=True)
    code.open = run_phase(plan, f"{code.name}, open loop", rate=capacity / 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--baseline", default="4e70a62", help="git revision of today's code ('' to skip)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients flat out (default 50)")
    parser.add_argument("--duration", type=float, default=20, help="measured seconds flat out (default 20)")
    parser.add_argument("--open-duration", type=float, default=20, help="measured seconds, open loop (20)")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured seconds before each phase (5)")
    parser.add_argument("--pool", type=int, default=100, help="threads serving the open loop's arrivals")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class (default sync)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker (default 1)")
    parser.add_argument("--conn-max-age", default="60", help="DB_CONN_MAX_AGE for gunicorn (default 60)")
    parser.add_argument("--think", type=float, default=0.0, help="mean think time per respondent (0)")
    parser.add_argument("--pg-waits", action="store_true", help="sample what PostgreSQL backends wait for")
    parser.add_argument("--skip-ceiling", action="store_true", help="leave the fair ceiling out")
    parser.add_argument(
        "--one-address", action="store_true", help="every client from 127.0.0.1 (the issue-3 set-up)"
    )
    args = parser.parse_args(argv)
    SPREAD["on"] = not args.one_address

    from sikap.testing.pgcluster import find_bindir, throwaway_cluster

    bindir = find_bindir()
    if bindir is None:
        print("bench-submit: PostgreSQL binaries (initdb, pg_ctl) not found: apt install postgresql")
        return 2
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    print(f"date       {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine    {os.cpu_count()} cores, {_ram()} RAM, {platform.platform()}")
    print(
        f"software   Python {platform.python_version()}, {postgres_version(bindir)}, "
        f"gunicorn {_version('gunicorn')}, Django {_version('django')}"
    )
    print(
        f"codes      baseline {args.baseline or '(skipped)'}, new {head.stdout.strip()}"
        f"{' with uncommitted changes' if dirty.strip() else ''}"
    )
    print(
        f"server     gunicorn {args.workers} workers, {args.worker_class}"
        f"{f' x {args.threads} threads' if args.worker_class == 'gthread' else ''}, "
        f"DB_CONN_MAX_AGE={args.conn_max_age}"
    )
    print(
        f"load       flat out: {args.clients} clients, {args.warmup:g} s warm-up + {args.duration:g} s; "
        f"open loop: half that code's flat-out rate, {args.warmup:g} s + {args.open_duration:g} s"
    )
    where = "all from 127.0.0.1" if args.one_address else "each respondent from its own 127.1.x.y address"
    print(f"clients    {where}")
    print(f"uptime     before: {uptime}", flush=True)

    common = {
        "DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DB_CONN_MAX_AGE": args.conn_max_age,
        "LOG_LEVEL": "ERROR",
    }
    codes: list[Code] = []
    with (
        throwaway_cluster(bindir) as database_url,
        tempfile.TemporaryDirectory() as tmp,
        worktree(args.baseline) if args.baseline else _no_tree() as baseline_tree,
    ):
        pids_pg = postmaster_of(database_url)
        if baseline_tree is not None:
            url = create_database(database_url, "baseline")
            # Today's code with the production settings as they are in that revision.
            env = {**common, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
            t0 = time.monotonic()
            path = prepare(baseline_tree, env)
            print(f"set-up     baseline migrated and set up in {time.monotonic() - t0:.1f} s", flush=True)
            codes.append(
                _serve(Code("baseline", url), Server(baseline_tree, env, path), args, Path(tmp), pids_pg)
            )
        ceiling_dir = Path(tmp) / "ceiling"
        ceiling_dir.mkdir()
        env = {
            **common,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
            "BENCH_CEILING_DIR": str(ceiling_dir),
        }
        t0 = time.monotonic()
        path = prepare(ROOT, env)
        print(f"set-up     new migrated and set up in {time.monotonic() - t0:.1f} s", flush=True)
        new = Code("new", database_url)
        ceiling = None if args.skip_ceiling else Code("ceiling", database_url)
        codes.append(_serve(new, Server(ROOT, env, path), args, Path(tmp), pids_pg, ceiling, ceiling_dir))
        if ceiling:
            codes.append(ceiling)
        uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
        print(f"uptime     after:  {uptime}")

    print()
    for code in codes:
        for phase in (code.flat, code.open):
            if phase is not None:
                print("\n".join(describe(phase)))
    print()
    ok = True
    for code in codes:
        line, fine = code.check()
        print(line)
        ok = ok and fine
    print()
    print("\n".join(goals_table(codes, args.clients)))
    return 0 if ok else 1


class _no_tree:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _serve(
    code: Code,
    server: Server,
    args: argparse.Namespace,
    tmp: Path,
    pg: int | None,
    ceiling: Code | None = None,
    ceiling_dir: Path | None = None,
) -> Code:
    """Serve the code, measure it (and the ceiling on the same server), stop, read what it stored."""
    server.workers, server.worker_class, server.threads = args.workers, args.worker_class, args.threads
    server.start(tmp / f"gunicorn-{code.name}.log")
    try:
        plan = Plan(
            args, server.port, server.ready_path, (server.pid, pg), code.database_url, Pace(args.think)
        )
        if ceiling is not None and ceiling_dir is not None:
            code.extra_keys.append(capture_form(server.port, server.ready_path, ceiling_dir))
        measure(code, plan)
        if ceiling is not None:
            create_ceiling_table(ceiling.database_url)
            plan.path = CEILING_PATH
            measure(ceiling, plan)
    finally:
        server.stop()
    code.stored = stored(code.database_url)
    code.server_errors = server.errors()
    if ceiling is not None:
        ceiling.ceiling_rows = ceiling_keys(ceiling.database_url)
    return code


if __name__ == "__main__":
    sys.exit(main())
