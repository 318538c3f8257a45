"""The words of the SKM report: its outline (chapters and their numbers, for the headings and the table
of contents), the foreword, introduction and method sentences, made from the report's numbers.

The outline follows the SKM report of PermenPANRB 14/2017's annex: introduction, data collection
(method), results, analysis with the follow-up plan, conclusion, appendices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sikap.reports.documents.common import SampleRow, num
from sikap.reports.documents.feedback import FeedbackSummary
from sikap.scoring.grades import IKM_GRADES_14_2017

# `report` below is an `skm.SkmReport` (not imported: skm imports this module).
SkmReport = Any

# The grade table's performance words, translated where the report is in English.
PERFORMANCE = (
    gettext_noop("Sangat Baik"),
    gettext_noop("Baik"),
    gettext_noop("Kurang Baik"),
    gettext_noop("Tidak Baik"),
)


def performance(label: str) -> str:
    return _(label) if label else label


@dataclass(frozen=True)
class Heading:
    """A heading of the report: its anchor (for the table of contents), number, title and level."""

    key: str
    number: str
    title: str
    level: int  # 1: a chapter, 2: a part of it

    @property
    def anchor(self) -> str:
        return f"h-{self.key}"

    @property
    def text(self) -> str:
        return f"{self.number} {self.title}".strip()


def outline(*, followups: bool, appendix_titles: list[str]) -> list[Heading]:
    """Every heading of the report in order; the table of contents lists them all."""
    h = Heading
    items = [
        h("foreword", "", _("KATA PENGANTAR"), 1),
        h("ch1", _("BAB I"), _("PENDAHULUAN"), 1),
        h("background", "A.", _("Latar Belakang"), 2),
        h("legal", "B.", _("Dasar Hukum"), 2),
        h("purpose", "C.", _("Maksud dan Tujuan"), 2),
        h("ch2", _("BAB II"), _("METODE SURVEI"), 1),
        h("instrument", "A.", _("Instrumen dan Unsur Pelayanan"), 2),
        h("calculation", "B.", _("Skala, Perhitungan dan Mutu Pelayanan"), 2),
        h("sampling", "C.", _("Penentuan Jumlah Responden"), 2),
        h("collection", "D.", _("Waktu dan Teknik Pengumpulan Data"), 2),
        h("ch3", _("BAB III"), _("HASIL SURVEI"), 1),
        h("profile", "A.", _("Profil Responden"), 2),
        h("sample", "B.", _("Jumlah Responden terhadap Sampel Minimal"), 2),
        h("elements", "C.", _("Nilai per Unsur dan Indeks Kepuasan Masyarakat"), 2),
        h("ch4", _("BAB IV"), _("ANALISIS DAN TINDAK LANJUT"), 1),
        h("weakest", "A.", _("Unsur dengan Nilai Terendah"), 2),
        h("feedback", "B.", _("Saran dan Pengaduan menurut Tema"), 2),
    ]
    if followups:
        items.append(h("followups", "C.", _("Rencana Tindak Lanjut"), 2))
    items.append(h("ch5", _("BAB V"), _("KESIMPULAN"), 1))
    if appendix_titles:
        items.append(h("appendix", "", _("LAMPIRAN: HASIL PER UNIT"), 1))
        items += [
            h(f"appendix-{i}", _("Lampiran %(n)s.") % {"n": i}, title, 2)
            for i, title in enumerate(appendix_titles, start=1)
        ]
    return items


def appendix_parts() -> dict[str, Heading]:
    """The unnumbered part headings inside each unit's appendix (not in the table of contents)."""
    return {
        key: Heading("", "", title, 3)
        for key, title in (
            ("profile", _("Profil responden")),
            ("sample", _("Jumlah responden terhadap sampel minimal")),
            ("elements", _("Nilai per unsur dan IKM")),
            ("weakest", _("Unsur dengan nilai terendah")),
            ("followups", _("Rencana tindak lanjut")),
            ("conclusion", _("Kesimpulan")),
        )
    }


def foreword(report: SkmReport) -> list[str]:
    where = {"unit": report.unit_name, "period": report.period_name}
    return [
        _(
            "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas selesainya Laporan Survei "
            "Kepuasan Masyarakat %(unit)s periode %(period)s."
        )
        % where,
        _(
            "Survei ini dilaksanakan menurut %(regulation)s untuk mengukur kepuasan masyarakat atas "
            "pelayanan yang diterimanya. Hasilnya menjadi bahan evaluasi dan perbaikan mutu pelayanan "
            "publik, dan diumumkan kepada masyarakat."
        )
        % {"regulation": report.regulation},
        _(
            "Laporan ini memuat dasar hukum dan metode survei, profil responden, nilai setiap unsur "
            "pelayanan dan Indeks Kepuasan Masyarakat, ringkasan saran dan pengaduan, rencana tindak "
            "lanjut, serta kesimpulan."
        ),
        _(
            "Kami mengucapkan terima kasih kepada %(n)s responden yang telah meluangkan waktu mengisi "
            "survei, serta kepada semua pihak yang membantu pelaksanaannya."
        )
        % {"n": num(report.summary.respondents, 0)},
    ]


