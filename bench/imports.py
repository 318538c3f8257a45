"""Import benchmark: peak memory and time of the largest accepted import files, and of hostile ones.

    make bench-imports      # docs/benchmarks.md has the figures
    make bench-imports BENCH_IMPORTS_ARGS="--rows 10000"

What it does, on a throwaway SQLite database in a temporary folder:
1. migrates and creates the test world's units, a period and an open SKM + SPKP + SPAK campaign (through
   the factories, as the tests do), and writes the files: a CSV and an XLSX at the documented maximum
   (50,000 rows, every element of the three instruments plus date and profile columns), an XLSX
   declaring the dimension A1:XFD1048576, and a zip bomb (an XLSX of about 1 MB whose shared string
   unpacks to 1 GB);
2. imports each file in its own process through the web's background path (`import_jobs.queue_import`
   with the immediate task backend: stage the file in the database, `run_import_job` reads, checks and
   stores it all or nothing), on a fresh copy of the prepared database, and prints that process's peak
   memory (VmHWM, Django start-up included), its wall and CPU time (of the whole process) and the job's
   outcome.
It is not a test: it prints figures, it does not pass or fail.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _django(db: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["SIKAP_TASKS_BACKEND"] = "immediate"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def prepare(folder: Path, rows: int) -> None:
    """Migrate, create the campaign, and write the four files into `folder`."""
    _django(folder / "prepared.sqlite3")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sikap.responses import importing
    from sikap.responses.tests.hostile_files import whole_sheet_dimension, zip_bomb
    from sikap.testing.factories import make_campaign, make_world

    world = make_world()
    campaign = make_campaign([world.division])
    target = importing.resolve_target(world.division, campaign.period)
    header, cells = ["tanggal"], []
    for version in target.versions:
        for element in version.elements.all():
            header.append(element.code)
            cells.append(list(version.points))
    header += ["usia", "jenis_kelamin", "saran"]
    start, end = campaign.period.start, min(campaign.period.end, datetime.date.today())
    days = max(1, (end - start).days)
    rng = random.Random(14)
    table = [header]
    for _n in range(rows):
        day = start + datetime.timedelta(days=rng.randrange(days))
        answers = [str(rng.choice(points)) for points in cells]
        table.append([day.isoformat(), *answers, str(rng.randint(18, 70)), rng.choice("LP"), "Antrean lama."])
    (folder / "largest.csv").write_text("\n".join(",".join(r) for r in table) + "\n", encoding="utf-8")
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in table:
        sheet.append([int(c) if c.isdigit() else c for c in row])
    book.save(folder / "largest.xlsx")
    (folder / "whole-sheet.xlsx").write_bytes(whole_sheet_dimension(table[:3]))
    (folder / "zip-bomb.xlsx").write_bytes(zip_bomb(1024))
    (folder / "meta.txt").write_text(f"{world.operator.pk} {world.division.pk} {campaign.period.pk}\n")


def run(folder: Path, name: str) -> None:
    """Import one file as the web's background path does, in this process; print the figures."""
    db = folder / f"run-{name}.sqlite3"
    shutil.copy(folder / "prepared.sqlite3", db)
    _django(db)
    from sikap.accounts.models import User
    from sikap.organisation.models import Period, Unit
    from sikap.responses import import_jobs, importing

    user_pk, unit_pk, period_pk = (int(x) for x in (folder / "meta.txt").read_text().split())
    target = importing.resolve_target(Unit.objects.get(pk=unit_pk), Period.objects.get(pk=period_pk))
    path = folder / name
    started = time.perf_counter()
    with path.open("rb") as file:
        job = import_jobs.queue_import(User.objects.get(pk=user_pk), target, name, file)
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    outcome = job.outcome or {}
    if job.status == job.Status.DONE:
        said = f"stored {outcome['stored']} rows"
    else:
        problems = outcome.get("problems") or [[None, "", job.status]]
        said = f"{job.status}: {problems[0][2][:90]}"
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    size = path.stat().st_size / 1e6
    print(f"{name:17} {size:7.2f} MB {_peak_mb():7.0f} MB {seconds:7.1f} s {cpu:7.1f} s  {said}")
    db.unlink()


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000, help="rows of the largest files (50,000)")
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--run", nargs=2, metavar=("FOLDER", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        return prepare(args.prepare, args.rows)
    if args.run:
        return run(Path(args.run[0]), args.run[1])
    load = os.getloadavg()
    now = f"{datetime.datetime.now():%Y-%m-%d %H:%M}"
    print(f"{platform.node()} {os.cpu_count()} cores, Python {platform.python_version()}, {now}")
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; SQLite; rows {args.rows:,}")
    with tempfile.TemporaryDirectory(prefix="sikap-bench-imports-") as tmp:
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--prepare", tmp], check=True)
        print(f"prepared in {time.perf_counter() - started:.0f} s")
        print(f"{'file':17} {'size':>10} {'peak RSS':>10} {'wall':>9} {'CPU':>9}  outcome")
        for name in ("largest.csv", "largest.xlsx", "whole-sheet.xlsx", "zip-bomb.xlsx"):
            subprocess.run([sys.executable, __file__, "--run", tmp, name], check=True)


if __name__ == "__main__":
    main()
