"""SPKP / SPAK perception indices (IPKP, IPAK): mean of item means on the 1-6 scale, converted and checked."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from sikap.scoring._numbers import NumberLike, round_half_up, to_fraction
from sikap.scoring.aggregate import (
    AnswerRow,
    NoAnswersError,
    aggregate_rows,
    check_aggregate,
    check_respondents,
)
from sikap.scoring.regulations import Element

# Widely quoted WBK/WBBM threshold for IPKP and IPAK on the 1-4 scale; configurable per call.
DEFAULT_THRESHOLD = Decimal("3.60")


@dataclass(frozen=True)
class PerceptionInstrument:
    """A perception survey: its items (by code) and the index it yields."""

    key: str
    index_name: str
    title: str
    items: tuple[Element, ...]
    scale_min: int = 1
    scale_max: int = 6

    @property
    def codes(self) -> tuple[str, ...]:
        """Item codes in the instrument's order."""
        return tuple(item.code for item in self.items)

    def item_name(self, code: str) -> str | None:
        """The statement of an item code, or None for an item the instrument does not define."""
        return next((item.name for item in self.items if item.code == code), None)


SPKP = PerceptionInstrument(
    key="spkp",
    index_name="IPKP",
    title="Survei Persepsi Kualitas Pelayanan",
    items=(
        Element("K1", "Informasi pelayanan tersedia"),
        Element("K2", "Persyaratan sesuai yang diinformasikan"),
        Element("K3", "Prosedur mudah"),
        Element("K4", "Jangka waktu sesuai"),
        Element("K5", "Tarif/biaya sesuai (gratis bila gratis)"),
        Element("K6", "Sarana prasarana / sistem online nyaman"),
        Element("K7", "Respons petugas cepat"),
        Element("K8", "Konsultasi dan pengaduan mudah"),
    ),
)

SPAK = PerceptionInstrument(
    key="spak",
    index_name="IPAK",
    title="Survei Persepsi Anti Korupsi",
    items=(
        Element("A1", "Tidak ada diskriminasi"),
        Element("A2", "Tidak ada kecurangan / layanan di luar prosedur"),
        Element("A3", "Tidak ada imbalan / gratifikasi"),
        Element("A4", "Tidak ada pungutan liar"),
        Element("A5", "Tidak ada percaloan"),
    ),
)

INSTRUMENTS: MappingProxyType[str, PerceptionInstrument] = MappingProxyType({"spkp": SPKP, "spak": SPAK})


@dataclass(frozen=True)
class Conversion:
    """A labelled conversion of a 1-6 mean to the 1-4 scale and to 0-100."""

    name: str
    label: str
    to_4: Callable[[Fraction], Fraction]
    to_100: Callable[[Fraction], Fraction]


# The official conversion is not public; linear rescaling of 1-6 onto 1-4 and 0-100 is the labelled default.
LINEAR = Conversion(
    name="linear",
    label="konversi linear: x4 = 1 + 3(m6 - 1)/5, persen = 100(m6 - 1)/5 (linear conversion)",
    to_4=lambda m6: 1 + 3 * (m6 - 1) / 5,
    to_100=lambda m6: 100 * (m6 - 1) / 5,
)

CONVERSIONS: MappingProxyType[str, Conversion] = MappingProxyType({LINEAR.name: LINEAR})


def get_instrument(instrument: str | PerceptionInstrument) -> PerceptionInstrument:
    """Look up an instrument by key ("spkp", "spak") or pass a custom one through."""
    if isinstance(instrument, PerceptionInstrument):
        return instrument
    try:
        return INSTRUMENTS[instrument]
    except KeyError:
        raise ValueError(f"unknown perception instrument {instrument!r} (known: spkp, spak)") from None


def get_conversion(conversion: str | Conversion) -> Conversion:
    """Look up a conversion by name or pass a custom one through."""
    if isinstance(conversion, Conversion):
        return conversion
    try:
        return CONVERSIONS[conversion]
    except KeyError:
        known = ", ".join(sorted(CONVERSIONS))
        raise ValueError(f"unknown conversion {conversion!r} (known: {known})") from None


