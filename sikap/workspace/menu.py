"""The menu: one table of what each section offers and who may use it, filtered through the access helper.

A user sees an entry only when `Access.may` lets it use the page; an entry whose URL name does not exist
(a page still being built on another branch) is left out, so it appears once it is merged.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sikap.accounts.access import Access, Use


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    url_name: str  # the section's index page


@dataclass(frozen=True)
class Entry:
    section: str
    url_name: str
    label: str | Promise
    use: Use
    about: str | Promise = ""  # one line for the section's index page


SECTIONS = (
    Section("survey", _("Survei"), "workspace:operator"),
    Section("results", _("Hasil"), "dashboard_home"),
    Section("reports", _("Laporan"), "workspace:reports"),
    Section("followup", _("Tindak lanjut"), "workspace:followup"),
    Section("publication", _("Publikasi"), "publication:index"),
    Section("internal", _("Survei internal"), "workspace:internal"),
    Section("pekppp", _("Evaluasi PEKPPP"), "pekppp:index"),
    Section("units", _("Unit"), "unit_list"),
    Section("instruments", _("Instrumen"), "builder:index"),
)

SEE, WRITE, OVERVIEW, APPROVE, CENTRAL = Use.SIGNED_IN, Use.WRITE, Use.OVERVIEW, Use.APPROVE, Use.CENTRAL
INSTRUMENTS = Use.INSTRUMENTS
MENU = (
    Entry("survey", "workspace:operator", _("Ringkasan survei"), SEE, _("Semua alat survei dan unit Anda.")),
    Entry("survey", "operator:submissions", _("Jawaban masuk"), SEE, _("Cari dan baca kiriman responden.")),
    Entry(
        "survey",
        "operator:review",
        _("Tinjau yang diragukan"),
        WRITE,
        _("Terima atau tolak kiriman yang diragukan, dengan alasan."),
    ),
    Entry(
        "survey",
        "operator:paper_choose",
        _("Entri kuesioner kertas"),
        WRITE,
        _("Ketik kuesioner kertas yang diisi di loket."),
    ),
    Entry(
        "survey", "operator:import", _("Impor berkas"), WRITE, _("Unggah jawaban dari berkas CSV atau Excel.")
    ),
    Entry(
        "survey",
        "campaign_list",
        _("Tautan, QR, poster dan kios"),
        SEE,
        _("Tautan publik tiap kampanye, kode QR, poster, dan pendaftaran tablet kios."),
    ),
    Entry(
        "survey",
        "kiosk_operator:list",
        _("Tablet kios"),
        WRITE,
        _("Tablet di loket yang tetap menerima jawaban saat jaringan terputus."),
    ),
    Entry(
        "survey",
        "operator:codes",
        _("Kode layanan"),
        WRITE,
        _("Terbitkan kode layanan untuk dibagikan kepada pengguna layanan."),
    ),
    Entry("results", "dashboard_home", _("Dasbor"), SEE, _("Indeks, target dan tren unit Anda.")),
    Entry(
        "results",
        "index_league",
        _("Peringkat unit"),
        SEE,
        _("Unit diurutkan menurut nilai, jumlah responden atau capaian target."),
    ),
    Entry("results", "index_equity", _("Pemerataan"), SEE, _("Seberapa merata mutu pelayanan antar-unit.")),
    Entry(
        "reports",
        "workspace:reports",
        _("Laporan per unit"),
        SEE,
        _("Laporan SKM dan SPKP/SPAK (PDF, XLSX) per unit."),
    ),
    Entry(
        "reports",
        "report_letterhead",
        _("Kop laporan"),
        CENTRAL,
        _("Nama kementerian dan logo pada sampul setiap laporan."),
    ),
    Entry(
        "reports",
        "export_responses",
        _("Ekspor jawaban"),
        SEE,
        _("Jawaban anonim dalam CSV, Excel atau SPSS."),
    ),
    Entry(
        "followup",
        "workspace:followup",
        _("Rencana per unit"),
        SEE,
        _("Rencana tindak lanjut dan masukan tiap unit."),
    ),
    Entry(
        "followup",
        "followup:region",
        _("Ringkasan wilayah"),
        OVERVIEW,
        _("Tingkat penyelesaian dan butir yang lewat tenggat di semua unit."),
    ),
    Entry(
        "publication",
        "publication:queue",
        _("Menunggu persetujuan"),
        APPROVE,
        _("Periode yang diusulkan untuk diterbitkan."),
    ),
    Entry("publication", "publication:index", _("Hasil yang diterbitkan"), SEE, _("Halaman hasil publik.")),
    Entry(
        "internal",
        "workspace:internal",
        _("Ringkasan survei internal"),
        SEE,
        _("Survei pegawai (ILK, integritas): daftar pegawai dan jumlahnya per unit."),
    ),
    Entry(
        "internal",
        "internal:rosters",
        _("Daftar pegawai"),
        SEE,
        _("Daftar pegawai dan jumlah pegawai tiap unit per periode."),
    ),
    Entry(
        "internal",
        "internal:roster_import",
        _("Impor daftar pegawai"),
        WRITE,
        _("Unggah daftar pegawai dari berkas CSV atau Excel; menggantikan daftar unit untuk periode itu."),
    ),
    Entry(
        "internal",
        "internal:campaigns",
        _("Kampanye dan partisipasi"),
        Use.PARTICIPATION,
        _("Undangan, pengingat, kertas kode, dan jumlah yang sudah menjawab per unit (tanpa nama)."),
    ),
    Entry(
        "internal",
        "internal_results:ilk",
        _("ILK unit"),
        SEE,
        _("Indeks Layanan Kesekretariatan: domain, perspektif, domain terlemah dan demografi."),
    ),
    Entry(
        "internal",
        "internal_results:ilk_ranking",
        _("Peringkat ILK"),
        OVERVIEW,
        _("Kanwil dan tingkat unit menurut ILK, pemerataan, dan perkembangan per semester."),
    ),
    Entry(
        "internal",
        "internal_results:integrity",
        _("Indeks integritas"),
        SEE,
        _("Skor integritas internal 0-100, kategori, dan dimensi terlemah."),
    ),
    Entry(
        "internal",
        "internal_results:integrity_ranking",
        _("Peringkat integritas"),
        OVERVIEW,
        _("Kanwil dan tingkat unit menurut indeks integritas, dan perkembangannya."),
    ),
    Entry(
        "pekppp",
        "pekppp:index",
        _("Siklus dan unit lokus"),
        SEE,
        _("Penilaian mandiri (F-01), evaluasi (F-02), validasi dan rekomendasi unit lokus Anda."),
    ),
    Entry(
        "units", "unit_list", _("Unit dan layanan"), SEE, _("Unit dalam cakupan Anda dan katalog layanannya.")
    ),
    Entry(
        "instruments",
        "builder:index",
        _("Instrumen survei"),
        INSTRUMENTS,
        _("Susun, terjemahkan, pratinjau dan terbitkan instrumen (unsur, skala, isian)."),
    ),
    Entry(
        "pekppp",
        "pekppp_results:index",
        _("Hasil dan peringkat PEKPPP"),
        SEE,
        _("IPP, predikat, peringkat unit lokus, sebaran predikat, tautan dan QR survei F-03."),
    ),
)


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url: str
    about: str | Promise = ""


@dataclass(frozen=True)
class MenuSection:
    key: str
    label: str | Promise
    url: str
    links: tuple[Link, ...]


def url_or_none(url_name: str) -> str | None:
    """The URL of a page without arguments, or None where no such page exists (yet)."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def entries_for(access: Access, section: str | None = None) -> list[Link]:
    """The entries the user may use, in table order (of one section when given)."""
    links = []
    for entry in MENU:
        if section is not None and entry.section != section:
            continue
        url = url_or_none(entry.url_name) if access.may(entry.use) else None
        if url is not None:
            links.append(Link(entry.label, url, entry.about))
    return links


def menu_for(access: Access) -> list[MenuSection]:
    """The sections with at least one entry the user may use; nothing for a user without a role."""
    if not (access.is_superuser or access.grants or access.pic_grants):
        return []
    found = []
    for section in SECTIONS:
        links = entries_for(access, section.key)
        if links:
            found.append(MenuSection(section.key, section.label, reverse(section.url_name), tuple(links)))
    return found
