"""Indonesia's 38 provinces with their BPS codes.

BPS (Badan Pusat Statistik) and Kemendagri number the Papua provinces differently. BPS gave Papua Barat 91
and Papua 94 when Papua Barat was created (2003), and numbered the four provinces created in 2022 by its
west-to-east rule: Papua Barat Daya 92, Papua Selatan 95, Papua Tengah 96, Papua Pegunungan 97. Kemendagri
kept Papua 91, Papua Barat 92 and appended the new ones as 93-96. Every other province has the same code in
both schemes. `Province.code` is the BPS code; the Kemendagri code is kept here (not stored) for a crosswalk.
"""

from __future__ import annotations

from typing import NamedTuple


class ProvinceRow(NamedTuple):
    bps_code: str
    name: str
    kemendagri_code: str


PROVINCES: tuple[ProvinceRow, ...] = (
    ProvinceRow("11", "Aceh", "11"),
    ProvinceRow("12", "Sumatera Utara", "12"),
    ProvinceRow("13", "Sumatera Barat", "13"),
    ProvinceRow("14", "Riau", "14"),
    ProvinceRow("15", "Jambi", "15"),
    ProvinceRow("16", "Sumatera Selatan", "16"),
    ProvinceRow("17", "Bengkulu", "17"),
    ProvinceRow("18", "Lampung", "18"),
    ProvinceRow("19", "Kepulauan Bangka Belitung", "19"),
    ProvinceRow("21", "Kepulauan Riau", "21"),
    ProvinceRow("31", "DKI Jakarta", "31"),
    ProvinceRow("32", "Jawa Barat", "32"),
    ProvinceRow("33", "Jawa Tengah", "33"),
    ProvinceRow("34", "DI Yogyakarta", "34"),
    ProvinceRow("35", "Jawa Timur", "35"),
    ProvinceRow("36", "Banten", "36"),
    ProvinceRow("51", "Bali", "51"),
    ProvinceRow("52", "Nusa Tenggara Barat", "52"),
    ProvinceRow("53", "Nusa Tenggara Timur", "53"),
    ProvinceRow("61", "Kalimantan Barat", "61"),
    ProvinceRow("62", "Kalimantan Tengah", "62"),
    ProvinceRow("63", "Kalimantan Selatan", "63"),
    ProvinceRow("64", "Kalimantan Timur", "64"),
    ProvinceRow("65", "Kalimantan Utara", "65"),
    ProvinceRow("71", "Sulawesi Utara", "71"),
    ProvinceRow("72", "Sulawesi Tengah", "72"),
    ProvinceRow("73", "Sulawesi Selatan", "73"),
    ProvinceRow("74", "Sulawesi Tenggara", "74"),
    ProvinceRow("75", "Gorontalo", "75"),
    ProvinceRow("76", "Sulawesi Barat", "76"),
    ProvinceRow("81", "Maluku", "81"),
    ProvinceRow("82", "Maluku Utara", "82"),
    ProvinceRow("91", "Papua Barat", "92"),
    ProvinceRow("92", "Papua Barat Daya", "96"),
    ProvinceRow("94", "Papua", "91"),
    ProvinceRow("95", "Papua Selatan", "93"),
    ProvinceRow("96", "Papua Tengah", "94"),
    ProvinceRow("97", "Papua Pegunungan", "95"),
)

# Named codes used by the unit tree, so a typo fails at import rather than silently.
DKI_JAKARTA = "31"
