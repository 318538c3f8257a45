"""Export benchmark: 1M submissions exported as CSV, XLSX and SPSS .sav from PostgreSQL.

    make bench-export       # 1M SKM submissions (9M answers); docs/benchmarks.md has the figures
    make bench-export BENCH_EXPORT_ARGS="--rows 200000 --instruments SKM,SPKP,SPAK --formats csv,sav"

What it does, all in one run, on a throwaway PostgreSQL cluster (sikap.testing.pgcluster):
1. migrates, and creates a ministry with 4 Kanwil and 8 divisions with services, a period and an open
   campaign over the chosen instruments (through the factories, as the tests do);
2. loads N submissions with one response per instrument and one answer per element with PostgreSQL COPY
   (psycopg `cursor.copy()`), foreign-key triggers off for the load (`session_replication_role`), then
   ANALYZE. Profiles, statuses (about 90 % accepted, 8 % suspect, 2 % rejected), channels, services, hashes
   and free text (10 % suggestions, 3 % complaints, a few of 2,000 characters) are random but plausible.
   The loader bypasses `responses.actions` and the rollups on purpose: exports read only the raw tables;
3. runs the real command, `sikap export-responses --unit <ministry> --format F --with-suspect
   --with-rejected`, once per format, each in its own process, and reads that process's peak memory
   (ru_maxrss from os.wait4), its wall time (interpreter and Django start-up included), and the CPU time
   of the export process plus the PostgreSQL backends (the postmaster's reaped-children time). On a
   shared machine the wall time says more about the neighbours than about the export; rows per CPU-second
   (export + database, which run one after the other) is what an idle machine would roughly reach.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PERIOD = "2026 Semester II"
SEX = ["Laki-laki", "Perempuan", ""]
EDUCATION = ["SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3", ""]
OCCUPATION = ["PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Pelajar/Mahasiswa", "Lainnya", ""]
SUGGESTIONS = [
    "Ruang tunggu perlu ditambah kursi dan pendingin udara.",
    "Petugas sudah ramah, pertahankan.",
    "Informasi persyaratan di situs web mohon diperbarui.",
    "Antrean daring sering gagal, mohon diperbaiki.",
]
COMPLAINTS = [
    "Menunggu lebih dari dua jam.",
    "Diminta biaya tambahan yang tidak jelas.",
    "Loket tutup lebih awal.",
]
LONG_TEXT = "Pelayanan perlu diperbaiki. " * 75  # ~2,000 characters: sets the width of the .sav text column


def prepare(codes: list[str]) -> tuple[str, dict[str, object]]:
    """Migrate and create the organisation and campaign; return the ministry code and the layout to load."""
    import django

    django.setup()
    from django.core.management import call_command

    from sikap.organisation.models import Service, Unit
    from sikap.testing.factories import make_campaign, make_period, make_service, make_unit

    call_command("migrate", interactive=False, verbosity=0)
    ministry = make_unit("bench-kementerian", kind=Unit.Kind.MINISTRY, name="Kementerian Uji Ekspor")
    leaves = []
    for k in range(1, 5):
        kanwil = make_unit(
            f"bench-kanwil-{k}", parent=ministry, kind=Unit.Kind.KANWIL, name=f"Kanwil Uji {k}"
        )
        for d in ("ahu", "ki"):
            unit = make_unit(
                f"bench-kanwil-{k}-{d}", parent=kanwil, name=f"Bidang {d.upper()} Kanwil Uji {k}"
            )
            for name in ("Legalisasi Apostille", "Permohonan Merek", "Pendaftaran Fidusia"):
                make_service(unit, name=name, year=2026)
            leaves.append(unit)
    period = make_period(PERIOD, start=datetime.date(2026, 7, 1), end=datetime.date(2026, 12, 31))
    campaign = make_campaign(leaves, period, tuple(codes), with_service_links=False)
    versions = [
        (v.pk, v.scale_min, v.scale_max, [e.pk for e in v.elements.all()])
        for v in campaign.ordered_versions()
    ]
    services = {u.pk: list(Service.objects.filter(unit=u).values_list("pk", flat=True)) for u in leaves}
    layout = {"campaign": campaign.pk, "period": period.pk, "versions": versions, "services": services}
    return ministry.code, layout


def load(database_url: str, layout: dict, rows: int, seed: int = 11) -> None:  # type: ignore[type-arg]
    """COPY `rows` submissions, their responses and answers; ids are given so responses can point at them."""
    import psycopg

    from sikap.responses.models import Answer, Response, Submission

    rng = random.Random(seed)
    versions, services = layout["versions"], layout["services"]
    units = list(services)
    start = datetime.date(2026, 7, 1)
    created = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
    s_cols = [
        *("id", "key", "campaign_id", "period_id", "unit_id", "service_id", "channel", "created_at"),
        *("answered_on", "language", "device_hash", "network_hash", "status", "signals", "reasons"),
        *("verified", "review_reason", "age", "sex", "education", "occupation", "extra", "suggestion"),
        "complaint",
    ]
    with psycopg.connect(database_url, autocommit=False) as conn, conn.cursor() as cur:
        cur.execute("SET session_replication_role = replica")  # no FK trigger per row while loading
        subs = cur.copy(f"COPY {Submission._meta.db_table} ({', '.join(s_cols)}) FROM STDIN")
        with subs as copy:
            for sid in range(1, rows + 1):
                unit = rng.choice(units)
                roll = rng.random()
                status = "accepted" if roll < 0.90 else "suspect" if roll < 0.98 else "rejected"
                text = rng.random()
                suggestion = rng.choice(SUGGESTIONS) if text < 0.10 else ""
                complaint = rng.choice(COMPLAINTS) if text > 0.97 else ""
                if sid % 250_000 == 0:
                    suggestion = complaint = LONG_TEXT
                copy.write_row(
                    (
                        sid,
                        uuid.UUID(int=rng.getrandbits(128), version=4),
                        layout["campaign"],
                        layout["period"],
                        unit,
                        rng.choice(services[unit]) if rng.random() < 0.9 else None,
                        rng.choice(("web", "web", "web", "kiosk", "paper", "import")),
                        created,
                        start + datetime.timedelta(days=rng.randrange(184)),
                        "id",
                        f"{rng.getrandbits(256):064x}",
                        f"{rng.getrandbits(256):064x}",
                        status,
                        "{}",
                        "[]",
                        rng.random() < 0.2,
                        "",
                        rng.randint(17, 80) if rng.random() < 0.85 else None,
                        rng.choice(SEX),
                        rng.choice(EDUCATION),
                        rng.choice(OCCUPATION),
                        "{}",
                        suggestion,
                        complaint,
                    )
                )
        _copy_answers(cur, rng, rows, versions, Response._meta.db_table, Answer._meta.db_table)
        for model in (Submission, Response, Answer):
            table = model._meta.db_table
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        conn.commit()
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def _copy_answers(cur, rng, rows, versions, responses_table, answers_table) -> None:  # type: ignore[no-untyped-def]
    """Responses and answers as preformatted COPY text, a block of submissions at a time."""
    block = 20_000
    rid, aid = 0, 0
    with cur.copy(f"COPY {responses_table} (id, submission_id, version_id) FROM STDIN") as copy:
        for first in range(1, rows + 1, block):
            lines = []
            for sid in range(first, min(first + block, rows + 1)):
                for version_id, *_ in versions:
                    rid += 1
                    lines.append(f"{rid}\t{sid}\t{version_id}\n")
            copy.write("".join(lines))
    points = {(lo, hi): [str(p) for p in range(lo, hi + 1)] for _, lo, hi, _ in versions}
    with cur.copy(
        f"COPY {answers_table} (id, response_id, element_id, value, importance, not_applicable) FROM STDIN"
    ) as copy:
        rid = 0
        for first in range(1, rows + 1, block):
            lines = []
            for _ in range(first, min(first + block, rows + 1)):
                for _, lo, hi, elements in versions:
                    rid += 1
                    values = rng.choices(points[(lo, hi)], k=len(elements))
                    for element_id, value in zip(elements, values, strict=True):
                        if rng.random() < 0.02:
                            continue  # a blank answer
                        aid += 1
                        lines.append(f"{aid}\t{rid}\t{element_id}\t{value}\t\\N\tf\n")
            copy.write("".join(lines))


def server_cpu(database_url: str) -> float:
    """CPU seconds of the cluster so far: the postmaster and every backend it has reaped (cutime)."""
    host = database_url.split("host=", 1)[1]
    pid = (Path(host).parent / "data" / "postmaster.pid").read_text().split()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def run_export(fmt: str, unit: str, out: Path, env: dict[str, str]) -> dict[str, float | str]:
    """Run the real command in a child process: wall and CPU seconds, peak RSS in MB, its output line."""
    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "export-responses",
        "--unit",
        unit,
        "--period",
        PERIOD,
    ]
    command += ["--format", fmt, "-o", str(out), "--with-suspect", "--with-rejected"]
    server0, t0 = server_cpu(env["DATABASE_URL"]), time.monotonic()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - t0
    time.sleep(0.5)  # let the postmaster reap the child's backend, so its CPU time is counted
    output = (child.stdout.read() + child.stderr.read()).strip() if child.stdout and child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"export {fmt} failed: {output}")
    return {
        "wall": seconds,
        "client_cpu": usage.ru_utime + usage.ru_stime,
        "server_cpu": server_cpu(env["DATABASE_URL"]) - server0,
        "peak_mb": usage.ru_maxrss / 1024,
        "output": output,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000, help="submissions to load (default 1M)")
    parser.add_argument("--instruments", default="SKM", help="the campaign's bundle, e.g. SKM,SPKP,SPAK")
    parser.add_argument("--formats", default="csv,xlsx,sav", help="formats to export, in order")
    args = parser.parse_args()
    from sikap.testing.pgcluster import find_bindir, throwaway_cluster

    bindir = find_bindir()
    if bindir is None:
        print(
            "PostgreSQL binaries (initdb, pg_ctl) not found: install Debian's 'postgresql'.", file=sys.stderr
        )
        return 1
    codes = [c.strip().upper() for c in args.instruments.split(",") if c.strip()]
    cpu = platform.processor() or platform.machine()
    print(f"machine    {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with throwaway_cluster(bindir) as url, tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0"}
        os.environ.update(env)
        t0 = time.monotonic()
        ministry, layout = prepare(codes)
        load(url, layout, args.rows)
        answers = sum(len(v[3]) for v in layout["versions"])  # type: ignore[index]
        bundle = "+".join(codes)
        took = time.monotonic() - t0
        print(
            f"load       {args.rows:,} submissions x {answers} elements ({bundle}) in {took:.0f} s",
            flush=True,
        )
        for fmt in [f.strip() for f in args.formats.split(",") if f.strip()]:
            out = Path(tmp) / f"export.{fmt}"
            r = run_export(fmt, ministry, out, env)
            wall, cpu = float(r["wall"]), float(r["client_cpu"]) + float(r["server_cpu"])
            print(
                f"{fmt:<5}      {args.rows / wall:>8,.0f} rows/s wall ({wall:.1f} s), "
                f"{args.rows / cpu:>8,.0f} rows/CPU-s (export {float(r['client_cpu']):.1f} s + "
                f"PostgreSQL {float(r['server_cpu']):.1f} s), peak RSS {float(r['peak_mb']):.0f} MB, "
                f"file {out.stat().st_size / 2**20:.1f} MB, load avg {os.getloadavg()[0]:.1f}",
                flush=True,
            )
            out.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