def meets_threshold(value_4: NumberLike, threshold: NumberLike = DEFAULT_THRESHOLD, places: int = 2) -> bool:
    """Whether a 1-4 index reaches the threshold, compared as displayed (rounded half up to `places`)."""
    # Compare the shown value so a report never prints "3,60" beside "below 3,60".
    shown = round_half_up(to_fraction(value_4, "index"), places)
    return Fraction(shown) >= to_fraction(threshold, "threshold")


@dataclass(frozen=True)
class ItemScore:
    """One item's answers, sum and mean on the 1-6 scale."""

    code: str
    name: str | None
    n: int
    total: int
    mean_exact: Fraction

    @property
    def mean(self) -> Decimal:
        """Item mean rounded half up to 4 decimals."""
        return round_half_up(self.mean_exact, 4)


@dataclass(frozen=True)
class PerceptionResult:
    """A perception index on the 1-6, 1-4 and 0-100 scales, with its conversion and threshold verdict."""

    instrument: str
    index_name: str
    respondents: int
    items: tuple[ItemScore, ...]
    index_6_exact: Fraction
    index_4_exact: Fraction
    index_100_exact: Fraction
    conversion: str
    conversion_label: str
    threshold: Decimal
    passed: bool

    @property
    def index_6(self) -> Decimal:
        """Mean of item means on the 1-6 scale, 4 decimals."""
        return round_half_up(self.index_6_exact, 4)

    @property
    def index_4(self) -> Decimal:
        """Index on the 1-4 scale, 4 decimals."""
        return round_half_up(self.index_4_exact, 4)

    @property
    def index_100(self) -> Decimal:
        """Index on 0-100, 2 decimals."""
        return round_half_up(self.index_100_exact, 2)


def perception_from_aggregates(
    sums: Mapping[str, int],
    counts: Mapping[str, int],
    *,
    instrument: str | PerceptionInstrument = "spkp",
    items: Sequence[str] | None = None,
    respondents: int | None = None,
    conversion: str | Conversion = "linear",
    threshold: NumberLike = DEFAULT_THRESHOLD,
) -> PerceptionResult:
    """Compute a perception index from per-item sums and counts (missing codes count as unanswered).

    `items` narrows (or extends) the item set; an included item without answers raises NoAnswersError
    rather than being dropped silently.
    """
    inst = get_instrument(instrument)
    conv = get_conversion(conversion)
    codes = list(inst.codes if items is None else items)
    if not codes:
        raise ValueError("a perception index needs at least one item")
    checked = {
        code: check_aggregate(code, sums.get(code, 0), counts.get(code, 0), inst.scale_min, inst.scale_max)
        for code in codes
    }
    unanswered = [code for code, (_, n) in checked.items() if n == 0]
    if unanswered:
        raise NoAnswersError(unanswered, "pass items=[...] that leave them out")
    scores = tuple(
        ItemScore(code, inst.item_name(code), n, total, Fraction(total, n))
        for code, (total, n) in checked.items()
    )
    index_6 = sum((item.mean_exact for item in scores), Fraction(0)) / len(scores)
    index_4 = conv.to_4(index_6)
    threshold_value = to_fraction(threshold, "threshold")
    return PerceptionResult(
        instrument=inst.key,
        index_name=inst.index_name,
        respondents=check_respondents(respondents, {code: n for code, (_, n) in checked.items()}),
        items=scores,
        index_6_exact=index_6,
        index_4_exact=index_4,
        index_100_exact=conv.to_100(index_6),
        conversion=conv.name,
        conversion_label=conv.label,
        threshold=Decimal(threshold_value.numerator) / Decimal(threshold_value.denominator),
        passed=meets_threshold(index_4, threshold_value),
    )


def perception_from_rows(
    rows: Iterable[AnswerRow],
    *,
    instrument: str | PerceptionInstrument = "spkp",
    items: Sequence[str] | None = None,
    conversion: str | Conversion = "linear",
    threshold: NumberLike = DEFAULT_THRESHOLD,
) -> PerceptionResult:
    """Compute a perception index from answer rows (item code -> 1-6 or None)."""
    inst = get_instrument(instrument)
    codes = list(inst.codes if items is None else items)
    totals = aggregate_rows(rows, codes, inst.scale_min, inst.scale_max)
    return perception_from_aggregates(
        totals.sums,
        totals.counts,
        instrument=inst,
        items=codes,
        respondents=totals.respondents,
        conversion=conversion,
        threshold=threshold,
    )
