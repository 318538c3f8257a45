"""Django's own CPU per request of one respondent: the form, its submission and the thank-you page.

    .venv/bin/python -m sikap.testing.pgcluster -- .venv/bin/python bench/submit_profile.py [--requests 150]

No HTTP server and no client threads: Django's test client calls the views in this process, so
`time.process_time()` around each request is the CPU Django spends on it (PostgreSQL's own CPU is not in
it: that is `make bench-submit`'s side by side). Persistent connections (DB_CONN_MAX_AGE=60), DEBUG off,
the benchmark's database (bench/submit.py's `prepare_database`: one unit, three services, an open SKM +
SPKP + SPAK campaign, rate limits opened). Each respondent is a fresh browser (no cookies), as in
`make bench-submit`. The query counts come from a separate pass (capturing them costs CPU).

`--code DIR` measures another checkout's code (for example a `git worktree add` of an older revision),
with this script and the benchmark helpers of this one.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=150, help="respondents measured (after warm-up)")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose code is measured")
    parser.add_argument("--profile", choices=["GET form", "POST", "thank-you"], help="cProfile this request")
    args = parser.parse_args(argv)
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        print("Run under sikap.testing.pgcluster: DATABASE_URL must point at PostgreSQL.", file=sys.stderr)
        return 2
    # This tree's benchmark helpers (imported first, so they stay this tree's), then the measured code.
    sys.path.insert(0, str(ROOT))
    from bench.submit_clients import answer
    from bench.submit_servers import create_database, prepare

    code = args.code.resolve()
    sys.path.insert(0, str(code))
    os.chdir(code)
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", "DB_CONN_MAX_AGE": "60", "DEBUG": "0"}
    # A fresh database per run (the code's own migrations), so runs alternate in one cluster.
    env["DATABASE_URL"] = create_database(database_url, f"profile_{os.getpid()}")
    form_path = prepare(code, env)
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # the test client's response.templates etc.; ALLOWED_HOSTS gets testserver
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    times: dict[str, list[float]] = {"GET form": [], "POST": [], "thank-you": []}
    queries: dict[str, int] = {}
    profiler = cProfile.Profile(time.process_time)  # CPU time, as the figures

    def respondent(serial: int, record: bool, count: bool = False) -> None:
        client = Client()
        steps = [("GET form", lambda: client.get(form_path))]
        for name, call in steps:
            response = _timed(name, call, record, count)
        body, _key = answer(response.content.decode(), serial)
        response = _timed(
            "POST",
            lambda: client.post(form_path, body, content_type="application/x-www-form-urlencoded"),
            record,
            count,
        )
        assert response.status_code == 302, (response.status_code, response.content[:2000])
        thanks = response["Location"]
        response = _timed("thank-you", lambda: client.get(thanks), record, count)
        assert response.status_code == 200

    def _timed(name: str, call, record: bool, count: bool):  # type: ignore[no-untyped-def]
        if count:
            with CaptureQueriesContext(connection) as captured:
                response = call()
            queries[name] = len(captured.captured_queries)
            return response
        started = time.process_time()
        response = profiler.runcall(call) if record and name == args.profile else call()
        if record:
            times[name].append((time.process_time() - started) * 1000)
        return response

    for serial in range(args.warmup):
        respondent(serial, record=False)
    for serial in range(args.warmup, args.warmup + args.requests):
        respondent(serial, record=True)
    respondent(10**6, record=False, count=True)
    print(f"code: {args.code.resolve()}  respondents: {args.requests}  load: {os.getloadavg()[0]:.1f}")
    print(f"{'request':<10} {'median ms':>10} {'mean ms':>8} {'queries':>8}")
    total = 0.0
    for name, values in times.items():
        total += statistics.median(values)
        median, mean = statistics.median(values), statistics.mean(values)
        print(f"{name:<10} {median:>10.1f} {mean:>8.1f} {queries[name]:>8}")
    print(f"{'respondent':<10} {total:>10.1f}")
    if args.profile:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
