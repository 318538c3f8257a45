"""The rows of an export: what it covers (`Scope`), its columns (`Layout`), its submissions in chunks.

Submissions are read by keyset pagination, `CHUNK` at a time, with one more query for the chunk's answers
(two queries per chunk, whatever the size): the CSV and XLSX writers run in constant memory, and .sav
keeps only compact codes (see `sav`). An answer "not applicable / don't know" is the string `NA_CODE`
("TT") in the rows, never a number: CSV and XLSX write it as is, .sav as a user-missing code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from operator import itemgetter
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import translation
from django.utils.text import slugify

from sikap.indices.queries import period_versions
from sikap.instruments.models import Field, InstrumentVersion
from sikap.instruments.profile import band_of
from sikap.organisation.models import Period, Service, Unit
from sikap.responses import anonymity, profile
from sikap.responses.models import Answer, Response, Submission
from sikap.responses.validation import NA_CODE as NA_CODE  # re-exported: the writers take it from here
from sikap.responses.validation import merged_fields

CHUNK = 2000
NA_LABEL = "Tidak berlaku/tidak tahu"
PRIVACY_NOTE = (
    "Data pribadi (UU 27/2022): tanpa identitas, tetapi saran dan pengaduan dapat memuat data pribadi; "
    "jangan disebarkan di luar keperluan dinas."
)
SUBMISSION_FIELDS = ("pk", "unit_id", "service_id", "channel", "answered_on", "status", "verified")


@dataclass(frozen=True)
class Scope:
    """What to export: a unit and its subtree, a period, optionally one instrument, and which statuses."""

    unit: Unit
    period: Period
    instrument: str = ""
    statuses: tuple[str, ...] = (Submission.Status.ACCEPTED,)
    free_text: bool = True

    def filename(self, fmt: str) -> str:
        parts = ["jawaban", self.unit.code, slugify(self.period.name), self.instrument.lower()]
        return "-".join(p for p in parts if p) + f".{fmt}"


@dataclass
class Column:
    """One exported variable: name, label, and how .sav stores it (`kind`) with its value labels."""

    name: str
    label: str
    kind: str  # number, category, coded, flag, date, score, text
    values: dict[int, str] = field(default_factory=dict)
    codes: dict[Any, int] = field(default_factory=dict)  # stored value -> .sav code, for `coded`
    measure: str = "nominal"
    na: bool = False  # an answer column whose element allows "not applicable / don't know" (`NA_CODE`)


@dataclass
class Layout:
    """The columns of one export and what it needs to fill them (units, services, answer columns)."""

    columns: list[Column]
    answer_keys: list[tuple[str, list[int]]]  # per answer column: "value"/"importance", element ids
    version_ids: list[int]
    units: dict[int, tuple[str, str]]
    services: dict[int, str]
    # Per answer column: whether it may hold `NA_CODE` (its element allows "not applicable").
    answer_na: list[bool] = field(default_factory=list)
    # The profile fields of the versions, in the defined order: a column each, and one more per banded one.
    profile: list[Field] = field(default_factory=list)
    # Feedback fields kept in `extra` (an internal survey's "saran"): only in internal rows' free text.
    feedback: list[str] = field(default_factory=list)

    @cached_property
    def free_text(self) -> list[int]:
        """Positions of the profile's free-text columns, which the CSV defuses like suggestions."""
        kinds = (Field.Kind.TEXT, Field.Kind.LONG_TEXT)
        names = {f.code for f in self.profile if f.kind in kinds}
        return [i for i, c in enumerate(self.columns) if c.name in names]

    @cached_property
    def stored(self) -> list[str]:
        """The Submission columns the profile columns read (with `extra` when a field lives there)."""
        columns, needs_extra = profile.stored_in([f.code for f in self.profile])
        return [*columns, "extra"] if needs_extra else columns

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @cached_property
    def positions(self) -> tuple[dict[int, int], dict[int, int]]:
        """Element id -> answer column index, for values and for importance."""
        at: dict[str, dict[int, int]] = {"value": {}, "importance": {}}
        for index, (kind, element_ids) in enumerate(self.answer_keys):
            at[kind].update(dict.fromkeys(element_ids, index))
        return at["value"], at["importance"]


def _coded(name: str, label: str, pairs: Sequence[tuple[Any, Any]]) -> Column:
    column = Column(name, label, "coded", codes={"": 0, None: 0})
    for code, (value, text) in enumerate(pairs, start=1):
        column.codes[value] = code
        column.values[code] = str(text)
    return column


