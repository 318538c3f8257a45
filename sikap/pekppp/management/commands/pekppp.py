"""`sikap pekppp import-f02|import-f03|result`: a lokus unit's F-02 levels and F-03 answers from CSV
files, and its result.

import-f02 FILE.csv --unit CODE --year YYYY [--user NAME]: columns `indikator` (number 1-30 or code such
  as 1.a.Ak), `nilai` (0-5), optional `catatan`.
import-f03 FILE.csv --unit CODE --year YYYY: one column per F-03 item by its official number (1-12, 14,
  15), one row per respondent, values 0-5; stored as F-03 submissions of the cycle's campaign.
result --unit CODE --year YYYY [--f03-policy ...] [--f03-method ...] [--json].

Imports are all or nothing: on any problem every one is printed on stderr with its row and column,
nothing is stored, and the exit code is 2 (as for an unknown unit, year or user).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from sikap.accounts.access import access_for
from sikap.lib.commands import file_bytes, unit_by_code, user_by_name
from sikap.pekppp import actions, csvfiles
from sikap.pekppp.actions.f03 import campaign_version
from sikap.pekppp.models import Cycle, Lokus
from sikap.pekppp.results import result_of
from sikap.scoring.pekppp import F03Method, F03Policy


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Evaluasi PEKPPP: impor nilai F-02 dan jawaban F-03 dari berkas CSV, tampilkan hasil unit lokus."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (
            ("import-f02", "impor nilai F-02 (kolom indikator, nilai, catatan)"),
            ("import-f03", "impor jawaban F-03 (satu kolom per nomor butir, satu baris per responden)"),
            ("result", "hasil unit lokus: nilai aspek, F-02, F-03, IPP, predikat"),
        ):
            command = sub.add_parser(name, help=text)
            if name != "result":
                command.add_argument("file", help="berkas .csv")
            command.add_argument("--unit", required=True, help="kode unit lokus")
            command.add_argument("--year", required=True, type=int, help="tahun siklus evaluasi")
            command.add_argument(
                "--scheme", default="", choices=["", *Cycle.Scheme.values], help="skema siklus"
            )
            if name == "import-f02":
                command.add_argument("--user", default="", help="nama pengguna evaluator yang dicatat")
            if name == "result":
                command.add_argument("--f03-policy", default="", choices=["", *(p.value for p in F03Policy)])
                command.add_argument("--f03-method", default="", choices=["", *(m.value for m in F03Method)])
                command.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        lokus = self._lokus(options)
        if options["action"] == "result":
            self._result(lokus, options)
            return
        content = file_bytes(options["file"])
        try:
            if options["action"] == "import-f02":
                self._import_f02(lokus, content, options)
            else:
                self._import_f03(lokus, content)
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(message)
            raise _fail("Tidak ada yang disimpan.") from None
        except UnicodeDecodeError:
            raise _fail("Berkas harus berupa CSV UTF-8.") from None

    def _lokus(self, options: dict[str, Any]) -> Lokus:
        unit = unit_by_code(options["unit"])
        cycles = Cycle.objects.filter(year=options["year"])
        if options["scheme"]:
            cycles = cycles.filter(scheme=options["scheme"])
        if not cycles.exists():
            raise _fail(f"Tidak ada siklus PEKPPP tahun {options['year']}.")
        found = list(Lokus.objects.filter(cycle__in=cycles, unit=unit).select_related("cycle", "unit"))
        if not found:
            raise _fail(f"Unit {unit.code} bukan unit lokus siklus PEKPPP tahun {options['year']}.")
        if len(found) > 1:
            raise _fail(
                f"Unit {unit.code} menjadi lokus di lebih dari satu siklus tahun itu; sebutkan --scheme."
            )
        return found[0]

    def _problems(self, problems: csvfiles.Problems) -> None:
        if problems:
            for line in problems.lines:
                self.stderr.write(line)
            raise _fail(f"{len(problems.lines)} kesalahan; tidak ada yang disimpan.")

    def _import_f02(self, lokus: Lokus, content: bytes, options: dict[str, Any]) -> None:
        actor = user_by_name(options["user"])
        rows, problems = csvfiles.read_f02(content, lokus.indicators())
        self._problems(problems)
        if actor is not None:
            access = access_for(actor)
            for aspect in sorted({r.indicator.aspect.code for r in rows}):
                try:
                    access.require_score(lokus, aspect)
                except (Http404, PermissionDenied):
                    raise _fail(
                        f"{actor} tidak ditugaskan menilai aspek {aspect} unit {lokus.unit.code}."
                    ) from None
        reason = f"Impor F-02 dari {Path(options['file']).name}"
        scores = actions.set_levels(actor, lokus, rows, reason=reason)
        self.stdout.write(f"{len(scores)} nilai F-02 disimpan untuk {lokus.unit.code} ({lokus.cycle}).")

    def _import_f03(self, lokus: Lokus, content: bytes) -> None:
        version = campaign_version(lokus)
        codes = list(version.elements.order_by("order").values_list("code", flat=True))
        rows, problems = csvfiles.read_f03(content, codes)
        self._problems(problems)
        stored = actions.import_f03(None, lokus, rows)
        self.stdout.write(f"{len(stored)} tanggapan F-03 disimpan untuk {lokus.unit.code} ({lokus.cycle}).")

    def _result(self, lokus: Lokus, options: dict[str, Any]) -> None:
        found = result_of(lokus, policy=options["f03_policy"] or None, method=options["f03_method"] or None)
        data = found.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        aspects = ", ".join(f"{code} {value:.4f}" for code, value in data["aspects"].items())
        f03 = "-" if data["f03"] is None else f"{data['f03']:.4f}"
        ipp = "-" if data["ipp"] is None else f"{data['ipp']:.2f} ({data['grade']} {data['label']})"
        self.stdout.write(f"{lokus.unit.code} {lokus.cycle}")
        self.stdout.write(f"Aspek: {aspects}")
        self.stdout.write(
            f"F-02 {data['f02']:.4f}; F-03 {f03} "
            f"({found.f03_method_label}, {data['f03_respondents']} tanggapan)"
        )
        self.stdout.write(f"IPP {ipp}")
        self.stdout.write(data["reason"])
