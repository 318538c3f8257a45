"""`sikap campaign-links [--unit CODE] [--json] [--base-url URL]`: the links respondents can use today."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.instruments import queries
from sikap.instruments.models import PublicLink
from sikap.lib.links import configured_base_url
from sikap.organisation.models import Unit


class Command(BaseCommand):
    help = (
        "List the open public survey links (active link, open campaign, today within its period), "
        "optionally only those of one unit and the units below it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", metavar="CODE", help="Only links of this unit's subtree (unit code).")
        parser.add_argument("--json", action="store_true", help="Print a JSON list instead of a table.")
        parser.add_argument(
            "--base-url",
            metavar="URL",
            help="Public address of this installation (default: the SIKAP_BASE_URL setting).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # A command has no request to take a host from: a guessed host or port would print dead links.
        base = (options["base_url"] or configured_base_url()).rstrip("/")
        if not base:
            raise CommandError(
                "The public address is unknown: set SIKAP_BASE_URL or pass --base-url "
                "(for example --base-url https://survei.example.go.id).",
                returncode=2,
            )
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
