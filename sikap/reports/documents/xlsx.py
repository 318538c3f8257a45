"""Reports as XLSX (openpyxl): real numbers in cells with number formats, which Excel shows with the
reader's own separators (87,56 on an Indonesian system); a note on each workbook says so."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from sikap.lib.spreadsheet import append_row
from sikap.reports.documents.common import ProfileGroup
from sikap.reports.documents.perception import PerceptionReport
from sikap.reports.documents.skm import SkmReport, SkmSection

COUNT = "#,##0"
NRR = "0.0000"
SCORE = "0.00"
PERCENT = "0.0"
DATE = "DD/MM/YYYY"
BOLD = Font(bold=True)


def _number_note() -> str:
    return _(
        "Angka disimpan sebagai bilangan, bukan teks. Excel menampilkan pemisah desimal dan ribuan sesuai "
        "pengaturan bahasa komputer: dengan pengaturan Indonesia 87,56 dan 1.234."
    )


def _table(
    sheet: Worksheet, header: Sequence[str], rows: Iterable[Sequence[Any]], formats: dict[int, str]
) -> None:
    """Append a header and rows; `formats` maps a 0-based column to its number format. Every row goes
    through `append_row`, which defuses formula-leading text (an operator's follow-up action, a name)."""
    append_row(sheet, list(header))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for row in rows:
        append_row(sheet, list(row))
        for column, fmt in formats.items():
            sheet.cell(row=sheet.max_row, column=column + 1).number_format = fmt


def _pairs(sheet: Worksheet, pairs: Sequence[tuple[str, Any, str | None]]) -> None:
    """Label / value rows (column A / B), each value with its number format."""
    for label, value, fmt in pairs:
        append_row(sheet, [label, value])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        if fmt:
            sheet.cell(row=sheet.max_row, column=2).number_format = fmt


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def _save(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _ci(ci95: tuple[float, float] | None) -> tuple[float | None, float | None]:
    return (ci95[0], ci95[1]) if ci95 else (None, None)


# --- SKM -----------------------------------------------------------------------------------------------


def skm_xlsx(report: SkmReport) -> bytes:
    workbook = Workbook()
    _skm_summary(workbook.active, report)
    _skm_elements(workbook.create_sheet(_("Unsur")), report)
    _skm_profile(workbook.create_sheet(_("Profil")), report)
    _skm_followups(workbook.create_sheet(_("Tindak lanjut")), report)
    return _save(workbook)


def _sections(report: SkmReport) -> list[SkmSection]:
    return [report.summary, *report.sections]


def _skm_summary(sheet: Worksheet, report: SkmReport) -> None:
    sheet.title = _("Ringkasan")
    s, sample = report.summary, report.summary.sample
    low, high = _ci(s.ci95)
    _pairs(
        sheet,
        [
            (_("Laporan"), report.title, None),
            (_("Unit"), report.unit_name, None),
            (_("Kode unit"), report.unit_code, None),
            (_("Jenis layanan"), report.service_name or _("Semua layanan"), None),
            (_("Periode"), report.period_name, None),
            (_("Dasar"), report.regulation, None),
            (_("Instrumen"), f"{report.instrument} (versi {report.version_number})", None),
            (_("Skala"), report.scale, None),
            (_("Bobot"), report.weights_label, None),
            (_("Jumlah responden"), s.respondents, COUNT),
            ("IKM", s.ikm, NRR),
            (_("Nilai konversi"), s.score, SCORE),
            (_("Mutu pelayanan"), s.grade, None),
            (_("Kinerja unit pelayanan"), s.label, None),
            (_("Selang kepercayaan 95 % (bawah)"), low, SCORE),
            (_("Selang kepercayaan 95 % (atas)"), high, SCORE),
            (_("Populasi"), sample.population, COUNT),
            (_("Sampel minimal"), sample.minimum, COUNT),
            (_("Metode sampel"), sample.override_reason or sample.method, None),
            (_("Batas kesalahan yang dicapai (%)"), sample.margin_proportion, SCORE),
            (_("Batas kesalahan nilai konversi (±)"), sample.margin_score, SCORE),
            (_("Unsur terendah"), ", ".join(e.code for e in s.weakest), None),
            (_("Catatan angka"), _number_note(), None),
        ],
    )
    for sentence in s.conclusion:
        _pairs(sheet, [(_("Kesimpulan"), sentence, None)])
    if report.sections:
        append_row(sheet, [])
        header = [
            _("Unit"),
            _("Kode unit"),
            _("Responden"),
            "IKM",
            _("Nilai konversi"),
            _("Mutu"),
            _("Kinerja"),
        ]
        rows = [
            (x.title, x.unit_code, x.respondents, x.ikm, x.score, x.grade, x.label) for x in report.sections
        ]
        _table(sheet, header, rows, {2: COUNT, 3: NRR, 4: SCORE})
    _widths(sheet, [38, 60, 12, 10, 14, 8, 14])
    for row in sheet.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _skm_elements(sheet: Worksheet, report: SkmReport) -> None:
    header = [
        _("Unit"),
        _("Kode"),
        _("Unsur"),
        "n",
        "NRR",
        _("Bobot"),
        _("NRR tertimbang"),
        _("SK 95 % bawah"),
        _("SK 95 % atas"),
    ]
    rows = [
        (section.title, e.code, e.name, e.n, e.nrr, e.weight, e.weighted, *_ci(e.ci95))
        for section in _sections(report)
        for e in section.elements
    ]
    _table(sheet, header, rows, {3: COUNT, 4: NRR, 5: NRR, 6: NRR, 7: NRR, 8: NRR})
    sheet.freeze_panes = "A2"
    _widths(sheet, [34, 7, 40, 8, 10, 9, 14, 13, 13])


def _profile_rows(title: str, groups: list[ProfileGroup]) -> Iterable[tuple[Any, ...]]:
    hidden = _("disembunyikan (kurang dari 5 responden)")
    for group in groups:
        for cell in group.cells:
            if cell.suppressed:
                yield (title, group.label, cell.label, None, None, hidden)
            else:
                yield (title, group.label, cell.label, cell.n, cell.percent, "")


def _skm_profile(sheet: Worksheet, report: SkmReport) -> None:
    header = [_("Unit"), _("Aspek"), _("Kategori"), _("Jumlah"), _("Persen"), _("Keterangan")]
    rows = [row for section in _sections(report) for row in _profile_rows(section.title, section.profile)]
    _table(sheet, header, rows, {3: COUNT, 4: PERCENT})
    sheet.freeze_panes = "A2"
    _widths(sheet, [34, 18, 22, 10, 10, 40])


def _skm_followups(sheet: Worksheet, report: SkmReport) -> None:
    header = [
        _("Unit"),
        _("Unsur / masukan"),
        _("Rencana aksi"),
        _("Penanggung jawab"),
        _("Tenggat"),
        _("Status"),
    ]
    if report.summary.followups is None:
        append_row(sheet, [_("Modul tindak lanjut tidak terpasang pada instalasi ini.")])
        return
    rows: list[tuple[str, str, str, str, datetime.date, str]] = []
    seen: set[str] = set()
    for section in _sections(report):
        if section.unit_code in seen:
            continue
        seen.add(section.unit_code)
        rows.extend(
            (f.unit, f.element, f.action, f.owner, f.deadline, f.status) for f in section.followups or []
        )
    _table(sheet, header, rows, {4: DATE})
    sheet.freeze_panes = "A2"
    _widths(sheet, [30, 30, 50, 24, 12, 14])


# --- SPKP / SPAK ---------------------------------------------------------------------------------------


def perception_xlsx(report: PerceptionReport) -> bytes:
    workbook = Workbook()
    _perception_summary(workbook.active, report)
    _perception_items(workbook.create_sheet(_("Butir")), report)
    if report.units:
        _perception_units(workbook.create_sheet(_("Unit")), report)
    return _save(workbook)


def _perception_summary(sheet: Worksheet, report: PerceptionReport) -> None:
    sheet.title = _("Ringkasan")
    _pairs(
        sheet,
        [
            (_("Laporan"), report.title, None),
            (_("Unit"), report.unit_name, None),
            (_("Jenis layanan"), report.service_name or _("Semua layanan"), None),
            (_("Periode"), report.period_name, None),
            (_("Dasar"), report.regulation, None),
            (_("Ambang WBK/WBBM (skala 1-4)"), float(report.threshold), SCORE),
            (_("Hasil WBK/WBBM"), report.verdict, None),
            (_("Catatan angka"), _number_note(), None),
        ],
    )
    append_row(sheet, [])
    header = [
        _("Indeks"),
        _("Instrumen"),
        _("Responden"),
        _("Skala 1-6"),
        _("Skala 1-4"),
        _("Skala 0-100"),
        _("SK 95 % bawah (0-100)"),
        _("SK 95 % atas (0-100)"),
        _("WBK/WBBM"),
        _("Konversi"),
    ]
    rows = [
        (
            b.index_name,
            b.code,
            b.respondents,
            b.index_6,
            b.index_4,
            b.index_100,
            *_ci(b.ci95),
            b.verdict,
            b.conversion,
        )
        for b in report.blocks
    ]
    _table(sheet, header, rows, {2: COUNT, 3: NRR, 4: NRR, 5: SCORE, 6: SCORE, 7: SCORE})
    for sentence in report.conclusion:
        _pairs(sheet, [(_("Kesimpulan"), sentence, None)])
    _widths(sheet, [30, 50, 11, 11, 11, 11, 12, 12, 16, 60])


def _perception_items(sheet: Worksheet, report: PerceptionReport) -> None:
    header = [
        _("Indeks"),
        _("Kode"),
        _("Butir"),
        "n",
        _("Rata-rata (1-6)"),
        _("SK 95 % bawah"),
        _("SK 95 % atas"),
    ]
    rows = [(b.index_name, i.code, i.name, i.n, i.mean, *_ci(i.ci95)) for b in report.blocks for i in b.items]
    _table(sheet, header, rows, {3: COUNT, 4: NRR, 5: NRR, 6: NRR})
    _widths(sheet, [10, 7, 50, 8, 14, 13, 13])


def _perception_units(sheet: Worksheet, report: PerceptionReport) -> None:
    header: list[str] = [_("Unit"), _("Kode unit")]
    formats: dict[int, str] = {}
    for offset, block in enumerate(report.blocks):
        header += [f"n {block.code}", f"{block.index_name} (1-4)"]
        formats[2 + 2 * offset], formats[3 + 2 * offset] = COUNT, NRR
    header += [_("WBK/WBBM")]
    rows = [
        (u.unit_name, u.unit_code, *[x for n, value, _p in u.values for x in (n, value)], u.verdict)
        for u in report.units
    ]
    _table(sheet, header, rows, formats)
    _widths(sheet, [34, 20, 9, 12, 9, 12, 16])
