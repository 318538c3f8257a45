"""Fault campaign: respondents keep answering while PostgreSQL restarts under them.

    make bench-faults                      # or: .venv/bin/python bench/faults.py --clients 20 --duration 20

Not part of `make test`. One throwaway PostgreSQL cluster with fsync, synchronous_commit and full page
writes on (as in production: a commit acknowledged is on disk), the new code set up as for bench-submit
(bench/submit_setup.py) and served by gunicorn (2 sync workers, DB_CONN_MAX_AGE=60, the production settings).
Then, per scenario, `--clients` respondents answer flat out for `--duration` seconds and PostgreSQL is
restarted `--restart-at` seconds in:
- fast: `pg_ctl -m fast restart` (open transactions rolled back, clients disconnected, checkpoint);
- immediate: `pg_ctl -m immediate restart` (a crash: no checkpoint, WAL replayed on start).
A respondent whose POST gets an error page or a dropped connection sends the same form again (same
idempotency key) up to `--resend` times, `--resend-after` seconds apart, as a person pressing "send" again.

Reported per scenario: accepted (a 302 to the thank-you page received), stored (Submission rows), lost
(accepted keys missing from the database), duplicated (keys stored twice, and rows that are neither an
accepted key nor one whose sender gave up after its resends), errors seen (5xx and connection errors:
counted, not failures), how long after the restart the first response was accepted again, and whether
every stored submission is whole and counted once in the rollups. Goal: 0 lost and 0 duplicated.
Exit status 1 if a scenario loses or duplicates anything.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import platform
import secrets
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench` and `config` import when run as `python bench/faults.py`

# After the sys.path line above, so that it imports when run as a script.
from bench.submit_clients import (  # noqa: E402
    HOST,
    Browser,
    Pace,
    Tally,
    Window,
    _ram,
    _version,
    postgres_version,
    respondent,
)
from bench.submit_servers import Server, prepare, stored  # noqa: E402


def scenario(mode: str, server: Server, database_url: str, bindir: Path, args: argparse.Namespace) -> dict:
    from sikap.testing.pgcluster import restart

    before = stored(database_url).keys
    now = time.monotonic()
    window = Window(now, now + args.duration)
    pace = Pace(resend=args.resend, resend_after=args.resend_after)
    tallies = [Tally() for _ in range(args.clients)]
    serials: Counter[str] = Counter()
    threads = [
        threading.Thread(
            target=respondent, args=(server.port, server.ready_path, window, t, serials, pace), name=f"c{i}"
        )
        for i, t in enumerate(tallies)
    ]
    for thread in threads:
        thread.start()
    time.sleep(args.restart_at)
    down = time.monotonic()
    restart(bindir, database_url, mode)
    up = time.monotonic()
    for thread in threads:
        thread.join(timeout=args.duration + 120)
    tally = Tally()
    for t in tallies:
        tally.merge(t)
    after = stored(database_url)
    rows = Counter({k: n for k, n in after.keys.items() if k not in before})
    accepted, gave_up = set(tally.accepted_keys), set(tally.unanswered_keys)
    resumed = min((t for t in tally.accepted_at if t > up), default=float("nan"))
    return {
        "scenario": mode,
        "accepted": len(tally.accepted_keys),
        "stored": sum(rows.values()),
        "lost": len(accepted - set(rows)),
        "twice": sum(n - 1 for n in rows.values() if n > 1) + len(tally.accepted_keys) - len(accepted),
        "unexplained": len(set(rows) - accepted - gave_up),
        "gave_up": len(gave_up),
        "gave_up_stored": len(gave_up & set(rows)),
        "errors": sum(tally.errors.values()),
        "errors_after": sum(1 for t in tally.failed_at if t > up),
        "error_kinds": dict(tally.errors.most_common()),
        "resends": tally.resends,
        "restart_s": up - down,
        "resumed_s": resumed - up,
        "uneven": after.uneven,
        "rollups_ok": after.counted < 0 or after.counted == sum(after.keys.values()),
    }


def quiet_restart(server: Server, database_url: str, bindir: Path) -> Counter[str]:
    """PostgreSQL restarted while no request is running, then one form load per worker and a few more:
    what the first requests after the restart get, with the workers' persistent connections now dead."""
    from sikap.testing.pgcluster import restart

    def load(times: int) -> Counter[str]:
        statuses: Counter[str] = Counter()
        for _ in range(times):
            try:
                status, *_rest = Browser(server.port).send("GET", server.ready_path)
                statuses[str(status)] += 1
            except (OSError, http.client.HTTPException) as error:
                statuses[type(error).__name__] += 1
        return statuses

    warm = load(server.workers * 5)  # every worker holds a live persistent connection
    assert set(warm) == {"200"}, f"the form did not load before the quiet restart: {dict(warm)}"
    restart(bindir, database_url, "immediate")
    return load(server.workers * 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=20, help="concurrent respondents (default 20)")
    parser.add_argument("--duration", type=float, default=30, help="seconds per scenario (default 30)")
    parser.add_argument("--restart-at", type=float, default=8, help="seconds into a scenario (default 8)")
    parser.add_argument("--resend", type=int, default=5, help="times a respondent resends a failed POST (5)")
    parser.add_argument("--resend-after", type=float, default=1.0, help="seconds between resends (1)")
    parser.add_argument("--scenarios", default="fast,immediate", help="restart modes, in order")
    parser.add_argument("--conn-max-age", default="60", help="DB_CONN_MAX_AGE for gunicorn (default 60)")
    args = parser.parse_args(argv)

    from sikap.testing.pgcluster import find_bindir, throwaway_cluster

    bindir = find_bindir()
    if bindir is None:
        print("bench-faults: PostgreSQL binaries (initdb, pg_ctl) not found: apt install postgresql")
        return 2
    print(f"date       {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine    {os.cpu_count()} cores, {_ram()} RAM, {platform.platform()}")
    print(f"software   Python {platform.python_version()}, {postgres_version(bindir)}")
    print(f"           gunicorn {_version('gunicorn')}, Django {_version('django')}")
    print(
        f"load       {args.clients} respondents flat out, {args.duration:g} s per scenario, restart at "
        f"{args.restart_at:g} s, a failed POST resent up to {args.resend} times {args.resend_after:g} s apart"
    )
    print("database   fsync, synchronous_commit and full_page_writes on", flush=True)
    results = []
    with throwaway_cluster(bindir, durable=True) as database_url, tempfile.TemporaryDirectory() as tmp:
        env = {
            "DEBUG": "0",
            "ALLOWED_HOSTS": HOST,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DB_CONN_MAX_AGE": args.conn_max_age,
            "LOG_LEVEL": "ERROR",
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        server = Server(ROOT, env, prepare(ROOT, env))
        server.start(Path(tmp) / "gunicorn.log")
        try:
            for mode in args.scenarios.split(","):
                print(f"scenario   {mode} restart ...", flush=True)
                results.append(scenario(mode, server, database_url, bindir, args))
            time.sleep(2)
            quiet = quiet_restart(server, database_url, bindir)
        finally:
            server.stop()
        log = server.errors()

    print()
    ok = True
    for r in results:
        bad = r["lost"] or r["twice"] or r["unexplained"] or r["uneven"] or not r["rollups_ok"]
        ok = ok and not bad
        print(
            f"{r['scenario']:<10} accepted {r['accepted']}, stored {r['stored']}, lost {r['lost']}, "
            f"duplicated {r['twice'] + r['unexplained']}, errors {r['errors']} "
            f"({r['errors_after']} after the restart; {r['resends']} POSTs resent); "
            f"{'OK' if not bad else 'NOT OK'}"
        )
        whole = "yes" if not r["uneven"] else f"NO, {r['uneven']} not"
        print(
            f"           restart took {r['restart_s']:.1f} s, accepting again {r['resumed_s']:.2f} s after; "
            f"gave up after resending: {r['gave_up']} ({r['gave_up_stored']} of them stored); "
            f"stored submissions whole: {whole}; "
            f"rollups count each once: {'yes' if r['rollups_ok'] else 'NO'}"
        )
        print(f"           errors seen: {r['error_kinds'] or 'none'}")
    print(f"quiet      restart while idle, then {sum(quiet.values())} form loads: {dict(quiet)}")
    if log:
        print("\ngunicorn log (last lines):\n" + "\n".join(log.splitlines()[-12:]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
