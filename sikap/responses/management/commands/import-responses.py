"""`sikap import-responses FILE --unit CODE --period NAME`: import responses from an XLSX or CSV file.

All or nothing: on any problem (file, options, or any cell) nothing is stored, every problem is printed
on stderr, and the exit code is 2. Importing the same file again stores nothing new.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.lib.commands import file_bytes, period_by_name, unit_by_code, user_by_name
from sikap.responses import importing


class Command(BaseCommand):
    help = "Impor jawaban responden dari berkas XLSX atau CSV (semua atau tidak sama sekali)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="berkas .xlsx atau .csv (UTF-8, pemisah koma atau titik koma)")
        parser.add_argument("--unit", required=True, help="kode unit")
        parser.add_argument("--period", required=True, help="nama periode, mis. '2026 Semester I'")
        parser.add_argument("--service", default="", help="layanan untuk baris tanpa kolom layanan")
        parser.add_argument(
            "--instrument",
            action="append",
            default=[],
            help="kode instrumen yang diimpor (boleh diulang atau dipisah koma); "
            "bawaan: setiap instrumen kampanye yang kolom unsurnya ada di berkas",
        )
        parser.add_argument("--user", default="", help="nama pengguna yang dicatat sebagai pengentri")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        content = file_bytes(options["file"])
        unit = unit_by_code(options["unit"])
        period = period_by_name(options["period"])
        actor = user_by_name(options["user"])
        codes = [code for value in options["instrument"] for code in value.split(",")]
        started = time.perf_counter()
        try:
            target = importing.resolve_target(
                unit, period, service_name=options["service"], instrument_codes=codes
            )
            result = importing.import_file(actor, target, path.name, content)
        except importing.ImportFailed as failed:
            for warning in failed.warnings:
                self.stderr.write(f"Peringatan: {warning}")
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(failed.problems)} kesalahan; tidak ada yang disimpan.", returncode=2
            ) from None
        for warning in result.warnings:
            self.stdout.write(f"Peringatan: {warning}")
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{result.stored} baris tersimpan; {result.skipped} baris dilewati karena sudah pernah diimpor; "
            f"{len(result.warnings)} peringatan ({seconds:.1f} detik)."
        )
        for name, blank in result.blanks:
            self.stdout.write(f"Unsur {name} kosong di {blank} baris (tidak dihitung dalam NRR unsur itu).")
