"""Registry of IKM regulation definitions: element codes and names, scale, conversion and grade table."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from sikap.scoring.grades import IKM_GRADES_14_2017, GradeTable


@dataclass(frozen=True)
class Element:
    """One survey element (unsur), identified by its code, never by its position."""

    code: str
    name: str


@dataclass(frozen=True)
class Regulation:
    """An IKM regulation version: what is asked, on which scale, and how the result is graded."""

    version: str
    title: str
    elements: tuple[Element, ...]
    scale_min: int
    scale_max: int
    conversion_factor: int
    grade_table: GradeTable
    literal_weight: Decimal

    @property
    def codes(self) -> tuple[str, ...]:
        """Element codes in the regulation's own order."""
        return tuple(element.code for element in self.elements)

    def element_name(self, code: str) -> str | None:
        """The official name of an element code, or None for a unit's own added element."""
        return next((element.name for element in self.elements if element.code == code), None)


class UnknownRegulationError(ValueError):
    """Raised when a regulation version is asked for that this registry does not define."""


PERMENPANRB_14_2017 = Regulation(
    version="14/2017",
    title="PermenPANRB No. 14 Tahun 2017",
    elements=(
        Element("U1", "Persyaratan"),
        Element("U2", "Sistem, Mekanisme, dan Prosedur"),
        Element("U3", "Waktu Penyelesaian"),
        Element("U4", "Biaya/Tarif"),
        Element("U5", "Produk Spesifikasi Jenis Pelayanan"),
        Element("U6", "Kompetensi Pelaksana"),
        Element("U7", "Perilaku Pelaksana"),
        Element("U8", "Penanganan Pengaduan, Saran dan Masukan"),
        Element("U9", "Sarana dan Prasarana"),
    ),
    scale_min=1,
    scale_max=4,
    conversion_factor=25,
    grade_table=IKM_GRADES_14_2017,
    # The rounded weight many published reports use instead of 1/9 (some use 0.11).
    literal_weight=Decimal("0.111"),
)

DEFAULT_REGULATION = PERMENPANRB_14_2017.version

# Older versions (16/2014, KepMenPAN 25/2004) are deliberately absent: results must never mix versions,
# and an undefined version must fail loudly rather than be scored with the wrong table.
REGULATIONS: MappingProxyType[str, Regulation] = MappingProxyType(
    {PERMENPANRB_14_2017.version: PERMENPANRB_14_2017}
)


def get_regulation(version: str | Regulation = DEFAULT_REGULATION) -> Regulation:
    """Look up a regulation by version string (e.g. "14/2017"); unknown versions raise a clear error."""
    if isinstance(version, Regulation):
        return version
    try:
        return REGULATIONS[version]
    except KeyError:
        known = ", ".join(sorted(REGULATIONS))
        raise UnknownRegulationError(
            f"regulation version {version!r} is not defined (known: {known})"
        ) from None
