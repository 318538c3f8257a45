"""The import template of a campaign's instrument bundle for one unit: an XLSX file to fill in.

The first sheet has exactly the headers the importer reads (date, service, each element by its code,
or instrument and code where two instruments share one, importance columns, the profile and feedback
fields by their label), the second lists per column what it accepts: the scale and "TT", the unit's
catalogue for the period's year, each option with the codes and words its synonyms accept.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sikap.instruments.models import Field
from sikap.lib.spreadsheet import append_row
from sikap.responses.importing import Target, field_aliases, header_key
from sikap.responses.validation import NA_CODE, answer_name, merged_fields


@dataclass(frozen=True)
class TemplateColumn:
    header: str
    accepts: str  # the values the column takes
    note: str  # what it is, and other accepted spellings


def template_columns(target: Target) -> list[TemplateColumn]:
    """The template's columns in order, each with what it accepts."""
    period = target.period
    names = ", ".join(dict.fromkeys(s.name for s in target.services))
    columns = [
        TemplateColumn(
            _("tanggal"),
            _("YYYY-MM-DD atau DD/MM/YYYY, %(start)s s.d. %(end)s")
            % {"start": period.start.isoformat(), "end": period.end.isoformat()},
            _("Tanggal pelayanan; kosong = hari ini bila masih dalam periode."),
        ),
        TemplateColumn(
            _("layanan"),
            names or _("(katalog unit untuk tahun ini kosong)"),
            _("Nama layanan seperti di katalog unit (huruf besar/kecil tidak dibedakan); boleh kosong."),
        ),
    ]
    shared = Counter(e.code for v in target.versions for e in v.elements.all())
    for version in target.versions:
        scale = ", ".join(str(n) for n in range(version.scale_min, version.scale_max + 1))
        for element in version.elements.all():
            header = element.code if shared[element.code] == 1 else answer_name(version, element)
            accepts = scale + (f", {NA_CODE}" if element.allow_na else "")
            note = f"{version.instrument.code} {element.code} {element.display_name()}"
            if element.allow_na:
                note += " — " + _("TT = tidak berlaku / tidak tahu")
            columns.append(TemplateColumn(header, accepts, note + "; " + _("kosong = tidak dijawab")))
            if element.ask_importance:
                low = ", ".join(str(n) for n in range(max(1, version.scale_min), version.scale_max + 1))
                columns.append(
                    TemplateColumn(
                        f"{header}-imp", low, _("Kepentingan (harapan) %(code)s") % {"code": element.code}
                    )
                )
    fields = merged_fields(target.versions)
    aliases = field_aliases(fields)
    for spec in fields:
        label = spec.display_label()
        header = label if aliases.get(header_key(label)) == spec.code else spec.code
        columns.append(TemplateColumn(header, *_field_accepts(spec)))
    return columns


def _field_accepts(spec: Field) -> tuple[str, str]:
    if spec.kind == Field.Kind.CHOICE:
        values = [str(choice[0]) for choice in spec.choices]
        words: dict[str, list[str]] = {v: [] for v in values}
        synonyms = spec.synonyms if isinstance(spec.synonyms, dict) else {}
        for word, value in synonyms.items():
            if str(value) in words:
                words[str(value)].append(str(word))
        also = "; ".join(f"{v} = {', '.join(w)}" for v, w in words.items() if w)
        note = _("Huruf besar/kecil tidak dibedakan.")
        if also:
            note += " " + _("Juga diterima: %(also)s") % {"also": also}
        return ", ".join(values), note
    if spec.kind == Field.Kind.INTEGER:
        low = "" if spec.min_value is None else spec.min_value
        high = "" if spec.max_value is None else spec.max_value
        return _("angka bulat %(low)s-%(high)s") % {"low": low, "high": high}, spec.label
    limit = 4000 if spec.kind == Field.Kind.LONG_TEXT else 200
    return _("teks, paling banyak %(n)s karakter") % {"n": limit}, spec.label


def template_xlsx(target: Target) -> bytes:
    """The template as XLSX: the headers on the first sheet, what each column accepts on the second."""
    return columns_xlsx(template_columns(target), _("Jawaban"))


def columns_xlsx(columns: list[TemplateColumn], first_sheet: str) -> bytes:
    """An import template: the headers on the first sheet (named `first_sheet`), what each column
    accepts on the second ("Kode"). Any importer with its own columns (the roster's too) writes it."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = first_sheet[:31]
    append_row(sheet, [c.header for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    codes = book.create_sheet(_("Kode")[:31])
    append_row(codes, [_("Kolom"), _("Isi yang diterima"), _("Keterangan")])
    for cell in codes[1]:
        cell.font = Font(bold=True)
    for column in columns:
        append_row(codes, [column.header, column.accepts, column.note])
    codes.column_dimensions["A"].width = 24
    codes.column_dimensions["B"].width = 48
    codes.column_dimensions["C"].width = 80
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
