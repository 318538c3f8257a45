"""`sikap demo`: load the Ministry of Law demo data (idempotent)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from sikap.demo.loader import demo_logins, format_summary, load_demo
from sikap.lib.commands import refuse

NOT_PRODUCTION_FLAG = "--i-know-this-is-not-production"
# The demo creates a superuser and dozens of users with the password printed in the README: never on a
# production database by accident. DEBUG is off in production (.env.example), so it is the signal.
REFUSAL = (
    "Demo ditolak: DEBUG mati, jadi ini mungkin basis data produksi. Demo membuat superuser dan pengguna "
    "dengan kata sandi yang diterbitkan. Jalankan dengan DEBUG=1, atau dengan "
    f"{NOT_PRODUCTION_FLAG} bila yakin ini bukan produksi. / Demo refused: DEBUG is off, so this may be a "
    "production database; the demo creates a superuser and users with the published password. Run it "
    f"with DEBUG=1, or with {NOT_PRODUCTION_FLAG} if you are sure this is not production."
)


class Command(BaseCommand):
    help = (
        "Load the Kementerian Hukum demo: 38 provinces, the unit tree (8 Eselon I units, 33 Kanwil with "
        "their divisions, 5 Balai Harta Peninggalan), periods 2024-2026, the 2025 and 2026 service "
        "catalogues with user counts, one demo user per role, survey campaigns, and synthetic responses "
        "for the current semester and the two before it; employee rosters of Setjen, three Kanwil and a "
        "BHP with an internal ILK + integrity campaign per semester (invitations and answers) for the "
        "current semester and the one before; PEKPPP mandiri: last year's finished cycle (nine units "
        "with F-01, evidence, levels, validation and F-03 answers, grades A to D) and this year's cycle "
        "in progress with every unit that has public services. Safe to run again: it only adds what is "
        "missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--print-logins",
            action="store_true",
            help="Print the demo logins (username, role, unit, password) after loading.",
        )
        parser.add_argument(
            "--no-responses",
            action="store_true",
            help="Build everything but the synthetic survey responses and the internal campaigns (the "
            "employee rosters are loaded). Without it, the demo adds about 25,000 public respondents over "
            "the current semester and the two before it, and about 1,300 employees' answers to the internal "
            "surveys. The PEKPPP demo keeps its own F-03 answers (about 120).",
        )

        parser.add_argument(
            NOT_PRODUCTION_FLAG,
            action="store_true",
            dest="not_production",
            help="Load the demo although DEBUG is off (a test or staging database, never production).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["not_production"]:
            raise refuse(REFUSAL)
        started = time.perf_counter()
        summary = load_demo(responses=not options["no_responses"])
        elapsed = time.perf_counter() - started
        for line in format_summary(summary):
            self.stdout.write(line)
        verdict = "Demo loaded" if summary.created_anything else "Demo already complete, nothing changed"
        self.stdout.write(self.style.SUCCESS(f"{verdict} in {elapsed:.1f} s."))
        if options["print_logins"]:
            self._print_logins()

    def _print_logins(self) -> None:
        logins = demo_logins()
        header = ("username", "role", "unit", "password")
        rows = [header, *((x.username, x.role, x.unit, x.password) for x in logins)]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        self.stdout.write("")
        for n, row in enumerate(rows):
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
            if n == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write("Users that existed before the demo was loaded keep their own password.")
