"""sikap rebuild-indices [--period NAME]: recompute the rollups from the stored responses."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.indices.tallies import rebuild
from sikap.organisation.models import Period


class Command(BaseCommand):
    help = "Hitung ulang rekap indeks dari jawaban tersimpan (recompute the index rollups from responses)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", help="Nama periode, misalnya '2026 Semester II' (default: semua).")

    def handle(self, *args: Any, **options: Any) -> None:
        periods = None
        if options["period"]:
            periods = list(Period.objects.filter(name=options["period"]))
            if not periods:
                raise CommandError(
                    f"Periode tidak dikenal (unknown period): {options['period']}", returncode=2
                )
        started = time.perf_counter()
        rebuild(periods)
        which = options["period"] or "semua periode (all periods)"
        self.stdout.write(f"Rekap dihitung ulang untuk {which} dalam {time.perf_counter() - started:.2f} s.")
