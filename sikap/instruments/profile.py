"""The respondent profile as data: the rules a `Field` definition carries, applied by small functions.

A field's options (`choices`, [value, label] pairs in the defined order, with `choices_en` for English)
and bands (`bands`, [upper bound exclusive or null, label], lowest first) drive the form, validation,
tallies, breakdowns, exports and reports. Stored values and tally categories are the option values and
band labels; only what a reader sees changes with the language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

# Longest tally key (`GroupTally.dimension`) and category (`GroupTally.category`).
DIMENSION_MAX = 40
CATEGORY_MAX = 40


def english() -> bool:
    """Whether the reader's language is English (Indonesian is the default and the source)."""
    return (get_language() or "id").lower().startswith("en")


def in_language(indonesian: str, english_text: str) -> str:
    return english_text if english_text and english() else indonesian


def band_of(value: int | None, bands: Sequence[Sequence[Any]]) -> str:
    """The label of the band a value falls in; "" when blank or above a closed last band."""
    if value is None:
        return ""
    for upper, label in bands:
        if upper is None or value < upper:
            return str(label)
    return ""


def band_errors(code: str, kind: str, bands: Any) -> list[str]:
    """Why a field's bands are unusable (empty when they are fine)."""
    if not bands:
        return []
    if kind != "integer":
        return [_("Isian %(code)s: kelompok nilai hanya untuk isian angka.") % {"code": code}]
    errors = []
    uppers = []
    for band in bands:
        if not isinstance(band, list | tuple) or len(band) != 2 or not str(band[1]).strip():
            return [_("Isian %(code)s: tiap kelompok nilai ditulis [batas atas, label].") % {"code": code}]
        if band[0] is not None and not isinstance(band[0], int):
            return [_("Isian %(code)s: batas atas kelompok harus angka bulat.") % {"code": code}]
        if len(str(band[1])) > CATEGORY_MAX:
            errors.append(_("Isian %(code)s: label kelompok terlalu panjang.") % {"code": code})
        uppers.append(band[0])
    bounded = [u for u in uppers if u is not None]
    if uppers[-1] is not None or len(bounded) != len(uppers) - 1 or bounded != sorted(set(bounded)):
        errors.append(
            _("Isian %(code)s: batas kelompok harus naik dan kelompok terakhir terbuka (null).")
            % {"code": code}
        )
    return errors
