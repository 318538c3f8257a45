"""The demo service catalogue (jenis layanan) per kind of unit, and plausible user counts per period.

`base` is a service's users in one semester at a unit of weight 1.0 (a mid-sized Kanwil). For the central
units (weight 1.0) it is the national figure. Counts are drawn from a `random.Random` seeded by the unit, the
service and the year, so every run produces the same numbers.
"""

from __future__ import annotations

import random
from typing import NamedTuple

YEARS: tuple[int, ...] = (2025, 2026)
# Service volume grows a little year on year.
GROWTH: dict[int, float] = {2025: 1.0, 2026: 1.06}

COUNTER = "counter"
ONLINE = "online"


class ServiceSpec(NamedTuple):
    name: str
    category: str  # a Service.Category value
    channel: str  # a Service.Channel value
    base: int
    years: tuple[int, ...] = YEARS  # the years it is in the unit's catalogue
    inactive_in: tuple[int, ...] = ()  # years it is mapped but no longer offered (kept for the record)


def _ahu(name: str, channel: str, base: int, **kw: tuple[int, ...]) -> ServiceSpec:
    return ServiceSpec(name, "ahu", channel, base, **kw)


def _ki(name: str, channel: str, base: int, **kw: tuple[int, ...]) -> ServiceSpec:
    return ServiceSpec(name, "ki", channel, base, **kw)


def _p3h(name: str, channel: str, base: int, **kw: tuple[int, ...]) -> ServiceSpec:
    return ServiceSpec(name, "p3h", channel, base, **kw)


def _bhp(name: str, channel: str, base: int, **kw: tuple[int, ...]) -> ServiceSpec:
    return ServiceSpec(name, "bhp", channel, base, **kw)


def _internal(name: str, channel: str, base: int, **kw: tuple[int, ...]) -> ServiceSpec:
    return ServiceSpec(name, "internal", channel, base, **kw)


INTERNAL_KANWIL = (
    _internal("Layanan Kepegawaian", COUNTER, 45),
    _internal("Layanan Keuangan", COUNTER, 30),
    _internal("Layanan Barang Milik Negara", COUNTER, 15),
    _internal("Layanan Teknologi Informasi", ONLINE, 35),
)

CATALOGUES: dict[str, tuple[ServiceSpec, ...]] = {
    # Bidang Administrasi Hukum Umum of a Kanwil: assistance with AHU Online, plus the counter services.
    "kanwil-ahu": (
        # Fidusia is registered online by notaries (AHU Online); the Kanwil help desk for it closed in 2026.
        _ahu("Pendaftaran Jaminan Fidusia", COUNTER, 40, inactive_in=(2026,)),
        _ahu("Pelayanan Kenotariatan", COUNTER, 35),
        _ahu("Legalisasi Apostille", ONLINE, 120),
        _ahu("Legalisasi Apostille", COUNTER, 55),
        _ahu("Pelayanan Kewarganegaraan dan Pewarganegaraan", COUNTER, 8),
        _ahu("Pelayanan Badan Hukum Perseroan Terbatas", COUNTER, 30),
        _ahu("Pelayanan Badan Hukum Koperasi", COUNTER, 14),
    ),
    # Bidang Kekayaan Intelektual of a Kanwil.
    "kanwil-ki": (
        _ki("Permohonan Merek", COUNTER, 85),
        _ki("Pencatatan Hak Cipta", COUNTER, 70),
        _ki("Permohonan Paten", COUNTER, 6),
        _ki("Permohonan Desain Industri", COUNTER, 8),
        _ki("Permohonan Indikasi Geografis", COUNTER, 2),
        _ki("Pencatatan Kekayaan Intelektual Komunal", COUNTER, 10),
        # Communal IP inventories could be submitted online from 2026.
        _ki("Pencatatan Kekayaan Intelektual Komunal", ONLINE, 6, years=(2026,)),
        _ki("Konsultasi Kekayaan Intelektual (Mobile IP Clinic)", COUNTER, 75),
    ),
    # Divisi Peraturan Perundang-undangan dan Pembinaan Hukum of a Kanwil.
    "kanwil-p3h": (
        _p3h("Pengharmonisasian Rancangan Peraturan Daerah dan Peraturan Kepala Daerah", COUNTER, 28),
        _p3h("Fasilitasi Penyusunan Produk Hukum Daerah", COUNTER, 14),
        _p3h("Penyuluhan Hukum", COUNTER, 140),
        _p3h("Verifikasi dan Akreditasi Organisasi Bantuan Hukum", COUNTER, 4),
        _p3h("Pembinaan Pos Bantuan Hukum (Posbankum)", COUNTER, 24),
        _p3h("Jaringan Dokumentasi dan Informasi Hukum (JDIH)", ONLINE, 180),
    ),
    "kanwil-tu": INTERNAL_KANWIL,
    # Balai Harta Peninggalan.
    "bhp": (
        _bhp("Pelayanan Perwalian", COUNTER, 40),
        _bhp("Pelayanan Pengampuan", COUNTER, 9),
        _bhp("Pendaftaran dan Pembukaan Wasiat", COUNTER, 30),
        _bhp("Pengelolaan Harta Tak Terurus", COUNTER, 6),
        _bhp("Pengurusan Harta Pailit", COUNTER, 5),
        _bhp("Penerbitan Surat Keterangan Waris", COUNTER, 110),
    ),
    # Ditjen AHU at the centre: the national online services (AHU Online).
    "ahu": (
        _ahu("Pendirian Perseroan Terbatas", ONLINE, 52_000),
        _ahu("Pendirian Perseroan Perorangan", ONLINE, 88_000),
        _ahu("Pendaftaran Jaminan Fidusia", ONLINE, 2_900_000),
        _ahu("Pelayanan Jabatan Notaris", ONLINE, 7_500),
        _ahu("Legalisasi Apostille", ONLINE, 41_000),
        _ahu("Pengesahan Badan Hukum Koperasi", ONLINE, 9_000),
        _ahu("Pelayanan Administrasi Penyidik Pegawai Negeri Sipil (PPNS)", ONLINE, 1_400),
    ),
    # Ditjen Kekayaan Intelektual at the centre.
    "djki": (
        _ki("Permohonan Merek", ONLINE, 72_000),
        _ki("Permohonan Paten", ONLINE, 6_200),
        _ki("Pencatatan Hak Cipta", ONLINE, 85_000),
        _ki("Permohonan Desain Industri", ONLINE, 2_700),
        _ki("Pencatatan Lisensi Rahasia Dagang", ONLINE, 12),
        _ki("Permohonan Indikasi Geografis", ONLINE, 18),
    ),
    "bphn": (
        _p3h("Jaringan Dokumentasi dan Informasi Hukum Nasional (JDIHN)", ONLINE, 160_000),
        _p3h("Akreditasi Organisasi Bantuan Hukum", COUNTER, 60),
        _p3h("Pelayanan Bantuan Hukum bagi Masyarakat Miskin", COUNTER, 900),
    ),
    "djpp": (
        _p3h("Pengharmonisasian Rancangan Peraturan Perundang-undangan", COUNTER, 320),
        _p3h("Pengundangan Peraturan Perundang-undangan", ONLINE, 450),
    ),
    "setjen": (
        _internal("Layanan Kepegawaian", COUNTER, 900),
        _internal("Layanan Keuangan", COUNTER, 420),
        _internal("Layanan Barang Milik Negara", COUNTER, 160),
        _internal("Layanan Teknologi Informasi", ONLINE, 1_100),
        _internal("Layanan Hubungan Masyarakat", ONLINE, 380),
    ),
}

