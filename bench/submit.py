"""Submission benchmark: the public form under gunicorn on PostgreSQL, against N browser-like clients.

    make bench-submit                       # or: .venv/bin/python bench/submit.py --clients 50 --duration 30

What it does, all in one run, on a throwaway PostgreSQL cluster (sikap.testing.pgcluster):
1. migrates, and creates one unit with three services and an open SKM + SPKP + SPAK campaign for today;
2. starts gunicorn (2 sync workers) on 127.0.0.1 with bench.bench_settings: the production settings, DEBUG
   off, persistent database connections (DB_CONN_MAX_AGE=60), rate limits raised (every client is
   127.0.0.1), and /bench/ceiling/. Sync workers, one per core: the work is Python on the CPU, which
   threads in one worker would share under the GIL, and more requests in flight would mean more
   transactions queueing for the same rollup rows. Measured on this machine, 2 x 4 gthread threads
   stored no more responses per second and had a longer tail (docs/benchmarks.md). They keep
   connections alive, so their ceiling is higher; in production a buffering proxy in front of gunicorn
   does that. `--worker-class gthread --threads 4` measures them;
3. ceiling phase: N clients request /bench/ceiling/ (a view that reads and writes nothing) as fast as
   they can: the request rate any page of this server could reach at best;
4. submission phase: N clients each loop as a new respondent would: GET the per-unit form with an empty
   cookie jar (receiving the csrftoken and sikap_dev cookies), read the CSRF token, idempotency key and
   signed start from the HTML, POST a complete answer set with a service chosen, follow the 302 to the
   thank-you page;
5. compares the idempotency keys the server accepted (302 to the thank-you page) with the Submission rows
   in PostgreSQL: none may be missing and none extra. Exit status 1 only if they differ.

Flat out (the default) every client sends its next request as soon as the last one is answered, so the
latency is mostly the queue in front of two workers. `--think S` has each respondent pause S seconds on
average (0.5 S to 1.5 S) between loading and sending the form: the latency of an unsaturated server.
`--pg-waits` samples what the PostgreSQL backends are doing (running, or waiting for a row lock).

Clients are threads with the standard library's http.client (no extra dependency). They share the two
cores with gunicorn and PostgreSQL, so the client's own CPU share is printed next to the figures.
Figures are counted in a window after a warm-up: a request counts when it completes inside the window.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import platform
import secrets
import socket
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
    CEILING_PATH,
    HOST,
    Tally,
    Window,
    _ram,
    _version,
    ceiling_client,
    cpu_snapshot,
    postgres_version,
    postmaster_of,
    respondent,
)

# ---------------------------------------------------------------------------------------------- set-up


def prepare_database(database_url: str, env: dict[str, str]) -> str:
    """Migrate and create the organisation and open campaign; return the per-unit form's path."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    from sikap.instruments.models import PublicLink
    from sikap.organisation.actions import set_period_rules
    from sikap.organisation.models import Unit
    from sikap.testing.factories import make_campaign, make_period, make_service, make_unit

    call_command("migrate", interactive=False, verbosity=0)
    today = timezone.localdate()
    ministry = make_unit("bench-kementerian", kind=Unit.Kind.MINISTRY, name="Kementerian Uji Beban")
    unit = make_unit("bench-layanan", parent=ministry, name="Unit Layanan Uji Beban")
    period = make_period(
        f"Uji beban {today:%Y-%m-%d}",
        start=today - datetime.timedelta(days=30),
        end=today + datetime.timedelta(days=30),
    )
    # Every client comes from 127.0.0.1: the period's rate limits are opened so the benchmark measures
    # storing, not refusing; the integrity signals still run and still mark most submissions suspect.
    set_period_rules(
        None,
        period,
        integrity_rules={
            **period.integrity_rules,
            "device_limit_per_10_min": 10**9,
            "network_limit_per_10_min": 10**9,
        },
        reason="benchmark",
    )
    for name in ("Permohonan Merek", "Legalisasi Apostille", "Pendaftaran Fidusia"):
        make_service(unit, name=name, year=period.start.year)
    campaign = make_campaign([unit], period)
    link = PublicLink.objects.get(campaign=campaign, service__isnull=True)
    connections.close_all()
    return f"/s/{link.token}/"


