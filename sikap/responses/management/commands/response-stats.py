"""`sikap response-stats [--unit CODE] [--period NAME] [--json]`: counts of submissions by status."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sikap.lib.commands import period_by_name, unit_by_code
from sikap.responses import queries


class Command(BaseCommand):
    help = "Jumlah kiriman responden menurut status (unit termasuk sub-unitnya)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", default="", help="kode unit (termasuk sub-unit)")
        parser.add_argument("--period", default="", help="nama periode")
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = unit_by_code(options["unit"]) if options["unit"] else None
        period = period_by_name(options["period"]) if options["period"] else None
        counts = queries.stats(unit, period)
        if options["json"]:
            self.stdout.write(json.dumps(counts))
            return
        scope = " · ".join(x for x in (unit.code if unit else "", period.name if period else "") if x)
        self.stdout.write(
            f"{scope or 'Semua'}: {counts['total']} kiriman — {counts['accepted']} diterima, "
            f"{counts['suspect']} diragukan, {counts['rejected']} ditolak"
        )