def _profile_columns(fields: list[Field]) -> list[Column]:
    """A column per profile field (labels in the reader's language), and its band right after it."""
    columns = []
    for spec in fields:
        if spec.kind == Field.Kind.INTEGER:
            # .sav keeps a "score" in one byte with 0 for blank (ages 10-120 fit); wider ranges as categories.
            small = (spec.min_value or 0) >= 1 and spec.max_value is not None and spec.max_value <= 127
            columns.append(
                Column(spec.code, spec.display_label(), "score" if small else "category", measure="scale")
            )
        elif spec.kind == Field.Kind.CHOICE:
            columns.append(_coded(spec.code, spec.display_label(), spec.options()))
        else:
            columns.append(Column(spec.code, spec.display_label(), "text"))
        if spec.bands:
            columns.append(_coded(spec.dimension, spec.title(), spec.categories()))
    return columns


def _profile_cells(fields: list[Field], stored: list[str]) -> Callable[[Sequence[Any]], list[Any]]:
    """From a row's stored profile values (in `Layout.stored` order), its profile cells."""
    at = {name: i for i, name in enumerate(stored)}
    getters: list[Callable[[Sequence[Any]], Any]] = []
    for spec in fields:
        if spec.code in profile.COLUMNS:
            get: Callable[[Sequence[Any]], Any] = itemgetter(at[spec.code])
        else:
            get = partial(_from_extra, at["extra"], spec.code)
        getters.append(get)
        if spec.bands:
            known = {age: band_of(age, spec.bands) for age in (None, *range(130))}
            getters.append(partial(_band_cell, get, known, spec.bands))
    return lambda values: [get(values) for get in getters]


def _from_extra(index: int, code: str, values: Sequence[Any]) -> Any:
    return (values[index] or {}).get(code)


def _band_cell(
    get: Callable[[Sequence[Any]], Any], known: dict[Any, str], bands: Any, values: Sequence[Any]
) -> str:
    value = get(values)
    if value in known:
        return known[value]
    return "" if value in (None, "") else band_of(int(value), bands)


def _answer_columns(versions: list[InstrumentVersion]) -> tuple[list[Column], list[tuple[str, list[int]]]]:
    """One column per instrument and element code; the newest version names it, older ones share it."""
    specs: dict[str, dict[str, Any]] = {}  # column name -> label, points, element ids, importance
    order: dict[str, list[str]] = {}
    for version in versions:  # newest first within each instrument
        code = version.instrument.code
        for element in version.elements.all():
            name = f"{code}_{element.code}"
            if name not in specs:
                order.setdefault(code, []).append(name)
                points = dict(element.point_labels())
                label = element.display_name()
                specs[name] = {"label": label, "points": points, "ids": [], "imp": False, "na": False}
            specs[name]["ids"].append(element.pk)
            specs[name]["imp"] |= element.ask_importance
            specs[name]["na"] |= element.allow_na
    columns, keys = [], []
    for names in order.values():
        for name in names:
            spec = specs[name]
            columns.append(
                Column(name, spec["label"], "score", spec["points"], measure="ordinal", na=spec["na"])
            )
            keys.append(("value", spec["ids"]))
        for name in (n for n in names if specs[n]["imp"]):
            label = f"{specs[name]['label']} (kepentingan)"
            columns.append(Column(f"{name}_imp", label, "score", measure="ordinal"))
            keys.append(("importance", specs[name]["ids"]))
    return columns, keys


def layout_for(scope: Scope) -> Layout:
    """The columns of an export, from the instrument versions used in the scope's period.

    Labels are Indonesian whoever downloads: an export is a data file for analysts, the same file from a
    background job (which has no reader) as from the page, and its codebook is written in Indonesian."""
    with translation.override(settings.LANGUAGE_CODE):
        return _layout_for(scope)


def _layout_for(scope: Scope) -> Layout:
    subtree = Unit.objects.subtree_of(scope.unit)
    versions = period_versions(scope.period, subtree.values("pk"))
    if scope.instrument:
        versions = [v for v in versions if v.instrument.code == scope.instrument]
    fields = [f for f in merged_fields(versions) if f.section == Field.Section.PROFILE]
    S = Submission
    columns = [
        Column("no", "Nomor urut", "number", measure="scale"),
        Column("unit_code", "Kode unit", "category"),
        Column("unit_name", "Nama unit", "category"),
        Column("service", "Jenis layanan", "category"),
        _coded("channel", "Kanal", S.Channel.choices),
        Column("answered_on", "Tanggal pengisian", "date", measure="scale"),
        _coded("status", "Status", S.Status.choices),
        Column("verified", "Terverifikasi kode layanan", "flag", {0: "Tidak", 1: "Ya"}),
        *_profile_columns(fields),
    ]
    answers, keys = _answer_columns(versions)
    columns += answers
    if scope.free_text:
        columns += [Column("suggestion", "Saran", "text"), Column("complaint", "Pengaduan", "text")]
    services = Service.objects.filter(unit__path__startswith=scope.unit.path).values_list("pk", "name")
    return Layout(
        columns=columns,
        answer_keys=keys,
        version_ids=[v.pk for v in versions],
        answer_na=[c.na for c in answers],  # `answers` is parallel to `keys`
        units={pk: (code, name) for pk, code, name in subtree.values_list("pk", "code", "name")},
        services=dict(services),
        profile=fields,
        feedback=[
            f.code
            for f in merged_fields(versions)
            if f.section == Field.Section.FEEDBACK and f.code not in ("suggestion", "complaint")
        ],
    )


