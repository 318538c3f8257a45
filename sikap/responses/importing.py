"""Importing responses from a CSV or XLSX file: read it, check every row, then store all rows or none.

One row per respondent, one column per element named by its code (U1, K3, A5, or SKM-U1 where codes
clash), optional date, service, profile and free-text columns. Every row is checked with the same
rules as the public form (`clean_answer`, `clean_field`: an element that allows it takes "TT", "N/A",
"tidak tahu" or "tidak berlaku", in any case, for "not applicable"); if any cell is wrong nothing is
stored and every problem is reported with its spreadsheet row (the header is row 1) and column. Each
row gets an idempotency key from the file's SHA-256 and its row number, so importing a file twice
counts it once.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.audit.actions import record
from sikap.audit.actors import Actor
from sikap.instruments.models import Campaign, Element, Field, InstrumentVersion
from sikap.instruments.queries import campaign_versions
from sikap.organisation.models import Period, Service, Unit
from sikap.responses import actions, queries

# Re-exported: callers import the whole import API from this module.
from sikap.responses.import_table import MAX_ROWS as MAX_ROWS
from sikap.responses.import_table import ImportFailed as ImportFailed
from sikap.responses.import_table import Problem as Problem
from sikap.responses.import_table import Table as Table
from sikap.responses.import_table import digest_of as digest_of
from sikap.responses.import_table import read_table as read_table
from sikap.responses.models import Submission
from sikap.responses.validation import Cleaned, answer_name, clean_submission, merged_fields

STORE_BATCH = 2000
KEY_NAMESPACE = uuid.UUID("5d1c6f0e-4a8b-5c39-9b0e-6b1d7e0a2f11")

# Header aliases (Indonesian and English) of the columns that are not fields, normalised as by `header_key`.
# Fields are found by their code and labels (`field_aliases`); "umur" is a synonym no label carries.
ALIASES = {
    "tanggal": "date",
    "date": "date",
    "layanan": "service",
    "service": "service",
    "umur": "age",
}


@dataclass
class Target:
    """Where the rows go: the campaign and unit, the instruments imported, the default service."""

    campaign: Campaign
    unit: Unit
    versions: tuple[InstrumentVersion, ...]  # every version of the campaign, elements and fields loaded
    services: list[Service]  # the unit's catalogue for the period's year
    service: Service | None = None  # for rows without a service cell
    instrument_codes: tuple[str, ...] = ()  # chosen instruments; empty = those the header has columns for

    @property
    def period(self) -> Period:
        return self.campaign.period


@dataclass
class Result:
    stored: int
    skipped: int
    warnings: list[str] = field(default_factory=list)
    # Scored elements some rows left blank (not "not applicable"): (column or code, rows), in form order.
    blanks: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Planned:
    row: int
    key: uuid.UUID
    answered_on: datetime.date
    service: Service | None
    cleaned: Cleaned


def resolve_target(
    unit: Unit, period: Period, *, service_name: str = "", instrument_codes: Iterable[str] = ()
) -> Target:
    """The campaign, instruments and default service for an import; ImportFailed if any is unknown."""
    campaign = queries.campaign_for(unit, period)
    if campaign is None:
        message = _("Tidak ada kampanye (dibuka atau ditutup) untuk unit %(unit)s pada periode %(period)s.")
        raise ImportFailed([Problem(None, "", message % {"unit": unit.code, "period": period.name})])
    versions = campaign_versions(campaign)
    services = list(Service.objects.filter(unit=unit, year=period.start.year).order_by("name", "channel"))
    target = Target(campaign, unit, versions, services)
    problems: list[Problem] = []
    known = {v.instrument.code.upper(): v.instrument.code for v in versions}
    codes = [c.strip().upper() for c in instrument_codes if c.strip()]
    for code in codes:
        if code not in known:
            message = _("Instrumen %(code)s tidak ada dalam kampanye (tersedia: %(known)s).")
            problems.append(Problem(None, "", message % {"code": code, "known": ", ".join(known.values())}))
    target.instrument_codes = tuple(known[c] for c in codes if c in known)
    if service_name.strip():
        target.service, error = find_service(services, service_name)
        if error:
            problems.append(Problem(None, "", error))
    if problems:
        raise ImportFailed(problems)
    return target


def find_service(services: Sequence[Service], name: str) -> tuple[Service | None, str]:
    """The catalogue service with this name (ignoring case): (service, "") or (None, error)."""
    wanted = " ".join(name.split()).lower()
    found = [s for s in services if s.name.lower() == wanted]
    if len(found) == 1:
        return found[0], ""
    if found:
        return None, _("Nama layanan “%(name)s” ada di lebih dari satu kanal; pilih layanan lain.") % {
            "name": name[:60]
        }
    names = ", ".join(dict.fromkeys(s.name for s in services)) or _("(katalog kosong)")
    message = _("Layanan “%(name)s” tidak ada di katalog unit untuk tahun ini; pilih salah satu: %(names)s.")
    return None, message % {"name": name[:60], "names": names}


def import_file(
    actor: Actor,
    target: Target,
    filename: str,
    content: bytes | IO[bytes],
    *,
    progress: Callable[[int], None] | None = None,
) -> Result:
    """Read, check and store a file in one go; raises ImportFailed (nothing stored) on any problem.
    `content` is the bytes or a binary file, read as a stream; `progress` hears the rows read."""
    digest = digest_of(content)
    table = read_table(filename, content, progress=progress)
    return import_rows(actor, target, filename, table, digest)


def import_rows(actor: Actor, target: Target, filename: str, table: Table, digest: str) -> Result:
    """Check and store a file already read (`read_table`) whose bytes have this SHA-256: all or nothing.

    Two passes over the rows in batches of `STORE_BATCH`, so a large file never holds every row's checked
    answers at once: the first checks them all and keeps only the problems (ImportFailed lists every
    one), the second checks each batch again and stores it, inside one transaction."""
    warnings = check_all(target, table, digest)
    blanks: dict[str, int] = {}
    stored = 0
    with transaction.atomic():
        for batch in _batches(table):
            planned, _same = check(target, batch, digest)
            for name, n in blank_counts(target, table.header, planned):
                blanks[name] = blanks.get(name, 0) + n
            stored += store(actor, target, planned)
        if stored:
            rows = len(table.rows)
            after = {"unit": target.unit.code, "file_sha256": digest, "rows": rows, "stored": stored}
            record(actor, "responses.import_file", target.campaign, after=after, reason=filename[:200])
    order = {name: i for i, name in enumerate(_element_columns(target, table.header))}
    found = sorted(blanks.items(), key=lambda item: order.get(item[0], len(order)))
    return Result(stored=stored, skipped=len(table.rows) - stored, warnings=warnings, blanks=found)


def check_all(target: Target, table: Table, digest: str) -> list[str]:
    """Every row checked, batch by batch, keeping only the problems; the warnings, or ImportFailed."""
    problems: list[Problem] = []
    warnings: list[str] = []
    for batch in _batches(table):
        try:
            _planned, warnings = check(target, batch, digest)
        except ImportFailed as failed:
            if any(p.row is None for p in failed.problems):
                raise  # the header or the options: the same for every batch
            problems += failed.problems
            warnings = failed.warnings
    if problems:
        raise ImportFailed(problems, warnings)
    return warnings


def _batches(table: Table) -> Iterable[Table]:
    for start in range(0, max(1, len(table.rows)), STORE_BATCH):
        yield Table(table.header, table.rows[start : start + STORE_BATCH])


def _element_columns(target: Target, header: list[str]) -> list[str]:
    """The scored elements' columns (or codes) in form order: the order blanks are reported in."""
    columns, selected, _warnings = map_columns(target, header)
    header_of = {c.name: c.header for c in columns}
    names = [answer_name(v, e) for v in selected for e in v.elements.all()]
    return [header_of.get(name, name) for name in names]


