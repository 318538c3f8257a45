"""sikap report skm|spkp-spak --unit CODE --period NAME --format pdf|xlsx -o FILE [--subtree] [--service X]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.organisation.models import Period, Service, Unit
from sikap.reports.documents import FORMATS, KINDS, build
from sikap.reports.documents.common import ReportError


def _bad(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Buat laporan SKM atau SPKP/SPAK sebagai PDF atau XLSX (make an SKM or SPKP/SPAK report)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS, help="skm, spkp-spak, integritas atau ilk")
        parser.add_argument("--unit", required=True, help="Kode unit, misalnya bhp-jakarta.")
        parser.add_argument("--period", required=True, help="Nama periode, misalnya '2026 Semester II'.")
        parser.add_argument("--format", choices=FORMATS, help="pdf atau xlsx (bawaan: dari akhiran -o).")
        parser.add_argument("-o", "--output", required=True, help="Berkas tujuan.")
        parser.add_argument("--subtree", action="store_true", help="Sertakan semua unit di bawahnya.")
        parser.add_argument("--service", help="Nama jenis layanan unit itu (laporan per layanan).")
        parser.add_argument("--place", default="", help="Tempat pada blok pengesahan, misalnya Jakarta.")
        parser.add_argument(
            "--language", choices=("id", "en"), default="id", help="Bahasa laporan: id (bawaan) atau en."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        fmt = options["format"] or output.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise _bad(f"Format tidak dikenal (unknown format): {fmt or '-'}; pakai --format pdf atau xlsx.")
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise _bad(f"Unit tidak dikenal (unknown unit): {options['unit']}")
        period = Period.objects.filter(name=options["period"]).first()
        if period is None:
            raise _bad(f"Periode tidak dikenal (unknown period): {options['period']}")
        service = self._service(unit, period, options["service"])
        if not output.parent.is_dir():
            raise _bad(f"Folder tujuan tidak ada (no such folder): {output.parent}")
        try:
            built = build(
                options["kind"],
                fmt,
                unit,
                period,
                subtree=options["subtree"],
                service=service,
                place=options["place"],
                language=options["language"],
            )
        except ReportError as error:
            raise _bad(str(error)) from error
        output.write_bytes(built.content)
        self.stdout.write(f"Laporan ditulis ke {output} ({len(built.content):,} byte).".replace(",", "."))

    def _service(self, unit: Unit, period: Period, name: str | None) -> Service | None:
        if not name:
            return None
        services = list(Service.objects.filter(unit=unit, name__iexact=name, year=period.start.year))
        if len(services) != 1:
            found = "tidak ada" if not services else "lebih dari satu (kanal berbeda)"
            raise _bad(f"Layanan '{name}' pada {unit.code} tahun {period.start.year}: {found}.")
        return services[0]
