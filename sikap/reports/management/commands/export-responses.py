"""sikap export-responses --unit CODE --period NAME --format csv|xlsx|sav -o FILE [--instrument SKM]
[--with-suspect] [--with-rejected] [--no-free-text]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.instruments.models import Instrument
from sikap.organisation.models import Period, Unit
from sikap.reports import exports
from sikap.reports.actions import record_export
from sikap.reports.exports import Export, Scope


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = (
        "Ekspor jawaban responden tanpa identitas (export anonymised responses) dari satu unit dan unit di "
        "bawahnya: CSV, XLSX atau SPSS .sav."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Kode unit; unit di bawahnya ikut.")
        parser.add_argument("--period", required=True, help="Nama periode, misalnya '2026 Semester II'.")
        parser.add_argument("--format", required=True, help="csv, xlsx atau sav.")
        parser.add_argument("-o", "--output", required=True, help="Berkas tujuan (output file).")
        parser.add_argument("--instrument", default="", help="Hanya satu instrumen: SKM, SPKP, SPAK...")
        parser.add_argument("--with-suspect", action="store_true", help="Ikutkan kiriman yang diragukan.")
        parser.add_argument("--with-rejected", action="store_true", help="Ikutkan kiriman yang ditolak.")
        parser.add_argument(
            "--no-free-text", action="store_true", help="Tanpa saran dan pengaduan (may hold personal data)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = options["format"].lower()
        if fmt not in exports.FORMATS:
            raise _fail(f"Format tidak dikenal (unknown format): {options['format']}; pilih csv, xlsx, sav.")
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise _fail(f"Unit tidak dikenal (unknown unit): {options['unit']}")
        period = Period.objects.filter(name=options["period"]).first()
        if period is None:
            raise _fail(f"Periode tidak dikenal (unknown period): {options['period']}")
        instrument = options["instrument"].upper()
        if instrument and not Instrument.objects.filter(code=instrument).exists():
            raise _fail(f"Instrumen tidak dikenal (unknown instrument): {options['instrument']}")
        statuses = exports.statuses(options["with_suspect"], options["with_rejected"])
        export = Export(Scope(unit, period, instrument, statuses, not options["no_free_text"]))
        if instrument and not export.layout.version_ids:
            raise _fail(f"Instrumen {instrument} tidak dipakai pada periode {period.name} di unit ini.")
        output = options["output"]
        try:
            with open(output, "ab"):  # fails now, before the export's work, if the place is not writable
                pass
        except OSError as error:
            raise _fail(f"Berkas tujuan tidak dapat ditulis (cannot write output): {error}") from None
        record_export(None, export.scope, fmt)
        rows = export.write(fmt, output)
        self.stdout.write(f"{rows} kiriman ditulis ke {output} ({fmt}).")