def submissions(scope: Scope, layout: Layout, *, internal: bool = False) -> QuerySet[Submission]:
    """The scope's public submissions in id order (with `internal`, its internal ones instead); with an
    instrument, only those that answered it."""
    found = Submission.objects.filter(
        period=scope.period, unit__path__startswith=scope.unit.path, status__in=scope.statuses
    )
    if scope.instrument:
        answered = Response.objects.filter(submission=OuterRef("pk"), version_id__in=layout.version_ids)
        found = found.filter(Exists(answered))
    if internal:
        return found.filter(channel=Submission.Channel.INTERNAL).order_by("pk")
    return found.exclude(channel=Submission.Channel.INTERNAL).order_by("pk")


@dataclass
class InternalRow:
    pk: int
    unit_id: int
    status: str
    attributes: dict[str, str]  # as `anonymity.mask` shows them
    texts: tuple[str | None, str | None] | None  # suggestion, complaint when the campaign exports them


def internal_rows(scope: Scope, layout: Layout) -> list[InternalRow]:
    """The internal submissions the export may carry, in the order it writes them (see `anonymity`):
    only groups (campaign and unit) of at least k exported rows; their roster attributes masked; free text
    only when the campaign's `free_text_in_exports` is on (and the export asked for free text); rows by
    unit, then in an order keyed on a secret, never by id, which follows the time of answering. Two
    queries; internal surveys are small (a roster each), so their rows are held in memory."""
    wanted = ("pk", "unit_id", "campaign_id", "status", "extra", "suggestion", "complaint")
    found = list(submissions(scope, layout, internal=True).values_list(*wanted))
    if not found:
        return []
    rules = anonymity.settings_of({row[2] for row in found})
    groups: dict[tuple[int, int], list[tuple[Any, ...]]] = {}
    for row in found:
        groups.setdefault((row[2], row[1]), []).append(row)
    kept = []
    for (campaign, _unit), members in groups.items():
        k = anonymity.k_of(rules, campaign)
        if len(members) < k:
            continue
        free = scope.free_text and rules.get(campaign, (k, False))[1]
        masked = anonymity.mask([extra or {} for *_head, extra, _s, _c in members], k)
        for (pk, unit_id, _campaign, status, extra, suggestion, complaint), shown in zip(
            members, masked, strict=True
        ):
            texts = _texts(layout, extra or {}, suggestion, complaint) if free else None
            kept.append(InternalRow(pk, unit_id, status, shown, texts))
    secret = settings.SECRET_KEY.encode()
    kept.sort(key=lambda r: (layout.units.get(r.unit_id, ("", ""))[0], _shuffled(secret, r.pk)))
    return kept


def _texts(layout: Layout, extra: dict[str, Any], suggestion: str, complaint: str) -> tuple[Any, Any]:
    """An internal row's suggestion (with the survey's own feedback fields, such as the ILK's "saran")
    and complaint."""
    parts = [suggestion, *(str(extra.get(code) or "") for code in layout.feedback)]
    return "\n\n".join(p for p in parts if p) or None, complaint or None


def _shuffled(secret: bytes, pk: int) -> bytes:
    return hashlib.sha256(secret + str(pk).encode()).digest()


