"""Reading a roster file: one row per employee, checked whole before anything is stored.

The file is read by the responses importer's reader (`responses.import_table`: XLSX or CSV, the row and
column of every problem); the columns and values are `vocabulary`'s. Every cell is checked and every
problem listed, so a file is stored whole (by `actions.replace_rosters`) or not at all. A `unit` column
spreads one file over several units, each of which must be in the importer's writable reach.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from sikap.accounts.access import access_for
from sikap.audit.actors import Actor
from sikap.internal import vocabulary
from sikap.internal.models import Invitation, JobType, Perspective, RosterEntry
from sikap.lib import uploads
from sikap.lib.inputs import clean_text
from sikap.lib.spreadsheet import FORMULA_START  # a name refused that a spreadsheet would run as a formula
from sikap.organisation.models import Period, Unit

# Re-exported: callers take the whole roster import API from this module.
from sikap.responses.import_table import ImportFailed as ImportFailed
from sikap.responses.import_table import Problem as Problem
from sikap.responses.import_table import read_table

MAX_ROWS = 20_000
NAME_LENGTH = 200
PHONE = re.compile(r"^\+?[0-9][0-9 \-]*$")


@dataclass(frozen=True)
class Person:
    """One checked row: where it goes, its coarse attributes, and its contact (possibly empty)."""

    row: int
    unit: Unit
    job_type: str = ""
    perspective: str = Perspective.PENGGUNA
    sex: str = ""
    age_band: str = ""
    service_band: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""

    def entry(self, period: Period) -> RosterEntry:
        return RosterEntry(
            unit=self.unit,
            period=period,
            job_type=self.job_type,
            perspective=self.perspective,
            sex=self.sex,
            age_band=self.age_band,
            service_band=self.service_band,
        )

    @property
    def has_contact(self) -> bool:
        return bool(self.name or self.email or self.phone)


@dataclass
class UnitSummary:
    """What an import does to one unit: its new size, the entries it replaces, and the new mix."""

    unit: Unit
    entries: int
    replaces: int
    perspectives: list[tuple[str, int]]
    job_types: list[tuple[str, int]]
    without_email: int
    without_contact: int


@dataclass
class Plan:
    """A checked file, ready to store."""

    period: Period
    people: list[Person]
    filename: str
    digest: str
    warnings: list[str] = field(default_factory=list)

    def units(self) -> list[Unit]:
        return sorted({p.unit.pk: p.unit for p in self.people}.values(), key=lambda u: u.path)

    def summary(self) -> list[UnitSummary]:
        units = self.units()
        existing = RosterEntry.objects.counts_by_unit(self.period, [u.pk for u in units])
        found = []
        for unit in units:
            people = [p for p in self.people if p.unit.pk == unit.pk]
            perspectives = Counter(p.perspective for p in people)
            jobs = Counter(p.job_type for p in people)
            found.append(
                UnitSummary(
                    unit,
                    len(people),
                    existing.get(unit.pk, {}).get("entries", 0),
                    [(str(label), perspectives[v]) for v, label in Perspective.choices if perspectives[v]],
                    [(str(label), jobs[v]) for v, label in JobType.choices if jobs[v]]
                    + ([(_("(kosong)"), jobs[""])] if jobs[""] else []),
                    sum(1 for p in people if not p.email),
                    sum(1 for p in people if not (p.email or p.phone)),
                )
            )
        return found


def read_roster(actor: Actor, period: Period, filename: str, content: bytes, *, unit: Unit | None) -> Plan:
    """The checked rows of a roster file for `unit` (or the units its `unit` column names); raises
    ImportFailed listing every problem, nothing stored."""
    if len(content) > uploads.max_bytes("import"):
        raise ImportFailed([Problem(None, "", uploads.too_large("import", filename, len(content)))])
    empty = _("Berkas tidak berisi satu baris pegawai pun.")
    table = read_table(filename, content, max_rows=MAX_ROWS, empty=empty)
    columns, warnings = _columns(table.header, need_unit=unit is None)
    units, problems = _units(actor, table.rows, columns, unit)
    people: list[Person] = []
    for number, cells in table.rows:
        values: dict[str, Any] = {}
        for name, (index, header) in columns.items():
            raw = cells[index] if index < len(cells) else None
            value, error = _cell(name, raw)
            if error:
                problems.append(Problem(number, header, error))
            values[name] = value
        code = values.pop("unit", "") or (unit.code if unit else "")
        target = units.get(code.lower())
        if target is None:
            continue  # its unit's problem is already listed
        if not problems:
            values["perspective"] = values.get("perspective") or Perspective.PENGGUNA
            people.append(Person(number, target, **values))
    problems += _replaceable(period, {p.unit.pk: p.unit for p in people}.values() if not problems else [])
    if problems:
        raise ImportFailed(problems, warnings)
    return Plan(period, people, filename[:200], hashlib.sha256(content).hexdigest(), warnings)


def _columns(header: list[str], *, need_unit: bool) -> tuple[dict[str, tuple[int, str]], list[str]]:
    """Column name -> (index, header as written), and warnings for the columns left out."""
    columns: dict[str, tuple[int, str]] = {}
    warnings: list[str] = []
    problems: list[Problem] = []
    for index, text in enumerate(header):
        if not text:
            continue
        name = vocabulary.column_of(text)
        if not name:
            warnings.append(_("Kolom %(col)s tidak dikenal; diabaikan.") % {"col": text[:60]})
        elif name in columns:
            message = _("Kolom ganda (sama dengan kolom %(other)s).") % {"other": columns[name][1]}
            problems.append(Problem(None, text[:60], message))
        else:
            columns[name] = (index, text[:60])
    if not columns:
        names = ", ".join(names[0] for names in vocabulary.COLUMNS.values())
        message = _("Tidak ada kolom yang dikenali. Judul kolom yang diterima: %(names)s.")
        problems.append(Problem(None, "", message % {"names": names}))
    elif need_unit and "unit" not in columns:
        problems.append(Problem(None, "", _("Pilih unitnya, atau beri berkas kolom unit berisi kode unit.")))
    if problems:
        raise ImportFailed(problems, warnings)
    return columns, warnings


def _units(
    actor: Actor, rows: list[tuple[int, list[Any]]], columns: dict[str, tuple[int, str]], default: Unit | None
) -> tuple[dict[str, Unit], list[Problem]]:
    """The units the rows name (by lower-case code), and a problem for each row naming one that does
    not exist or is outside the importer's writable reach (the same words for both, so a file cannot
    probe which units exist)."""
    found: dict[str, Unit] = {default.code.lower(): default} if default else {}
    if "unit" not in columns:
        return found, []
    index, header = columns["unit"]
    codes = {_text(cells[index]).lower() for _n, cells in rows if index < len(cells) and _text(cells[index])}
    access = access_for(actor) if actor is not None else None
    # A code with a control character (a NUL, which PostgreSQL refuses) names no unit: not looked up.
    for unit in Unit.objects.filter(code__in=[c for c in codes if len(c) <= 40 and c.isprintable()]):
        if access is None or access.can_write(unit):
            found[unit.code.lower()] = unit
    problems = []
    for number, cells in rows:
        code = _text(cells[index]).lower() if index < len(cells) else ""
        if not code and default is None:
            problems.append(Problem(number, header, _("Wajib diisi: kode unit.")))
        elif code and code not in found:
            message = _("Unit “%(code)s” tidak dikenal atau di luar cakupan tulis Anda.")
            problems.append(Problem(number, header, message % {"code": code[:40]}))
    return found, problems


def _replaceable(period: Period, units: Any) -> list[Problem]:
    """A problem for each unit whose roster for the period already carries invitations."""
    units = list(units)
    invited = set(
        Invitation.objects.filter(entry__period=period, entry__unit__in=units).values_list(
            "entry__unit_id", flat=True
        )
    )
    return [Problem(None, "unit", refusal(u, period)) for u in units if u.pk in invited]


def refusal(unit: Unit, period: Period) -> str:
    return _(
        "Daftar pegawai %(unit)s periode %(period)s sudah dipakai untuk mengirim undangan survei "
        "internal; daftar itu tidak dapat diganti lagi (jumlah pegawai masih dapat dikoreksi admin)."
    ) % {"unit": unit.code, "period": period.name}


def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))  # a spreadsheet number: 81234567890.0 is a phone number, not a float
    return str(raw).strip()


def _cell(name: str, raw: Any) -> tuple[str, str]:
    """One cell as stored: (value, "") or ("", error)."""
    if name in vocabulary.READERS:
        return vocabulary.READERS[name](raw)
    text = _text(raw)
    if name == "unit" or not text:
        return text, ""
    _clean, error = clean_text(text, limit=len(text))  # its length is checked per column below
    if error:
        return "", error
    if text.startswith(FORMULA_START) and not (name == "phone" and PHONE.match(text)):
        return "", _("Isi yang diawali =, +, -, atau @ tidak diterima (dapat dijalankan sebagai rumus).")
    if name == "name":
        text = " ".join(text.split())
        if len(text) > NAME_LENGTH:
            return "", _("Nama terlalu panjang (paling banyak %(n)s karakter).") % {"n": NAME_LENGTH}
        return text, ""
    if name == "email":
        try:
            EmailValidator()(text)
        except ValidationError:
            return "", _("Alamat surel “%(value)s” tidak sah.") % {"value": text[:60]}
        if len(text) > 254:
            return "", _("Alamat surel terlalu panjang (paling banyak 254 karakter).")
        return text, ""
    return _phone(text)


def _phone(text: str) -> tuple[str, str]:
    digits = sum(c.isdigit() for c in text)
    if len(text) > 30 or not PHONE.match(text) or not 8 <= digits <= 15:
        message = _(
            "Nomor telepon “%(value)s” tidak sah: 8-15 angka, boleh dengan +, spasi, atau tanda hubung."
        )
        return "", message % {"value": text[:30]}
    return " ".join(text.split()), ""
