"""`sikap campaign-links [--unit CODE] [--json]`: the public links respondents can use today."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.instruments import queries
from sikap.instruments.models import PublicLink
from sikap.organisation.models import Unit

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "List the open public survey links (active link, open campaign, today within its period), "
        "optionally only those of one unit and the units below it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", metavar="CODE", help="Only links of this unit's subtree (unit code).")
        parser.add_argument("--json", action="store_true", help="Print a JSON list instead of a table.")

    def handle(self, *args: Any, **options: Any) -> None:
        query = (
            PublicLink.objects.open()
            .for_listing()
            .prefetch_related(queries.bundle_prefetch("campaign__campaign_versions"))
        )
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"Unknown unit code: {options['unit']!r}", returncode=2)
            query = query.filter(unit__path__startswith=unit.path)
        base = getattr(settings, "SIKAP_BASE_URL", DEFAULT_BASE_URL).rstrip("/")
        links = list(query.order_by("unit__path", "campaign__name", "service__name", "service__channel"))
        rows = [
            {
                "unit": link.unit.code,
                "period": link.campaign.period.name,
                "service": link.service.name if link.service else None,
                "instruments": queries.instrument_codes(link.campaign),
                "url": f"{base}{queries.public_path(link)}",
            }
            for link in links
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            self._table(rows, links)

    def _table(self, rows: list[dict[str, Any]], links: list[PublicLink]) -> None:
        # A service may run on two channels under one name: the table names the channel too.
        header = ("unit", "period", "service", "instruments", "url")
        cells = [header] + [
            (r["unit"], r["period"], _service_label(link), "+".join(r["instruments"]), r["url"])
            for r, link in zip(rows, links, strict=True)
        ]
        widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
        for n, row in enumerate(cells):
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        self.stdout.write(f"{len(rows)} open link(s).")


def _service_label(link: PublicLink) -> str:
    if link.service is None:
        return "(semua layanan)"
    return f"{link.service.name} [{link.service.channel}]"
