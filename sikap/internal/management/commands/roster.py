"""`sikap roster import FILE [--unit CODE] --period NAME` and `sikap roster purge [--days N]`.

import: one row per employee (XLSX or CSV); all or nothing: on any problem every one is printed on
stderr with its row and column, nothing is stored, and the exit code is 2. Importing again for a unit
and period replaces that unit's roster (refused once invitations were made from it).
purge: deletes the rosters (entries, contacts, invitations) of periods that ended more than N days ago
(default SIKAP_ROSTER_RETENTION_DAYS), keeping the headcounts; prints what it deleted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from sikap.accounts.access import access_for
from sikap.internal import actions, importing
from sikap.lib.commands import file_bytes, period_by_name, unit_by_code, user_by_name


class Command(BaseCommand):
    help = "Daftar pegawai survei internal: impor dari berkas, hapus yang melewati masa simpan."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="impor daftar pegawai dari berkas XLSX atau CSV")
        load.add_argument("file", help="berkas .xlsx atau .csv, satu baris per pegawai")
        load.add_argument("--unit", default="", help="kode unit (boleh kosong bila berkas punya kolom unit)")
        load.add_argument("--period", required=True, help="nama periode, mis. '2026 Semester I'")
        load.add_argument("--user", default="", help="nama pengguna yang dicatat sebagai pengimpor")
        purge = sub.add_parser("purge", help="hapus daftar pegawai periode yang sudah lewat masa simpan")
        purge.add_argument(
            "--days",
            type=int,
            default=None,
            help="hari setelah akhir periode (bawaan: SIKAP_ROSTER_RETENTION_DAYS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "purge":
            self._purge(options["days"])
        else:
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        content = file_bytes(options["file"])
        unit = unit_by_code(options["unit"]) if options["unit"] else None
        period = period_by_name(options["period"])
        actor = user_by_name(options["user"])
        try:
            if unit is not None and actor is not None:
                access_for(actor).require_write(unit)
            plan = importing.read_roster(actor, period, path.name, content, unit=unit)
            done = actions.replace_rosters(actor, plan)
        except importing.ImportFailed as failed:
            for warning in failed.warnings:
                self.stderr.write(f"Peringatan: {warning}")
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(failed.problems)} kesalahan; tidak ada yang disimpan.", returncode=2
            ) from None
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(message)
            raise CommandError("Tidak ada yang disimpan.", returncode=2) from None
        except (PermissionDenied, Http404):  # the same words either way, so a unit cannot be probed
            raise CommandError(
                f"Unit {options['unit']} di luar cakupan tulis pengguna ini.", returncode=2
            ) from None
        for warning in plan.warnings:
            self.stdout.write(f"Peringatan: {warning}")
        for item in done:
            self.stdout.write(
                f"{item.unit.code}: {item.entries} pegawai tersimpan ({item.contacts} dengan kontak), "
                f"menggantikan {item.replaced} pegawai dalam daftar {period.name}."
            )

    def _purge(self, days: int | None) -> None:
        days = settings.SIKAP_ROSTER_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days tidak boleh negatif.", returncode=2)
        purged = actions.purge_rosters(None, days=days)
        for item in purged:
            self.stdout.write(
                f"{item.period} {item.unit}: {item.entries} pegawai, {item.contacts} kontak, "
                f"{item.invitations} undangan dihapus."
            )
        self.stdout.write(
            f"{len(purged)} daftar (unit dan periode) dihapus; periode yang berakhir lebih dari {days} hari "
            "lalu. Jumlah pegawai tetap disimpan."
        )
