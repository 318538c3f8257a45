"""The Ministry of Law's unit tree (Kementerian Hukum, since October 2024), as plain data.

Shape of the tree:

    Kementerian Hukum Republik Indonesia (ministry)
    ├── 8 Eselon I units (eselon1), located in DKI Jakarta
    │   └── Ditjen AHU
    │       └── 5 Balai Harta Peninggalan (upt)
    └── 33 Kantor Wilayah (kanwil)
        ├── Bagian Tata Usaha dan Umum (division)
        ├── Divisi Pelayanan Hukum (division)
        │   ├── Bidang Administrasi Hukum Umum (division)
        │   └── Bidang Kekayaan Intelektual (division)
        └── Divisi Peraturan Perundang-undangan dan Pembinaan Hukum (division)

The Kanwil report administratively to the Secretary-General, but they are modelled directly under the
ministry root: a Kanwil delivers the services of several Eselon I units (AHU, KI, P3H), so placing them under
Setjen would make Setjen's subtree (and its leaders' dashboards) contain the whole regional service network.

33 Kanwil for 38 provinces: one Kanwil per province as it stood before the 2022 Papua split (34 provinces),
except Kalimantan Utara, which never had its own Kanwil and is served by Kanwil Kalimantan Timur. After the
split, Kanwil Papua still covers Papua, Papua Selatan, Papua Tengah and Papua Pegunungan, and Kanwil Papua
Barat covers Papua Barat and Papua Barat Daya. So 30 Kanwil serve one province each and 3 serve 2 + 4 + 2 = 8.
"""

from __future__ import annotations

from typing import NamedTuple

from sikap.demo.data.provinces import DKI_JAKARTA, PROVINCES


class UnitSpec(NamedTuple):
    code: str
    name: str
    kind: str  # a Unit.Kind value
    parent_code: str | None
    province_codes: tuple[str, ...]
    catalogue: str | None = None  # key into services.CATALOGUES
    weight: float = 1.0  # relative service volume (a large Kanwil > 1, a small one < 1)


ROOT_CODE = "kemenkum"
ROOT_NAME = "Kementerian Hukum Republik Indonesia"

# (code, name, catalogue) of the Eselon I units.
ESELON_I: tuple[tuple[str, str, str | None], ...] = (
    ("setjen", "Sekretariat Jenderal", "setjen"),
    ("djpp", "Direktorat Jenderal Peraturan Perundang-undangan", "djpp"),
    ("ahu", "Direktorat Jenderal Administrasi Hukum Umum", "ahu"),
    ("djki", "Direktorat Jenderal Kekayaan Intelektual", "djki"),
    ("itjen", "Inspektorat Jenderal", None),
    ("bphn", "Badan Pembinaan Hukum Nasional", "bphn"),
    ("bsk", "Badan Strategi Kebijakan Hukum", None),
    ("bpsdm", "Badan Pengembangan Sumber Daya Manusia Hukum", None),
)


class KanwilRow(NamedTuple):
    slug: str  # the code is "kanwil-<slug>"
    region: str  # "Kantor Wilayah Kementerian Hukum <region>"
    province_codes: tuple[str, ...]  # BPS codes of the provinces it serves
    weight: float  # service volume relative to a mid-sized province


# Weights follow population and economic activity: Java and the big provinces high, eastern Indonesia low.
KANWIL: tuple[KanwilRow, ...] = (
    KanwilRow("aceh", "Aceh", ("11",), 0.9),
    KanwilRow("sumut", "Sumatera Utara", ("12",), 1.8),
    KanwilRow("sumbar", "Sumatera Barat", ("13",), 1.0),
    KanwilRow("riau", "Riau", ("14",), 1.1),
    KanwilRow("jambi", "Jambi", ("15",), 0.7),
    KanwilRow("sumsel", "Sumatera Selatan", ("16",), 1.1),
    KanwilRow("bengkulu", "Bengkulu", ("17",), 0.5),
    KanwilRow("lampung", "Lampung", ("18",), 1.0),
    KanwilRow("babel", "Kepulauan Bangka Belitung", ("19",), 0.5),
    KanwilRow("kepri", "Kepulauan Riau", ("21",), 0.8),
    KanwilRow("dki", "DKI Jakarta", ("31",), 2.6),
    KanwilRow("jabar", "Jawa Barat", ("32",), 3.0),
    KanwilRow("jateng", "Jawa Tengah", ("33",), 2.5),
    KanwilRow("diy", "DI Yogyakarta", ("34",), 1.0),
    KanwilRow("jatim", "Jawa Timur", ("35",), 2.8),
    KanwilRow("banten", "Banten", ("36",), 1.5),
    KanwilRow("bali", "Bali", ("51",), 1.2),
    KanwilRow("ntb", "Nusa Tenggara Barat", ("52",), 0.8),
    KanwilRow("ntt", "Nusa Tenggara Timur", ("53",), 0.7),
    KanwilRow("kalbar", "Kalimantan Barat", ("61",), 0.8),
    KanwilRow("kalteng", "Kalimantan Tengah", ("62",), 0.6),
    KanwilRow("kalsel", "Kalimantan Selatan", ("63",), 0.8),
    # Kalimantan Utara (65) has no Kanwil of its own.
    KanwilRow("kaltim", "Kalimantan Timur", ("64", "65"), 1.0),
    KanwilRow("sulut", "Sulawesi Utara", ("71",), 0.7),
    KanwilRow("sulteng", "Sulawesi Tengah", ("72",), 0.6),
    KanwilRow("sulsel", "Sulawesi Selatan", ("73",), 1.4),
    KanwilRow("sultra", "Sulawesi Tenggara", ("74",), 0.6),
    KanwilRow("gorontalo", "Gorontalo", ("75",), 0.4),
    KanwilRow("sulbar", "Sulawesi Barat", ("76",), 0.35),
    KanwilRow("maluku", "Maluku", ("81",), 0.45),
    KanwilRow("malut", "Maluku Utara", ("82",), 0.35),
    # Papua Barat (91), Papua Barat Daya (92); Papua (94), Papua Selatan (95), Tengah (96), Pegunungan (97).
    KanwilRow("pabar", "Papua Barat", ("91", "92"), 0.35),
    KanwilRow("papua", "Papua", ("94", "95", "96", "97"), 0.5),
)