# A unit's total users in a semester, fixed by hand: (unit code, year, semester) -> users. DOMAIN.md's
# example, "A Kanwil with about 48 users in a period needs 43" respondents (Krejcie-Morgan), is Bidang KI of
# Kanwil Sulawesi Barat in 2026 Semester I; its other semesters are set close by, so it is consistently small.
UNIT_SEMESTER_TOTALS: dict[tuple[str, int, int], int] = {
    ("kanwil-sulbar-ki", 2025, 1): 52,
    ("kanwil-sulbar-ki", 2025, 2): 57,
    ("kanwil-sulbar-ki", 2026, 1): 48,
    ("kanwil-sulbar-ki", 2026, 2): 55,
}


def specs_for(catalogue: str, year: int) -> tuple[ServiceSpec, ...]:
    return tuple(spec for spec in CATALOGUES[catalogue] if year in spec.years)


def semester_users(unit_code: str, weight: float, spec: ServiceSpec, year: int) -> tuple[int, int]:
    """Users of one service in Semester I and II of a year (the year's count is their sum)."""
    rng = random.Random(f"{unit_code}|{spec.name}|{spec.channel}|{year}")
    mean = spec.base * weight * GROWTH[year]
    first = mean * rng.uniform(0.75, 1.2)
    # The second semester is usually a little busier (year-end deadlines).
    second = first * rng.uniform(0.9, 1.3)
    return max(1, round(first)), max(1, round(second))


def unit_users(
    unit_code: str, weight: float, catalogue: str, year: int
) -> dict[tuple[str, str], tuple[int, int]]:
    """Semester users of every active service of a unit in a year, keyed by (name, channel)."""
    counts = {
        (spec.name, spec.channel): semester_users(unit_code, weight, spec, year)
        for spec in specs_for(catalogue, year)
        if year not in spec.inactive_in
    }
    for semester in (1, 2):
        total = UNIT_SEMESTER_TOTALS.get((unit_code, year, semester))
        if total is not None:
            scaled = _scale_to_total({key: pair[semester - 1] for key, pair in counts.items()}, total)
            for key, value in scaled.items():
                pair = counts[key]
                counts[key] = (value, pair[1]) if semester == 1 else (pair[0], value)
    return counts


def _scale_to_total(values: dict[tuple[str, str], int], total: int) -> dict[tuple[str, str], int]:
    """Scale counts so they sum to `total` exactly (largest remainder), keeping every service at 1 or more."""
    keys = sorted(values)
    floor = dict.fromkeys(keys, 1)
    spare = total - len(keys)
    if spare < 0:
        raise ValueError(f"a total of {total} cannot give {len(keys)} services one user each")
    weight = sum(values.values())
    shares = {key: spare * values[key] / weight for key in keys}
    result = {key: floor[key] + int(shares[key]) for key in keys}
    left = total - sum(result.values())
    for key in sorted(keys, key=lambda k: (shares[k] - int(shares[k]), k), reverse=True)[:left]:
        result[key] += 1
    return result
