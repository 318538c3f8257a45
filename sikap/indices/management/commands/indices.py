"""sikap indices [--unit CODE] --period NAME [--instrument X] [--subtree] [--with-suspect] [--json]"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.indices.queries import indices_json, unit_index, version_for
from sikap.indices.templatetags.indices_tags import idnum
from sikap.instruments.models import DEFAULT_INSTRUMENT
from sikap.organisation.models import Period, Unit


class Command(BaseCommand):
    help = (
        "Tampilkan indeks satu unit atau seluruh organisasi (show the index of a unit or the organisation)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", help="Kode unit; tanpa ini: seluruh organisasi (whole organisation).")
        parser.add_argument("--period", required=True, help="Nama periode, misalnya '2026 Semester II'.")
        parser.add_argument(
            "--instrument", default=DEFAULT_INSTRUMENT, help="SKM, SPKP, SPAK atau kode instrumen lain."
        )
        parser.add_argument("--subtree", action="store_true", help="Gabungkan semua unit di bawahnya.")
        parser.add_argument("--with-suspect", action="store_true", help="Ikutkan jawaban yang diragukan.")
        parser.add_argument("--json", action="store_true", help="Cetak JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        period = Period.objects.filter(name=options["period"]).first()
        if period is None:
            raise CommandError(f"Periode tidak dikenal (unknown period): {options['period']}", returncode=2)
        version = version_for(options["instrument"].upper(), period)
        if version is None:
            raise CommandError(
                f"Instrumen tidak dikenal (unknown instrument): {options['instrument']}", returncode=2
            )
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"Unit tidak dikenal (unknown unit): {options['unit']}", returncode=2)
            units, subtree = [unit], options["subtree"]
        else:
            units, subtree = list(Unit.objects.filter(parent__isnull=True)), True
        items = [
            unit_index(u, period, version, subtree=subtree, with_suspect=options["with_suspect"])
            for u in units
        ]
        if options["json"]:
            payload = indices_json(
                items, period, version, subtree=subtree, with_suspect=options["with_suspect"]
            )
            self.stdout.write(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False))
            return
        for item in items:
            r, p = item.result, item.progress
            if r.suppressed:
                self.stdout.write(
                    f"{item.unit.name} · {period.name} · {version.instrument.code}: "
                    f"n = {idnum(r.respondents, 0)}, disembunyikan (kurang dari k = {r.k} responden)"
                )
                continue
            self.stdout.write(
                f"{item.unit.name} · {period.name} · {version.instrument.code}: "
                f"n = {idnum(r.respondents, 0)}, nilai {idnum(r.score)} {r.grade} {r.label}; "
                f"target {idnum(p.target.minimum, 0)}, tercapai {idnum(p.attained, 0)} "
                f"({idnum(p.percent, 1)} %), {p.status.label}"
            )
