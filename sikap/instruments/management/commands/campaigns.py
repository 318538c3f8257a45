"""`sikap campaigns [--json]`: every campaign with its period, audience, instruments, units and status."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Prefetch

from sikap.instruments.models import Campaign, CampaignVersion
from sikap.organisation.models import Unit


class Command(BaseCommand):
    help = "List every survey campaign: period, audience (public or internal), instruments, units, status."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print a JSON list instead of a table.")

    def handle(self, *args: Any, **options: Any) -> None:
        campaigns = (
            Campaign.objects.select_related("period")
            .prefetch_related(
                Prefetch(
                    "campaign_versions",
                    CampaignVersion.objects.select_related("version__instrument").order_by("order"),
                ),
                Prefetch("units", Unit.objects.only("pk", "code", "path").order_by("path")),
            )
            .order_by("pk")
        )
        rows: list[dict[str, Any]] = [
            {
                "id": c.pk,
                "period": c.period.name,
                "audience": c.audience,
                "instruments": [cv.version.instrument.code for cv in c.campaign_versions.all()],
                "units": [u.code for u in c.units.all()],
                "status": c.status,
            }
            for c in campaigns
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(
                f"{row['id']:>5}  {row['status']:<7} {row['audience']:<9} {row['period']:<22} "
                f"{','.join(row['instruments']):<20} {len(row['units'])} unit"
            )