def blank_counts(target: Target, header: list[str], planned: Sequence[Planned]) -> list[tuple[str, int]]:
    """How many rows of the file left each scored element blank, named by its column (or its code
    when the file has no column for it); elements every row answered are left out."""
    columns, selected, _warnings = map_columns(target, header)
    header_of = {c.name: c.header for c in columns}
    found: list[tuple[str, int]] = []
    for version in selected:
        for element in version.elements.all():
            blank = sum(1 for p in planned if element.pk not in p.cleaned.answers.get(version.pk, {}))
            if blank:
                name = answer_name(version, element)
                found.append((header_of.get(name, name), blank))
    return found


# Checking --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    name: str  # the key clean_submission reads: SKM-U1, SKM-U1-imp, age, ..., or "date" / "service"


def header_key(header: str) -> str:
    """A header as the importer compares it: lower case, runs of spaces and underscores as one "_"."""
    return re.sub(r"[\s_]+", "_", header.strip().lower())


def map_columns(target: Target, header: list[str]) -> tuple[list[Column], list[InstrumentVersion], list[str]]:
    """Which column feeds which input, the versions imported, and warnings; ImportFailed if ambiguous."""
    by_header: dict[str, list[tuple[InstrumentVersion, str]]] = {}
    for version in target.versions:
        for element in version.elements.all():
            for name, key in _element_keys(version, element):
                by_header.setdefault(key, []).append((version, name))
    wanted = set(target.instrument_codes)
    if not wanted:
        wanted = {v.instrument.code for h in header for v, _n in by_header.get(header_key(h), [])}
    selected = [v for v in target.versions if v.instrument.code in wanted]
    if not selected:
        codes = ", ".join(f"{v.instrument.code} ({_first_codes(v)})" for v in target.versions)
        message = _("Tidak ada kolom unsur yang dikenali. Kolom unsur dinamai dengan kodenya: %(codes)s.")
        raise ImportFailed([Problem(None, "", message % {"codes": codes})])
    field_codes = field_aliases(merged_fields(selected))
    columns: list[Column] = []
    warnings: list[str] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for index, text in enumerate(header):
        key = header_key(text)
        if not key:
            continue
        matches = [(v, n) for v, n in by_header.get(key, []) if v in selected]
        name = ""
        if len(matches) == 1:
            name = matches[0][1]
        elif len(matches) > 1:
            message = _("Kode unsur ini ada di beberapa instrumen; tulis dengan kode instrumen, mis. %(ex)s.")
            problems.append(Problem(None, text, message % {"ex": f"{matches[0][0].instrument.code}-{text}"}))
            continue
        elif key in by_header:
            owner = by_header[key][0][0].instrument.code
            warnings.append(
                _("Kolom %(col)s milik instrumen %(code)s yang tidak diimpor; diabaikan.")
                % {"col": text, "code": owner}
            )
            continue
        else:
            name = ALIASES.get(key) or field_codes.get(key, "")
        if not name:
            warnings.append(_("Kolom %(col)s tidak dikenal; diabaikan.") % {"col": text})
            continue
        if name in seen:
            problems.append(
                Problem(None, text, _("Kolom ganda (sama dengan kolom %(other)s).") % {"other": seen[name]})
            )
            continue
        seen[name] = text
        columns.append(Column(index, text, name))
    if problems:
        raise ImportFailed(problems, warnings)
    return columns, selected, warnings


