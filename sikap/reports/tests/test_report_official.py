"""The SKM report as units submit it, read back from the real PDF: cover with the logo, foreword, a
table of contents whose page numbers are the pages the chapters are on, the chapters in order, the
sample condition before any grade, feedback by theme, and the signer's name and NIP."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from sikap.indices.tests.helpers import answered_campaign
from sikap.organisation.models import ServiceUserCount
from sikap.reports.actions import set_letterhead, set_signer
from sikap.reports.documents import build
from sikap.reports.tests.official import NIP, png_logo
from sikap.responses.models import Submission
from sikap.testing.factories import make_service

pytestmark = pytest.mark.django_db

CHAPTERS = [
    "KATA PENGANTAR",
    "DAFTAR ISI",
    "BAB I PENDAHULUAN",
    "BAB II METODE SURVEI",
    "BAB III HASIL SURVEI",
    "BAB IV ANALISIS DAN TINDAK LANJUT",
    "BAB V KESIMPULAN",
]


@pytest.fixture
def official(world, settings, tmp_path):
    """37 respondents where 43 are needed (48 users, Krejcie-Morgan), a logo, a signer, some feedback."""
    settings.MEDIA_ROOT = tmp_path / "media"
    campaign = answered_campaign([(world.division, 37)], seed=11)
    ServiceUserCount.objects.create(service=make_service(world.division), period=campaign.period, users=48)
    set_letterhead(
        world.admin, ministry_name="Kementerian Hukum", ministry_name_en="Ministry of Law", logo=png_logo()
    )
    set_signer(
        world.operator,
        world.division,
        name="Dr. Siti Rahma",
        nip=NIP,
        position="Kepala Bidang KI",
        place="Bandung",
    )
    texts = [
        "Antrean sangat lama di loket.",
        "Mohon ditambah kursi di ruang tunggu.",
        "Terima kasih, sudah baik.",
    ]
    for submission, text in zip(Submission.objects.order_by("pk"), texts, strict=False):
        Submission.objects.filter(pk=submission.pk).update(suggestion=text)
    Submission.objects.filter(pk=Submission.objects.order_by("pk").last().pk).update(
        complaint="Ada calo di depan kantor."
    )
    return campaign.period


def pages_of(content: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(content))
    return reader, [re.sub(r"[ \t]+", " ", page.extract_text() or "") for page in reader.pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def toc_entries(page: str) -> list[tuple[str, int]]:
    """(title, page number) of each line of the table of contents, the leader dots taken out."""
    found = []
    for line in page.splitlines():
        match = re.fullmatch(r"\s*(.+?)[\s.…]*?\.{2,}\s*(\d+)\s*", line)
        if match:
            found.append((match.group(1).strip(), int(match.group(2))))
    return found


def test_the_pdf_has_the_official_structure_and_its_contents_point_at_the_right_pages(world, official):
    reader, pages = pages_of(build("skm", "pdf", world.division, official).content)
    cover = flat(pages[0])
    assert "KEMENTERIAN HUKUM" in cover and world.division.name in cover
    assert (
        "LAPORAN SURVEI KEPUASAN MASYARAKAT" in cover.upper()
        and official.name in cover
        and "Tahun 2026" in cover
    )
    images = [
        obj
        for obj in reader.pages[0]["/Resources"]["/XObject"].values()
        if obj.get_object()["/Subtype"] == "/Image"
    ]
    assert images, "the logo is embedded in the cover as an image"

    text = flat(" ".join(pages))
    positions = [text.find(chapter) for chapter in CHAPTERS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions

    toc_page = next(i for i, page in enumerate(pages) if "DAFTAR ISI" in page)
    entries = toc_entries(pages[toc_page])
    titles = [title for title, _ in entries]
    for expected in (
        "KATA PENGANTAR",
        "BAB I PENDAHULUAN",
        "A. Latar Belakang",
        "B. Dasar Hukum",
        "D. Waktu dan Teknik Pengumpulan Data",
        "A. Profil Responden",
        "B. Saran dan Pengaduan menurut Tema",
        "C. Rencana Tindak Lanjut",
        "BAB V KESIMPULAN",
    ):
        assert expected in titles, (expected, titles)
    for title, number in entries:
        # The page (1 = the cover) whose text, after the contents, first holds the heading.
        heading = title.replace("BAB ", "BAB ").split(" ", 2)
        needle = title if not title.startswith("BAB") else " ".join(heading[:2])
        actual = next(i for i in range(len(pages)) if i != toc_page and needle in flat(pages[i])) + 1
        assert number == actual, (title, number, actual)
        assert f"Halaman {number} / {len(pages)}" in pages[number - 1]

    # Below the minimum sample the condition is stated before any grade of the result.
    condition = text.find("belum memenuhi sampel minimal 43 responden")
    grade = text.find("Mutu pelayanan:")
    assert 0 <= condition < grade
    assert condition < text.find("sehingga mutu pelayanan")

    # Feedback by theme, counts only.
    assert "3 saran dan 1 pengaduan" in text
    for theme in (
        "Waktu penyelesaian dan antrean",
        "Sarana dan prasarana",
        "Apresiasi",
        "Biaya, pungutan dan percaloan",
    ):
        assert theme in text
    assert "Ada calo" not in text

    last = flat(pages[-1])
    assert "Dr. Siti Rahma" in last and f"NIP. {NIP}" in last and "Bandung," in last


def test_an_unsigned_unit_gets_the_heads_position_and_blank_lines(world, official):
    text = flat(" ".join(pages_of(build("skm", "pdf", world.kanwil, official, subtree=True).content)[1]))
    assert f"Kepala {world.kanwil.name}" in text and "NIP. ……" in text and NIP not in text
    assert "Lampiran 1. Bidang KI Jawa Barat" in text


def test_the_english_report_has_no_indonesian_labels_left(world, official):
    built = build("skm", "pdf", world.division, official, language="en")
    text = flat(" ".join(pages_of(built.content)[1]))
    assert "MINISTRY OF LAW" in text and "FOREWORD" in text and "TABLE OF CONTENTS" in text
    assert "does not yet meet the minimum sample of 43" in text
    labels = [
        "Halaman",
        "Periode",
        "Tahun 2026",  # regulation titles keep their "Tahun 2009": proper names
        "KATA PENGANTAR",
        "DAFTAR ISI",
        "BAB ",
        "PENDAHULUAN",
        "Latar Belakang",
        "Kesimpulan",
        "KESIMPULAN",
        "Responden",
        "responden",
        "Jumlah",
        "Mutu",
        "Kinerja",
        "Unsur ",
        "Sangat Baik",
        "Penanda",
        "Lampiran",
        "Tema",
        "Saran dan Pengaduan menurut",
        "Desember",
        "disembunyikan",
    ]
    # Whole words: "Responden" is not found in "Respondents". The signer's position is as typed.
    assert [label for label in labels if re.search(rf"\b{re.escape(label)}\b", text)] == []
