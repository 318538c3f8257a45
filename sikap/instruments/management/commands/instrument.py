"""sikap instrument show CODE [--json]: an instrument's current published version."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.instruments.models import InstrumentVersion


def describe(version: InstrumentVersion) -> dict[str, Any]:
    """The documented JSON of a version: code, number, scale, dimensions and elements."""
    dimensions = [
        {"code": str(entry[0]), "name": str(entry[1]) if len(entry) > 1 else str(entry[0])}
        for entry in (version.scoring or {}).get("dimensions", [])
    ]
    return {
        "code": version.instrument.code,
        "version": version.number,
        "scale": {"min": version.scale_min, "max": version.scale_max},
        "dimensions": dimensions,
        "elements": [
            {"code": e.code, "name": e.name, "dimension": e.dimension, "reverse": bool(e.reverse)}
            for e in version.elements.all()
        ],
    }


class Command(BaseCommand):
    help = "Tampilkan versi terbit sebuah instrumen (show an instrument's current published version)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["show"], help="show")
        parser.add_argument("code", help="Kode instrumen, misalnya ILK.")
        parser.add_argument("--json", action="store_true", help="Cetak JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        version = (
            InstrumentVersion.objects.published()
            .filter(instrument__code__iexact=options["code"])
            .select_related("instrument")
            .prefetch_related("elements")
            .order_by("-number")
            .first()
        )
        if version is None:
            raise CommandError(
                f"Instrumen tanpa versi terbit (no published version): {options['code']}", returncode=2
            )
        found = describe(version)
        if options["json"]:
            self.stdout.write(json.dumps(found, ensure_ascii=False))
            return
        self.stdout.write(
            f"{found['code']} v{found['version']}, skala {version.scale_min}-{version.scale_max}"
        )
        for element in found["elements"]:
            turned = " (terbalik)" if element["reverse"] else ""
            self.stdout.write(f"  {element['code']:<8} {element['dimension']:<5} {element['name']}{turned}")
