"""sikap prune-jobs [--export-days 7] [--report-days 90]: delete finished jobs' files past their retention."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.reports.actions import EXPORT_DAYS, REPORT_DAYS, prune_jobs


class Command(BaseCommand):
    help = (
        "Hapus berkas ekspor dan laporan yang melewati masa simpan "
        "(delete export and report files past their retention)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--export-days", type=int, default=EXPORT_DAYS, help="Masa simpan ekspor (hari).")
        parser.add_argument(
            "--report-days", type=int, default=REPORT_DAYS, help="Masa simpan laporan (hari)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["export_days"] < 0 or options["report_days"] < 0:
            raise CommandError("Masa simpan tidak boleh negatif (days must be 0 or more).", returncode=2)
        pruned = prune_jobs(export_days=options["export_days"], report_days=options["report_days"])
        self.stdout.write(f"Dihapus: {pruned.exports} ekspor, {pruned.reports} laporan.")