def stored_keys() -> tuple[set[str], int, int, Counter[str]]:
    """The idempotency keys of every stored submission (any status), the response and answer counts, and
    the submissions per status."""
    from django.db import connections
    from django.db.models import Count

    from sikap.responses.models import Answer, Response, Submission

    keys = {str(k) for k in Submission.objects.values_list("key", flat=True)}
    counts = Response.objects.count(), Answer.objects.count()
    rows = Submission.objects.values_list("status").annotate(n=Count("id")).order_by()
    statuses: Counter[str] = Counter(dict(rows))
    connections.close_all()
    return keys, *counts, statuses


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_gunicorn(args: argparse.Namespace, env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--threads",
        str(args.threads),
        "--backlog",
        "2048",
        "--log-level",
        "warning",
        "--error-logfile",
        str(log),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", CEILING_PATH)
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer within 30 s:\n{log.read_text()[-3000:]}")


# -------------------------------------------------------------------------------------------- running


@dataclass
class Phase:
    name: str
    seconds: float
    tally: Tally
    cpu: dict[str, float]
    waits: Counter[str] = field(default_factory=Counter)


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


def run_phase(
    name: str, target, args: argparse.Namespace, port: int, path: str, pids: tuple[int, int | None]
) -> Phase:
    now = time.monotonic()
    window = Window(now + args.warmup, now + args.warmup + args.duration)
    tallies = [Tally() for _ in range(args.clients)]
    serials: Counter[str] = Counter()
    threads = [
        threading.Thread(
            target=target, args=(port, path, window, t, serials, args.think), name=f"c{i}", daemon=True
        )
        for i, t in enumerate(tallies)
    ]
    waits: Counter[str] = Counter()
    if args.pg_waits:
        url = os.environ["DATABASE_URL"]
        threads.append(threading.Thread(target=sample_waits, args=(url, window, waits), daemon=True))
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, window.start - time.monotonic()))
    before = cpu_snapshot(*pids)
    time.sleep(max(0.0, window.stop - time.monotonic()))
    after = cpu_snapshot(*pids)
    for thread in threads:
        thread.join(timeout=120)
    total = Tally()
    for tally in tallies:
        total.merge(tally)
    cpu = {k: (after[k] - before[k]) / args.duration for k in after}
    return Phase(name, args.duration, total, cpu, waits)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(-(-fraction * len(ordered) // 1)) - 1))
    return ordered[index] * 1000


def describe(phase: Phase) -> list[str]:
    tally, seconds = phase.tally, phase.seconds
    lines = [f"{phase.name}: {tally.requests_in_window / seconds:8.1f} requests/s"]
    if phase.name == "submission":
        lines[0] += f", {tally.accepted_in_window / seconds:.1f} accepted responses/s"
    for kind, values in sorted(tally.latencies.items()):
        lines.append(
            f"  {kind:<12} n={len(values):6d}  p50 {percentile(values, 0.50):7.1f} ms  "
            f"p99 {percentile(values, 0.99):7.1f} ms  max {max(values) * 1000:7.1f} ms"
        )
    errors = ", ".join(f"{k}: {v}" for k, v in tally.errors.most_common()) or "none"
    lines.append(f"  errors: {errors}")
    if phase.waits:
        samples = phase.waits.pop("(samples)")
        busy = ", ".join(f"{event} {n / samples:.2f}" for event, n in phase.waits.most_common(6))
        lines.append(f"  PostgreSQL backends busy, on average: {busy or 'none'}")
    if tally.resent:
        lines.append(f"  resent on a new connection after an idle keep-alive close: {tally.resent}")
    cpu = phase.cpu
    lines.append(
        f"  CPU (cores busy, of {os.cpu_count()}): machine {cpu['machine']:.2f}, "
        f"gunicorn {cpu['gunicorn']:.2f}, PostgreSQL {cpu['postgres']:.2f}, "
        f"bench clients {cpu['clients']:.2f}"
    )
    served = tally.accepted_in_window if phase.name == "submission" else tally.requests_in_window
    if served:
        # CPU per unit of work does not depend on what the neighbours on a shared machine are doing.
        server_ms = (cpu["gunicorn"] + cpu["postgres"]) * seconds / served * 1000
        unit = "accepted response" if phase.name == "submission" else "request"
        lines.append(
            f"  server CPU per {unit}: {server_ms:.1f} ms (gunicorn + PostgreSQL); "
            f"on {os.cpu_count()} otherwise idle cores at most ~{os.cpu_count() * 1000 / server_ms:.0f}/s"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--duration", type=float, default=30, help="measured seconds per phase (default 30)")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured seconds before each phase")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class (default sync)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker (default 1)")
    parser.add_argument("--conn-max-age", default="60", help="DB_CONN_MAX_AGE for gunicorn (default 60)")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a respondent spends between loading and sending the form (default 0: flat out)",
    )
    parser.add_argument(
        "--pg-waits", action="store_true", help="sample what the PostgreSQL backends wait for"
    )
    parser.add_argument("--skip-ceiling", action="store_true", help="only the submission phase")
    args = parser.parse_args(argv)

    from sikap.testing.pgcluster import find_bindir, throwaway_cluster

    bindir = find_bindir()
    if bindir is None:
        print("bench-submit: PostgreSQL binaries (initdb, pg_ctl) not found: apt install postgresql")
        return 2
    uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    print(f"date       {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine    {os.cpu_count()} cores, {_ram()} RAM, {platform.platform()}")
    print(
        f"software   Python {platform.python_version()}, {postgres_version(bindir)}, "
        f"gunicorn {_version('gunicorn')}, Django {_version('django')}"
    )
    print(
        f"server     gunicorn {args.workers} workers, {args.worker_class}"
        f"{f' x {args.threads} threads' if args.worker_class == 'gthread' else ''}, "
        f"DB_CONN_MAX_AGE={args.conn_max_age}"
    )
    print(
        f"load       {args.clients} clients, {args.warmup:g} s warm-up + {args.duration:g} s measured "
        f"per phase, think time {args.think:g} s"
    )
    print(f"uptime     before: {uptime}")

    with throwaway_cluster(bindir) as database_url, tempfile.TemporaryDirectory() as tmp:
        env = {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
            "DEBUG": "0",
            "ALLOWED_HOSTS": HOST,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DB_CONN_MAX_AGE": args.conn_max_age,
            "LOG_LEVEL": "ERROR",
        }
        t0 = time.monotonic()
        form_path = prepare_database(database_url, env)
        print(
            f"set-up     migrated and created the campaign in {time.monotonic() - t0:.1f} s; form {form_path}"
        )
        port = free_port()
        log = Path(tmp) / "gunicorn.log"
        server = start_gunicorn(args, env, port, log)
        pids = (server.pid, postmaster_of(database_url))
        try:
            phases = []
            if not args.skip_ceiling:
                phases.append(run_phase("ceiling", ceiling_client, args, port, CEILING_PATH, pids))
            phases.append(run_phase("submission", respondent, args, port, form_path, pids))
        finally:
            server.terminate()
            server.wait(timeout=30)
        uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
        print(f"uptime     after:  {uptime}")
        keys, responses, answers, statuses = stored_keys()
        server_errors = log.read_text().strip()

    print()
    for phase in phases:
        print("\n".join(describe(phase)))
    submission = phases[-1]
    tally = submission.tally
    accepted_rate = tally.accepted_in_window / submission.seconds
    if not args.skip_ceiling:
        ceiling_rate = phases[0].tally.requests_in_window / phases[0].seconds
        request_rate = tally.requests_in_window / submission.seconds
        print()
        print(f"ratio      submission requests/s / ceiling requests/s = {request_rate / ceiling_rate:6.1%}")
        print(f"           accepted responses/s / ceiling requests/s  = {accepted_rate / ceiling_rate:6.1%}")
    post_p99 = percentile(tally.latencies.get("POST form", []), 0.99)
    print(
        f"goal       p99 of the POST < 150 ms: {'met' if post_p99 < 150 else 'NOT met'} ({post_p99:.1f} ms)"
    )

    accepted = set(tally.accepted_keys)
    missing, extra = accepted - keys, keys - accepted
    unanswered = set(tally.unanswered_keys)
    print()
    print(
        f"accepted   {len(tally.accepted_keys)} POSTs answered 302 to the thank-you page during the run "
        f"({len(accepted)} distinct keys)"
    )
    by_status = ", ".join(f"{n} {status}" for status, n in statuses.most_common())
    print(
        f"stored     {len(keys)} submissions in PostgreSQL ({by_status}), "
        f"{responses} responses, {answers} answers"
    )
    ok = (
        bool(accepted)
        and not missing
        and not (extra - unanswered)
        and len(accepted) == len(tally.accepted_keys)
    )
    per = f"{responses / len(keys):.1f} responses and {answers / len(keys):.1f} answers each" if keys else ""
    print(
        f"check      stored == accepted: {'OK' if ok else 'MISMATCH' if accepted else 'NOTHING ACCEPTED'}"
        f" (lost {len(missing)}, extra {len(extra - unanswered)}, "
        f"stored without an answer to the client {len(extra & unanswered)}); {per}"
    )
    if server_errors:
        print("\ngunicorn log (last lines):\n" + "\n".join(server_errors.splitlines()[-15:]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