# (suffix, name, parent suffix or None for the Kanwil itself, catalogue) of every Kanwil's divisions.
KANWIL_DIVISIONS: tuple[tuple[str, str, str | None, str | None], ...] = (
    ("tu", "Bagian Tata Usaha dan Umum", None, "kanwil-tu"),
    ("yankum", "Divisi Pelayanan Hukum", None, None),
    ("ahu", "Bidang Administrasi Hukum Umum", "yankum", "kanwil-ahu"),
    ("ki", "Bidang Kekayaan Intelektual", "yankum", "kanwil-ki"),
    ("p3h", "Divisi Peraturan Perundang-undangan dan Pembinaan Hukum", None, "kanwil-p3h"),
)

# The five Balai Harta Peninggalan (UPT of Ditjen AHU): (city slug, city, province BPS code, weight).
BHP: tuple[tuple[str, str, str, float], ...] = (
    ("jakarta", "Jakarta", DKI_JAKARTA, 1.6),
    ("semarang", "Semarang", "33", 1.0),
    ("surabaya", "Surabaya", "35", 1.3),
    ("medan", "Medan", "12", 1.1),
    ("makassar", "Makassar", "73", 0.7),
)


def kanwil_code(slug: str) -> str:
    return f"kanwil-{slug}"


def build_units() -> tuple[UnitSpec, ...]:
    """Every unit, each after its parent."""
    units = [UnitSpec(ROOT_CODE, ROOT_NAME, "ministry", None, ())]
    for code, name, catalogue in ESELON_I:
        units.append(UnitSpec(code, name, "eselon1", ROOT_CODE, (DKI_JAKARTA,), catalogue))
    for city_slug, city, province, weight in BHP:
        units.append(
            UnitSpec(
                f"bhp-{city_slug}",
                f"Balai Harta Peninggalan {city}",
                "upt",
                "ahu",
                (province,),
                "bhp",
                weight,
            )
        )
    for row in KANWIL:
        code = kanwil_code(row.slug)
        name = f"Kantor Wilayah Kementerian Hukum {row.region}"
        units.append(UnitSpec(code, name, "kanwil", ROOT_CODE, row.province_codes, None, row.weight))
        for suffix, division, parent_suffix, catalogue in KANWIL_DIVISIONS:
            parent = f"{code}-{parent_suffix}" if parent_suffix else code
            # A division serves the provinces of its Kanwil; its name carries the region so that
            # lists outside the tree (league tables, search) stay unambiguous.
            units.append(
                UnitSpec(
                    f"{code}-{suffix}",
                    f"{division} {row.region}",
                    "division",
                    parent,
                    row.province_codes,
                    catalogue,
                    row.weight,
                )
            )
    return tuple(units)


UNITS: tuple[UnitSpec, ...] = build_units()


def _check() -> None:
    """Fail at import if the tree drifts from what the rest of the demo assumes."""
    known = {row.bps_code for row in PROVINCES}
    covered = [code for row in KANWIL for code in row.province_codes]
    assert len(KANWIL) == 33, "the ministry has 33 Kanwil"
    assert sorted(covered) == sorted(known), "each province is served by exactly one Kanwil"
    codes = [unit.code for unit in UNITS]
    assert len(codes) == len(set(codes)), "unit codes are unique"
    assert all(len(code) <= 40 for code in codes), "unit codes fit Unit.code (40 characters)"


_check()
