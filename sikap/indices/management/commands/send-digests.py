"""sikap send-digests [--date YYYY-MM-DD] [--period NAME] [--dry-run] [--force]

Run it once a day (cron or a scheduled task). On a weekend or holiday it sends nothing unless forced.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from sikap.accounts.models import Membership
from sikap.indices import digest as digests
from sikap.organisation.models import Period


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Tanggal tidak sah (invalid date), pakai YYYY-MM-DD: {value}") from error


class Command(BaseCommand):
    help = (
        "Kirim email harian ke operator unit dan admin wilayah tentang unit yang tertinggal dari target "
        "responden (send the daily digest of units behind their respondent target)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=_date, help="Tanggal acuan (YYYY-MM-DD); bawaan: hari ini.")
        parser.add_argument("--period", help="Nama periode; bawaan: semester yang memuat tanggal itu.")
        parser.add_argument("--dry-run", action="store_true", help="Tampilkan saja, jangan kirim email.")
        parser.add_argument(
            "--force", action="store_true", help="Kirim juga pada hari libur atau akhir pekan."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(options)

    def _handle(self, options: dict[str, Any]) -> None:
        day = options["date"] or timezone.localdate()
        if options["period"]:
            period = Period.objects.filter(name=options["period"]).first()
            if period is None:
                raise CommandError(
                    f"Periode tidak dikenal (unknown period): {options['period']}", returncode=2
                )
        else:
            period = digests.current_period(day)
            if period is None:
                raise CommandError(
                    f"Tidak ada semester yang memuat {day} (no semester contains it).", returncode=2
                )
        if not options["force"] and not digests.is_working_day(period, day):
            self.stdout.write(f"{day} bukan hari kerja: tidak ada email (not a working day; use --force).")
            return
        try:
            digest = digests.build(period, day)
        except ValueError as error:
            raise CommandError(str(error), returncode=2) from error
        for letter in digest.letters:
            if options["dry_run"]:
                self.stdout.write(f"[uji coba] {letter.user.email} ({letter.role}): {letter.subject}")
        sent = 0 if options["dry_run"] else digests.send(digest)
        self.stdout.write(self.summary(digest, sent, options["dry_run"]))

    def summary(self, digest: digests.Digest, sent: int, dry_run: bool) -> str:
        operators = sum(1 for letter in digest.letters if letter.role == Membership.Role.UNIT_OPERATOR)
        regional = len(digest.letters) - operators
        state = "akan dikirim (uji coba, tidak dikirim)" if dry_run else "terkirim"
        count = len(digest.letters) if dry_run else sent
        lines = [
            f"{digest.period.name}, {digest.day}: {digest.checked} unit dalam kampanye terbuka, "
            f"{len(digest.behind)} tertinggal dari target {digest.version.instrument.code}.",
            f"Email {state}: {count} ({operators} operator unit, {regional} admin wilayah).",
        ]
        if digest.without_email:
            names = ", ".join(user.username for user in digest.without_email)
            lines.append(f"{len(digest.without_email)} pengguna tanpa alamat email dilewati: {names}.")
        return "\n".join(lines)
