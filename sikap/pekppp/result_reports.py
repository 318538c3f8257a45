"""PEKPPP reports from the same pages' data: the evaluation sheet per unit in the F-02 layout (PDF, XLSX),
the cycle's ranking (XLSX) and the piagam for units graded A or A- (PDF, A4 landscape). PDFs reuse the
reports' letterhead, signature block and offline WeasyPrint; XLSX keeps real numbers in cells."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from weasyprint import HTML

from sikap.instruments.qr import OfflineFetcher
from sikap.lib.spreadsheet import append_row
from sikap.pekppp.models import Cycle
from sikap.pekppp.result_pages import RankRow, Summary, UnitPage
from sikap.reports import letterhead
from sikap.reports.documents.common import long_date, signature
from sikap.reports.documents.xlsx import BOLD, COUNT, SCORE, _number_note, _pairs, _save, _table, _widths

FOUR = "0.0000"


def _float(value: Any, places: int) -> float | None:
    if value is None:
        return None
    return round(float(value), places)


def _context(page: UnitPage) -> dict[str, Any]:
    lokus = page.lokus
    day = timezone.localdate()
    current = letterhead.current()
    return {
        "page": page,
        "lokus": lokus,
        "result": page.result,
        "ministry_name": letterhead.ministry_name(current),
        "logo": letterhead.logo_data_uri(current),
        "signature": signature(lokus.unit, day),
        "today": long_date(day),
    }


def _pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, context)
    return bytes(HTML(string=html, url_fetcher=OfflineFetcher()).write_pdf())


def sheet_pdf(page: UnitPage) -> bytes:
    """The evaluation sheet (lembar evaluasi) of one unit, A4 portrait."""
    return _pdf("pekppp/results/pdf/sheet.html", _context(page))


def certificate_pdf(page: UnitPage) -> bytes:
    """The piagam of a unit graded A or A- (the caller checks; `UnitPage.certificate`), A4 landscape,
    signed for the ministry (the unit tree's root) that runs the evaluation, not by the unit itself."""
    context = _context(page)
    unit = page.lokus.unit
    awarding = unit.ancestors().first() or unit
    context["signature"] = signature(awarding, timezone.localdate())
    return _pdf("pekppp/results/pdf/certificate.html", context)


def sheet_xlsx(page: UnitPage) -> bytes:
    """The evaluation sheet as a workbook: a summary sheet and the F-02 table (one row per indicator)."""
    r = page.result
    lokus = page.lokus
    book = Workbook()
    summary = book.active
    summary.title = _("Ringkasan")
    _pairs(
        summary,
        [
            (_("Unit"), lokus.unit.name, None),
            (_("Kode unit"), lokus.unit.code, None),
            (_("Siklus"), str(lokus.cycle), None),
            (_("Kondisi"), page.found.reason, None),
            (_("F-02"), _float(r.f02, 4), FOUR),
            (_("F-03"), _float(r.f03, 4), FOUR),
            (_("Cara menghitung F-03"), page.found.f03_method_label, None),
            (_("Responden F-03"), r.f03_respondents, COUNT),
            (_("IPP"), _float(r.ipp, 2), SCORE),
            (_("Predikat"), r.grade or "", None),
            (_("Kategori"), _(r.label) if r.label else "", None),
            (_("Prioritas pembinaan"), _("Ya") if r.priority else _("Tidak"), None),
        ],
    )
    append_row(summary, [])
    _table(
        summary,
        [_("Aspek"), _("Nama"), _("Bobot (%)"), _("Nilai aspek (0-5)")],
        [(a.code, a.name, float(a.weight), _float(a.score, 4)) for a in page.aspects],
        {2: "0", 3: FOUR},
    )
    append_row(summary, [])
    append_row(summary, [_number_note()])
    _widths(summary, [24, 44, 12, 18])
    f02 = book.create_sheet(_("F-02"))
    _table(
        f02,
        [
            _("No."),
            _("Kode"),
            _("Aspek"),
            _("Indikator"),
            _("Bobot (%)"),
            _("Nilai (0-5)"),
            _("Nilai tertimbang"),
            _("Catatan"),
        ],
        [
            (i.number, i.code, i.aspect, i.name, float(i.weight), i.level, _float(i.weighted, 4), i.note)
            for a in page.aspects
            for i in a.indicators
        ],
        {4: "0", 5: "0", 6: FOUR},
    )
    _widths(f02, [6, 10, 7, 60, 10, 11, 15, 50])
    return _save(book)


def ranking_xlsx(cycle: Cycle, rows: list[RankRow], totals: Summary) -> bytes:
    """The cycle's ranking (highest IPP first) and its grade distribution."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Peringkat")
    append_row(sheet, [str(cycle)])
    sheet.cell(row=1, column=1).font = BOLD
    _table(
        sheet,
        [
            _("Peringkat"),
            _("Kode unit"),
            _("Unit"),
            _("F-02"),
            _("F-03"),
            _("IPP"),
            _("Predikat"),
            _("Kategori"),
            _("Final"),
            _("Prioritas pembinaan"),
            _("Keterangan"),
        ],
        [
            (
                row.rank,
                row.found.lokus.unit.code,
                row.found.lokus.unit.name,
                _float(row.found.result.f02, 4),
                _float(row.found.result.f03, 4),
                _float(row.found.result.ipp, 2),
                row.found.result.grade or "",
                _(row.found.result.label) if row.found.result.label else "",
                _("Ya") if row.found.result.final else _("Tidak"),
                _("Ya") if row.found.result.priority else "",
                row.found.reason,
            )
            for row in rows
        ],
        {3: FOUR, 4: FOUR, 5: SCORE},
    )
    _widths(sheet, [10, 18, 40, 10, 10, 8, 9, 22, 7, 12, 60])
    grades = book.create_sheet(_("Sebaran predikat"))
    _table(
        grades,
        [_("Predikat"), _("Kategori"), _("Jumlah unit"), _("Prioritas pembinaan")],
        [(g.grade, g.label, g.count, _("Ya") if g.priority else "") for g in totals.grades],
        {2: COUNT},
    )
    _pairs(
        grades,
        [
            (_("Hasil final"), totals.final, COUNT),
            (_("Belum final"), totals.not_final, COUNT),
            (_("Prioritas pembinaan (D-F)"), totals.priority, COUNT),
        ],
    )
    append_row(grades, [])
    append_row(grades, [_number_note()])
    _widths(grades, [26, 24, 12, 20])
    return _save(book)
