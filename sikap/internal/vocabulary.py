"""How roster files name columns and values: the words, in Indonesian and English, as data.

A value cell is read ignoring case, extra spaces and the kind of dash; it may be a code (`pppk`, `L`,
`30-39`), a label in either language, or one of the words below. Age and years of service may also be a
whole number of years, mapped to its band. Nothing here touches the database.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.internal.models import AgeBand, JobType, Perspective, ServiceBand, Sex

# Column -> the headers that name it (normalised by `column_key`); the first is the template's header.
COLUMNS: dict[str, tuple[str, ...]] = {
    "unit": ("unit", "kode_unit", "unit_code"),
    "name": ("nama", "name", "nama_pegawai", "nama_lengkap", "full_name"),
    "email": ("email", "surel", "e_mail", "alamat_surel", "email_address"),
    "phone": ("telepon", "phone", "telp", "no_telepon", "nomor_telepon", "no_hp", "hp", "telephone"),
    "job_type": ("jenis_jabatan", "job_type"),
    "perspective": ("perspektif", "perspective"),
    "sex": ("jenis_kelamin", "sex", "jk", "gender"),
    "age_band": ("kelompok_usia", "age_band", "usia", "umur", "age"),
    "service_band": ("masa_kerja", "years_of_service", "service_band", "masa_kerja_tahun"),
}

# Words beside each choice's code and labels (both languages are added from the choices themselves).
WORDS: dict[str, dict[str, str]] = {
    "job_type": {
        "structural": "struktural",
        "jabatan struktural": "struktural",
        "functional": "fungsional",
        "jabatan fungsional": "fungsional",
        "jft": "fungsional",
        "jfu": "pelaksana",  # "jabatan fungsional umum", the old name of pelaksana
        "implementer": "pelaksana",
        "executor": "pelaksana",
        "p3k": "pppk",
        "honorer": "ppnpn",
    },
    "perspective": {
        "pengguna": "pengguna",
        "user": "pengguna",
        "users": "pengguna",
        "service user": "pengguna",
        "penyedia": "penyedia",
        "provider": "penyedia",
        "service provider": "penyedia",
        "pimpinan": "pimpinan",
        "leader": "pimpinan",
        "leadership": "pimpinan",
    },
    "sex": {
        "laki laki": "L",
        "lelaki": "L",
        "pria": "L",
        "male": "L",
        "m": "L",
        "wanita": "P",
        "female": "P",
        "f": "P",
    },
    "age_band": {"under 30": "<30", "50 ke atas": "50+", "50 and over": "50+", ">=50": "50+"},
    "service_band": {"under 5": "<5", "20 ke atas": "20+", "20 and over": "20+", ">=20": "20+"},
}

CHOICES: dict[str, type[models.TextChoices]] = {
    "job_type": JobType,
    "perspective": Perspective,
    "sex": Sex,
    "age_band": AgeBand,
    "service_band": ServiceBand,
}

# Whole years -> band: (lowest, highest) years accepted, and [(upper bound exclusive, band)] lowest first.
YEARS: dict[str, tuple[tuple[int, int], list[tuple[int | None, str]]]] = {
    "age_band": ((15, 80), [(30, "<30"), (40, "30-39"), (50, "40-49"), (None, "50+")]),
    "service_band": ((0, 50), [(5, "<5"), (10, "5-9"), (20, "10-19"), (None, "20+")]),
}

LABELS = {
    "unit": gettext_lazy("kode unit"),
    "name": gettext_lazy("nama"),
    "email": gettext_lazy("surel"),
    "phone": gettext_lazy("telepon"),
    "job_type": gettext_lazy("jenis jabatan"),
    "perspective": gettext_lazy("perspektif"),
    "sex": gettext_lazy("jenis kelamin"),
    "age_band": gettext_lazy("kelompok usia"),
    "service_band": gettext_lazy("masa kerja"),
}


def column_key(header: str) -> str:
    """A header as the reader compares it: lower case, a bracketed note dropped ("Masa kerja (tahun)"
    is "masa_kerja_tahun" and "masa_kerja" alike), runs of spaces, dashes and underscores as one "_"."""
    text = header.strip().lower()
    return re.sub(r"[\s_\-–—]+", "_", re.sub(r"[()]", " ", text)).strip("_")


def column_of(header: str) -> str:
    """The column a header names, or "" when it names none."""
    key = column_key(header)
    bare = column_key(re.sub(r"\(.*?\)", " ", header))
    for column, names in COLUMNS.items():
        if key in names or bare in names:
            return column
    return ""


def _normal(text: str) -> str:
    """Lower case, single spaces, any dash as "-", no spaces around a dash: "30 – 39" is "30-39"."""
    text = re.sub(r"[–—]", "-", str(text)).lower()
    text = re.sub(r"\s*-\s*", "-", " ".join(text.split()))
    return text.replace("laki-laki", "laki laki")


@functools.cache
def accepted(column: str) -> dict[str, str]:
    """Every spelling a value column accepts -> the stored code: codes, labels in Indonesian and
    English, and the words of `WORDS`."""
    found: dict[str, str] = {}
    for language in ("id", "en"):
        with translation.override(language):
            for value, label in CHOICES[column].choices:
                found[_normal(str(label))] = value
    for value in CHOICES[column].values:
        found[_normal(value)] = value
    for word, value in WORDS.get(column, {}).items():
        found[_normal(word)] = value
    return found


def band_of(column: str, years: int) -> str:
    for upper, band in YEARS[column][1]:
        if upper is None or years < upper:
            return band
    return ""  # not reached: the last band is open-ended


def _whole_number(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    text = str(raw).strip().replace(",", ".")
    if not text.isascii():  # ASCII digits only: Decimal() would also read "١٢" as 12
        return None
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    # Bounded before int(): "1e999999999" is a finite whole number a million digits long.
    if not number.is_finite() or number.adjusted() > 6 or number != number.to_integral_value():
        return None
    return int(number)


@dataclass(frozen=True)
class Reader:
    """Reads one value column: (code, "") or ("", error message)."""

    column: str

    def __call__(self, raw: Any) -> tuple[str, str]:
        text = "" if raw is None else str(raw).strip()
        if not text:
            return "", ""
        found = accepted(self.column).get(_normal(text))
        if found is not None:
            return found, ""
        if self.column in YEARS:
            years = _whole_number(raw)
            (low, high), _bands = YEARS[self.column]
            if years is not None:
                if low <= years <= high:
                    return band_of(self.column, years), ""
                return "", _("%(n)s tahun di luar rentang %(low)s-%(high)s.") % {
                    "n": years,
                    "low": low,
                    "high": high,
                }
        return "", _("“%(value)s” tidak dikenali; yang diterima: %(allowed)s.") % {
            "value": text[:40],
            "allowed": allowed_text(self.column),
        }


def allowed_text(column: str) -> str:
    """What a value column accepts, in the reader's language: "struktural (Struktural), ..."."""
    parts = [f"{value} ({label})" for value, label in CHOICES[column].choices]
    text = ", ".join(parts)
    if column in YEARS:
        (low, high), _bands = YEARS[column]
        text += " " + _("atau jumlah tahun (%(low)s-%(high)s)") % {"low": low, "high": high}
    return text


READERS: dict[str, Callable[[Any], tuple[str, str]]] = {column: Reader(column) for column in CHOICES}
