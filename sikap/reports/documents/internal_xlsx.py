"""The internal surveys' reports as XLSX, laid out with the SKM and SPKP/SPAK workbooks' helpers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from sikap.lib.spreadsheet import append_row
from sikap.reports.documents.internal import InternalReport
from sikap.reports.documents.xlsx import (
    COUNT,
    NRR,
    PERCENT,
    SCORE,
    _number_note,
    _pairs,
    _save,
    _table,
    _widths,
)


def internal_xlsx(report: InternalReport) -> bytes:
    rows: list[tuple[Any, ...]]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ringkasan")
    _pairs(
        sheet,
        [
            (_("Laporan"), report.title, None),
            (_("Unit"), report.unit_name, None),
            (_("Periode"), report.period_name, None),
            (_("Syarat angka"), report.condition, None),
            (_("Konvensi"), report.convention, None),
            (_("Responden"), report.respondents, COUNT),
            (_("Nilai"), report.index, NRR),
            (_("Skor 0-100"), report.score, SCORE),
            (_("Kategori"), report.grade or "—", None),
            (_("Profil kategori"), report.profile_title or "—", None),
            (_("Jumlah pegawai"), report.headcount, COUNT),
            (_("Catatan angka"), _number_note(), None),
        ],
    )
    if report.figures:
        append_row(sheet, [])
        rows = [(f.label, f.index, f.score, f.grade) for f in report.figures]
        _table(
            sheet,
            [_("Cara menggabungkan"), _("Nilai"), _("Skor 0-100"), _("Kategori")],
            rows,
            {1: NRR, 2: SCORE},
        )
    for sentence in report.conclusion:
        _pairs(sheet, [(_("Kesimpulan"), sentence, None)])
    _widths(sheet, [30, 60, 12, 12])
    parts = workbook.create_sheet(_("Bagian"))
    header = [_("Urutan"), _("Kode"), _("Nama"), _("Nilai"), _("Skor 0-100")]
    _table(
        parts,
        header,
        [(i, p.code, p.label, p.value, p.score) for i, p in enumerate(report.parts, 1)],
        {3: NRR, 4: SCORE},
    )
    if report.perspectives:
        append_row(parts, [])
        rows = [(p.label, p.n, p.value, p.score, p.weight) for p in report.perspectives]
        header = [_("Perspektif"), "n", _("Nilai"), _("Skor 0-100"), _("Bobot yang dipakai")]
        _table(parts, header, rows, {1: COUNT, 2: NRR, 3: SCORE, 4: PERCENT})
    _widths(parts, [18, 8, 40, 10, 12])
    if report.strata:
        units = workbook.create_sheet(_("Unit"))
        header = [
            _("Unit"),
            _("Kode unit"),
            "n",
            _("Nilai"),
            _("Skor"),
            _("Kategori"),
            _("Pegawai"),
            _("Bobot"),
            _("Tanda"),
        ]
        rows = [
            (
                s.unit_name,
                s.unit_code,
                s.respondents,
                s.index,
                s.score,
                s.grade,
                s.headcount,
                s.weight,
                _("di bawah") if s.flagged else "",
            )
            for s in report.strata
        ]
        _table(units, header, rows, {2: COUNT, 3: NRR, 4: SCORE, 6: COUNT, 7: PERCENT})
        _widths(units, [34, 20, 8, 10, 10, 10, 10, 10, 10])
    groups = workbook.create_sheet(_("Kelompok"))
    rows = [
        (
            g.label,
            c.label,
            None if c.hidden else c.n,
            None if c.hidden else c.score,
            _("disembunyikan") if c.hidden else "",
        )
        for g in report.groups
        for c in g.cells
    ]
    _table(groups, [_("Kelompok"), _("Kategori"), "n", _("Skor"), _("Catatan")], rows, {2: COUNT, 3: SCORE})
    _widths(groups, [24, 30, 8, 10, 16])
    trend = workbook.create_sheet(_("Periode"))
    rows = [(t.period_name, t.index, t.score, t.grade, t.condition) for t in report.trend]
    _table(
        trend,
        [_("Periode"), _("Nilai"), _("Skor"), _("Kategori"), _("Syarat angka")],
        rows,
        {1: NRR, 2: SCORE},
    )
    _widths(trend, [24, 10, 10, 10, 60])
    return _save(workbook)