def background(report: SkmReport) -> list[str]:
    return [
        _(
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik mewajibkan penyelenggara "
            "pelayanan publik mengikutsertakan masyarakat dalam menilai kinerja pelayanannya. Survei "
            "Kepuasan Masyarakat (SKM) adalah cara yang ditetapkan untuk itu: penyelenggara wajib "
            "melakukannya secara berkala paling sedikit satu kali setahun."
        ),
        _("Laporan ini menyajikan hasil SKM %(unit)s untuk periode %(period)s (%(start)s sampai %(end)s).")
        % {
            "unit": report.summary.title,
            "period": report.period_name,
            "start": report.period_start_text,
            "end": report.period_end_text,
        },
    ]


def purpose() -> list[str]:
    return [
        _(
            "Maksud survei ini adalah mengetahui tingkat kepuasan masyarakat atas pelayanan yang "
            "diterimanya, diukur pada setiap unsur pelayanan."
        ),
        _(
            "Tujuannya adalah memperoleh Indeks Kepuasan Masyarakat sebagai tolok ukur mutu pelayanan, "
            "mengenali unsur yang perlu diperbaiki, dan menyusun rencana tindak lanjut."
        ),
    ]


def instrument_sentence(report: SkmReport) -> str:
    return _(
        "Instrumen yang dipakai adalah %(instrument)s, versi %(number)s, dengan %(k)s unsur pelayanan; "
        "setiap unsur ditanyakan dengan satu pertanyaan."
    ) % {
        "instrument": report.instrument,
        "number": report.version_number,
        "k": len(report.summary.elements),
    }


def calculation_sentences(report: SkmReport) -> list[str]:
    return [
        _("Setiap unsur dinilai pada skala %(scale)s (nilai terendah = tidak baik, tertinggi = sangat baik).")
        % {"scale": report.scale},
        _(
            "Nilai rata-rata unsur (NRR) = jumlah nilai unsur dibagi jumlah responden yang menjawab unsur "
            "itu. IKM = jumlah NRR × bobot; nilai konversi = IKM × 25."
        ),
        _("Bobot: %(label)s.") % {"label": report.weights_label},
        _("Mutu pelayanan ditentukan dari nilai konversi yang dibulatkan dua desimal:"),
    ]


def grade_rows() -> list[tuple[str, str, str]]:
    """(converted score band, grade, performance) of the regulation's grade table, best first."""
    rows, upper = [], None
    for band in IKM_GRADES_14_2017.bands:
        low = num(band.minimum, 2) if band.minimum is not None else None
        if upper is None:
            shown = f"≥ {low}"
        elif low is None:
            shown = f"< {upper}"
        else:
            shown = f"{low} – < {upper}"
        rows.append((shown, band.grade, performance(band.label)))
        upper = low
    return rows


def sampling_sentence(sample: SampleRow) -> str:
    if sample.override_reason:
        return _("Jumlah sampel minimal ditetapkan admin sebesar %(minimum)s responden (%(reason)s).") % {
            "minimum": num(sample.minimum, 0),
            "reason": sample.override_reason,
        }
    if sample.population is None:
        return _(
            "Jumlah pengguna layanan (populasi) belum diisi; dipakai batas minimal %(floor)s responden."
        ) % {"floor": num(sample.floor, 0)}
    return _(
        "Sampel minimal dihitung dengan rumus %(method)s dari populasi N = %(population)s pengguna "
        "layanan, tingkat kesalahan e = %(margin)s, paling sedikit %(floor)s responden: %(minimum)s "
        "responden."
    ) % {
        "method": sample.method,
        "population": num(sample.population, 0),
        "margin": num(sample.margin, 2),
        "floor": num(sample.floor, 0),
        "minimum": num(sample.minimum, 0),
    }


def collection_sentences(report: SkmReport, with_suspect: bool) -> list[str]:
    sentences = [
        _("Data dikumpulkan selama periode %(period)s, %(start)s sampai %(end)s.")
        % {"period": report.period_name, "start": report.period_start_text, "end": report.period_end_text},
        _(
            "Responden adalah pengguna layanan yang telah menerima pelayanan; mereka mengisi kuesioner "
            "sendiri tanpa identitas, melalui kanal berikut."
        ),
    ]
    if with_suspect:
        sentences.append(_("Jawaban yang diterima dan yang diragukan ikut dihitung."))
    else:
        checked = _(
            "Jawaban yang diragukan (misalnya kiriman berulang) diperiksa; "
            "hanya jawaban yang diterima dihitung."
        )
        sentences.append(checked)
    return sentences


def feedback_sentences(summary: FeedbackSummary) -> list[str]:
    if not summary.total:
        return [_("Tidak ada saran atau pengaduan tertulis pada periode ini.")]
    return [
        _("%(people)s responden menuliskan masukan: %(suggestions)s saran dan %(complaints)s pengaduan.")
        % {
            "people": num(summary.respondents, 0),
            "suggestions": num(summary.suggestions, 0),
            "complaints": num(summary.complaints, 0),
        },
        _(
            "Masukan tidak memiliki kategori pada kuesioner; Sikap mengelompokkannya menurut kata kunci "
            "ke dalam tema, setiap masukan ke satu tema. Isi masukan tidak dikutip demi kerahasiaan "
            "responden."
        ),
    ]