def _pivot(layout: Layout, ids: list[int]) -> dict[int, list[Any]]:
    """Answers of these submissions as one list per submission, in the layout's answer column order.

    Plain (submission, element, value) rows pivoted here cost the database and Python less than one
    conditional aggregate per element. The id range lets PostgreSQL walk the (submission, version) index;
    a bare IN list of 2,000 ids made it scan the whole response table per chunk. Where the chunk's ids are
    dense the range alone suffices (stray rows are dropped below) and spares binding 2,000 parameters.
    """
    value_at, importance_at = layout.positions
    found = Answer.objects.filter(
        response__submission_id__gte=ids[0],
        response__submission_id__lte=ids[-1],
        response__version_id__in=layout.version_ids,
    )
    if ids[-1] - ids[0] >= 2 * len(ids):
        found = found.filter(response__submission_id__in=ids)
    fields = ["response__submission_id", "element_id", "value", "importance"]
    sql, params = found.order_by().values_list(*fields[: 4 if importance_at else 3]).query.sql_with_params()
    with connection.cursor() as cursor:  # integers only: no converters needed, so skip the ORM's per-row work
        cursor.execute(sql, params)
        answers = cursor.fetchall()
    width = len(layout.answer_keys)
    rows: dict[int, list[Any]] = {submission_id: [None] * width for submission_id in ids}
    for submission_id, element_id, value, *importance in answers if importance_at else ():
        row = rows.get(submission_id)
        if row is not None:
            row[value_at[element_id]] = NA_CODE if value is None else value
            if importance[0] is not None:
                row[importance_at[element_id]] = importance[0]
    for submission_id, element_id, value in () if importance_at else answers:
        row = rows.get(submission_id)
        if row is not None:
            row[value_at[element_id]] = NA_CODE if value is None else value
    return rows


class Rows:
    """One export's scope, its layout, and its rows read in chunks; `Export` adds a writer per format."""

    def __init__(self, scope: Scope, chunk_size: int = CHUNK) -> None:
        self.scope = scope
        self.layout = layout_for(scope)
        self.chunk_size = chunk_size
        self.rows = 0
        self.on_chunk: Callable[[int], None] | None = None  # told the rows done after each chunk

    def chunks(self) -> Iterator[list[list[Any]]]:
        """Lists of rows (plain values: int, str, date, None), `chunk_size` submissions at a time."""
        layout, size = self.layout, self.chunk_size
        free_text = ("suggestion", "complaint") if self.scope.free_text else ()
        query = submissions(self.scope, layout).values_list(*SUBMISSION_FIELDS, *layout.stored, *free_text)
        blank: list[Any] = [None] * len(layout.answer_keys)
        last, units, services = 0, layout.units, layout.services
        stored = len(layout.stored)
        cells = _profile_cells(layout.profile, layout.stored)
        while True:
            chunk = list(query.filter(pk__gt=last)[:size])
            if not chunk:
                break
            last = chunk[-1][0]
            answers = _pivot(layout, [row[0] for row in chunk]) if layout.answer_keys else {}
            rows = []
            for pk, unit_id, service_id, channel, day, status, verified, *rest in chunk:
                self.rows += 1
                code, name = units.get(unit_id, ("", ""))
                rows.append(
                    [
                        *(self.rows, code, name, services.get(service_id, ""), channel, day, status),
                        int(verified),
                        *cells(rest[:stored]),
                        *answers.get(pk, blank),
                        *rest[stored:],
                    ]
                )
            if self.on_chunk is not None:
                self.on_chunk(self.rows)
            yield rows
            if len(chunk) < size:
                break
        yield from self.internal_chunks()

    def internal_chunks(self) -> Iterator[list[list[Any]]]:
        """The rows of the scope's internal submissions (`internal_rows`), after the public ones: no date
        (a day can tell who answered), no service, no verification, only the masked roster attributes,
        free text only as the campaign allows."""
        layout, size = self.layout, self.chunk_size
        found = internal_rows(self.scope, layout)
        cells = _profile_cells(layout.profile, layout.stored)
        blank_stored: list[Any] = [None] * len(layout.stored)
        extra_at = layout.stored.index("extra") if "extra" in layout.stored else None
        blank: list[Any] = [None] * len(layout.answer_keys)
        for start in range(0, len(found), size):
            chunk = found[start : start + size]
            answers = _pivot(layout, sorted(r.pk for r in chunk)) if layout.answer_keys else {}
            rows = []
            for row in chunk:
                self.rows += 1
                stored = list(blank_stored)
                if extra_at is not None:
                    stored[extra_at] = {name: value or None for name, value in row.attributes.items()}
                code, name = layout.units.get(row.unit_id, ("", ""))
                texts = list(row.texts or (None, None)) if self.scope.free_text else []
                rows.append(
                    [
                        *(self.rows, code, name, "", Submission.Channel.INTERNAL.value, None, row.status),
                        0,
                        *cells(stored),
                        *answers.get(row.pk, blank),
                        *texts,
                    ]
                )
            if self.on_chunk is not None:
                self.on_chunk(self.rows)
            yield rows


def statuses(with_suspect: bool, with_rejected: bool) -> tuple[str, ...]:
    S = Submission.Status
    chosen = ((S.ACCEPTED, True), (S.SUSPECT, with_suspect), (S.REJECTED, with_rejected))
    return tuple(str(status) for status, wanted in chosen if wanted)
