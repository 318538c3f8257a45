"""The internal integrity survey (SPI-style), scored 0-100 as INTERNAL.md fixes it.

Each answer on the k-point scale is recoded to 0-100: a positive item (x - 1) / (k - 1) x 100, a
reverse-keyed item (k - x) / (k - 1) x 100. "Tidak tahu" is missing, never a score. Item mean over those
who answered; dimension = mean of its item means; index = mean of the dimension scores (equal weights
unless given); rounded to 2 decimals at the end only. The recoding is linear, so an item's mean recoded
equals the recoded mean of its raw answers: sums and counts of raw answers are all it needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sikap.scoring._numbers import NumberLike, round_half_up, to_fraction

SCALE_MIN, SCALE_MAX = 1, 4

# Dimension codes are fixed by INTERNAL.md, in this order.
DIMENSIONS = (
    ("TR", "Transparansi"),
    ("IT", "Integritas dalam pelaksanaan tugas"),
    ("AN", "Pengelolaan anggaran"),
    ("PB", "Pengelolaan pengadaan barang/jasa"),
    ("SD", "Pengelolaan SDM"),
    ("TI", "Trading in influence"),
    ("SO", "Sosialisasi antikorupsi"),
)


@dataclass(frozen=True)
class Category:
    name: str
    minimum: Decimal | None  # None: everything below the bands above


@dataclass(frozen=True)
class CategoryProfile:
    """A named set of categories for the 0-100 index, highest first."""

    key: str
    title: str
    categories: tuple[Category, ...]

    def category_for(self, score: Decimal) -> str:
        for category in self.categories:
            if category.minimum is None or score >= category.minimum:
                return category.name
        raise AssertionError("unreachable: the last category has no minimum")  # pragma: no cover


PROFILES = {
    "itjen-2024": CategoryProfile(
        "itjen-2024",
        "Itjen Kemenkumham 2024",
        (Category("Terjaga", Decimal(78)), Category("Waspada", Decimal(73)), Category("Rentan", None)),
    ),
    "kpk-2023": CategoryProfile(
        "kpk-2023",
        "KPK 2023",
        (Category("Hijau", Decimal(80)), Category("Kuning", Decimal(73)), Category("Merah", None)),
    ),
}
DEFAULT_PROFILE = "itjen-2024"


@dataclass(frozen=True)
class ItemSpec:
    code: str
    dimension: str
    reverse: bool = False


def recode(mean: Fraction, reverse: bool, scale_min: int = SCALE_MIN, scale_max: int = SCALE_MAX) -> Fraction:
    """A mean answer on the scale as 0-100, turned round for a reverse-keyed item."""
    span = scale_max - scale_min
    position = (scale_max - mean) if reverse else (mean - scale_min)
    return position / span * 100


@dataclass(frozen=True)
class IntegrityResult:
    respondents: int
    items: dict[str, Fraction | None]  # 0-100 per item; None when nobody answered it
    dimensions: dict[str, Fraction | None]  # 0-100 per dimension; None when no item was answered
    index: Fraction
    score: Decimal  # the index rounded to 2 decimals
    category: str
    profile: str

    def weakest(self, count: int = 3) -> list[tuple[str, Fraction]]:
        """The lowest-scoring dimensions first: what leads the action plan."""
        scored = [(code, value) for code, value in self.dimensions.items() if value is not None]
        return sorted(scored, key=lambda pair: (pair[1], pair[0]))[:count]


def integrity_from_moments(
    items: list[ItemSpec],
    moments: Mapping[str, tuple[int, int]],
    respondents: int,
    *,
    weights: Mapping[str, NumberLike] | None = None,
    profile: str = DEFAULT_PROFILE,
    scale_min: int = SCALE_MIN,
    scale_max: int = SCALE_MAX,
) -> IntegrityResult:
    """The index from raw (sum, n) per item code. Raises ValueError when no dimension has an answer."""
    if profile not in PROFILES:
        raise ValueError(f"unknown category profile {profile!r}")
    item_scores: dict[str, Fraction | None] = {}
    by_dimension: dict[str, list[Fraction]] = {}
    for spec in items:
        total, n = moments.get(spec.code, (0, 0))
        if n < 0 or not n * scale_min <= total <= n * scale_max:
            raise ValueError(f"item {spec.code}: sum {total} impossible for {n} answers")
        value = recode(Fraction(total, n), spec.reverse, scale_min, scale_max) if n else None
        item_scores[spec.code] = value
        bucket = by_dimension.setdefault(spec.dimension, [])
        if value is not None:
            bucket.append(value)
    dimensions = {d: (sum(v, Fraction(0)) / len(v) if v else None) for d, v in by_dimension.items()}
    chosen = {d: to_fraction((weights or {}).get(d, 1), d) for d in dimensions}
    present = {d: w for d, w in chosen.items() if dimensions[d] is not None and w > 0}
    total_weight = sum(present.values(), Fraction(0))
    if not present:
        raise ValueError("no dimension has an answer; the index is undefined")
    index = sum((w * dimensions[d] for d, w in present.items()), Fraction(0)) / total_weight  # type: ignore[operator]
    score = round_half_up(index, 2)
    return IntegrityResult(
        respondents=respondents,
        items=item_scores,
        dimensions=dimensions,
        index=index,
        score=score,
        category=PROFILES[profile].category_for(score),
        profile=profile,
    )