def field_aliases(fields: Sequence[Field]) -> dict[str, str]:
    """Header -> field code: the code, then the labels in both languages (with and without a bracketed
    unit: "Usia (tahun)" and "Usia") and the breakdown titles. A banded field's title names its bands
    ("Kelompok usia"), not its values, so it is left out: an export's band column stays unmapped."""
    found = {header_key(spec.code): spec.code for spec in fields}
    for spec in fields:
        names = [spec.label, spec.label_en]
        if not spec.bands:
            names += [spec.breakdown_label, spec.breakdown_label_en]
        for name in filter(None, names):
            for key in (header_key(name), header_key(re.sub(r"\(.*?\)", " ", name))):
                if key:
                    found.setdefault(key, spec.code)
    return found


def _element_keys(version: InstrumentVersion, element: Element) -> list[tuple[str, str]]:
    name = answer_name(version, element)
    pairs = [(name, header_key(element.code)), (name, header_key(name))]
    if element.ask_importance:
        pairs += [
            (f"{name}-imp", header_key(f"{element.code}-imp")),
            (f"{name}-imp", header_key(f"{name}-imp")),
        ]
    return pairs


def _first_codes(version: InstrumentVersion) -> str:
    codes = [e.code for e in version.elements.all()]
    return f"{codes[0]}..{codes[-1]}" if codes else "-"


def check(target: Target, table: Table, digest: str) -> tuple[list[Planned], list[str]]:
    """Every row checked; the rows ready to store, or ImportFailed listing every problem."""
    columns, selected, warnings = map_columns(target, table.header)
    header_of = {c.name: c.header for c in columns}
    today = timezone.localdate()
    period = target.period
    has_date = "date" in header_of
    if not has_date and not period.start <= today <= period.end:
        message = _("Kolom tanggal wajib ada: hari ini di luar periode %(period)s (%(start)s s.d. %(end)s).")
        problem = Problem(
            None, "", message % {"period": period.name, "start": period.start, "end": period.end}
        )
        raise ImportFailed([problem], warnings)
    problems: list[Problem] = []
    planned: list[Planned] = []
    for number, cells in table.rows:
        data = {c.name: cells[c.index] if c.index < len(cells) else None for c in columns}
        answered_on, error = parse_date(data.pop("date", None), period, today)
        if error:
            problems.append(Problem(number, header_of["date"], error))
        service, error = target.service, ""
        raw_service = data.pop("service", None)
        if raw_service is not None and str(raw_service).strip():
            service, error = find_service(target.services, str(raw_service))
            if error:
                problems.append(Problem(number, header_of["service"], error))
        cleaned = clean_submission(
            selected, data, require_answers=False, enforce_required_fields=False, name_elements=False
        )
        for name, message in cleaned.errors.items():
            problems.append(Problem(number, header_of.get(name, ""), message))
        if not problems:
            key = uuid.uuid5(KEY_NAMESPACE, f"{digest}:{number}")
            planned.append(Planned(number, key, answered_on or today, service, cleaned))
    if problems:
        raise ImportFailed(problems, warnings)
    return planned, warnings


def parse_date(raw: Any, period: Period, today: datetime.date) -> tuple[datetime.date | None, str]:
    """A date cell (YYYY-MM-DD, DD/MM/YYYY or a spreadsheet date) inside the period and not in the future."""
    text = "" if raw is None else str(raw).strip()
    if not text:
        if period.start <= today <= period.end:
            return today, ""
        return None, _("Wajib diisi: hari ini di luar periode.")
    day = _day_of(raw, text)
    if day is None:
        message = _("Tanggal “%(value)s” tidak dikenali (pakai YYYY-MM-DD atau DD/MM/YYYY).")
        return None, message % {"value": text[:20]}
    if not period.start <= day <= period.end:
        return None, _("Tanggal %(day)s di luar periode (%(start)s s.d. %(end)s).") % {
            "day": day.isoformat(),
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        }
    if day > today:
        return None, _("Tanggal %(day)s belum terjadi.") % {"day": day.isoformat()}
    return day, ""


def _day_of(raw: Any, text: str) -> datetime.date | None:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            # A text date exported with its time ("2026-08-05 00:00:00") keeps only the day.
            return datetime.datetime.strptime(text.split()[0].split("T")[0], fmt).date()
        except ValueError:
            continue
    return None


# Storing ---------------------------------------------------------------------------------------


def store(actor: Actor, target: Target, planned: list[Planned]) -> int:
    """Store a batch of checked rows (inside the import's transaction); rows whose key is already stored
    are skipped. The number stored."""
    keys = [p.key for p in planned]
    done: set[uuid.UUID] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        done.update(Submission.objects.filter(key__in=chunk).values_list("key", flat=True))
    visits = [
        (
            actions.Visit(
                campaign=target.campaign,
                unit=target.unit,
                key=p.key,
                channel=Submission.Channel.IMPORT,
                service=p.service,
                answered_on=p.answered_on,
            ),
            p.cleaned,
        )
        for p in planned
        if p.key not in done
    ]
    return len(actions.submit_many(actor, visits))
