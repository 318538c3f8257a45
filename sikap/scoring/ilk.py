"""ILK (Indeks Layanan Kesekretariatan): a 360 index of the secretariat services, as INTERNAL.md fixes it.

1. item mean = sum of answers / number who answered it (N/A and blanks left out);
2. domain score = mean of its item means (items without answers left out);
3. perspective score = mean of the domain scores computed over that perspective's respondents;
4. ILK = weighted mean of the perspective scores (equal weights by default); perspectives without
   respondents drop out and the remaining weights are renormalised;
5. converted score = ILK x 25 rounded to 2 decimals, graded by the SKM table on that rounded value.

Exact arithmetic inside; rounding happens once, at the end. Inputs are per-perspective sums and counts per
item (`Moments`), so the same function scores a CSV file and the database's tallies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sikap.scoring._numbers import NumberLike, round_half_up, to_fraction
from sikap.scoring.grades import IKM_GRADES_14_2017

SCALE_MIN, SCALE_MAX = 1, 4
CONVERSION = 25

PENGGUNA, PENYEDIA, PIMPINAN = "pengguna", "penyedia", "pimpinan"
PERSPECTIVES = (PENGGUNA, PENYEDIA, PIMPINAN)
# English (and a few common) spellings a file may use for a perspective.
PERSPECTIVE_SYNONYMS = {
    "pengguna": PENGGUNA,
    "user": PENGGUNA,
    "users": PENGGUNA,
    "penyedia": PENYEDIA,
    "provider": PENYEDIA,
    "providers": PENYEDIA,
    "pimpinan": PIMPINAN,
    "leader": PIMPINAN,
    "leaders": PIMPINAN,
    "leadership": PIMPINAN,
}

# The five standard domains and their three aspects (kualitas, ketersediaan, aksesibilitas).
DOMAINS = (
    ("KEP", "Kepegawaian"),
    ("KEU", "Perencanaan dan Keuangan"),
    ("BMN", "BMN dan Umum"),
    ("HUM", "Hubungan Masyarakat"),
    ("TI", "Teknologi Informasi"),
)
ASPECTS = (("K", "Kualitas"), ("T", "Ketersediaan"), ("A", "Aksesibilitas"))
STANDARD_ITEMS = tuple(f"{domain}.{aspect}" for domain, _name in DOMAINS for aspect, _a in ASPECTS)

# (sum, n) per item code, per perspective.
Moments = Mapping[str, Mapping[str, tuple[int, int]]]


def perspective_of(raw: str | None) -> str | None:
    """The perspective a cell names (any case, Indonesian or English); blank = pengguna; None = unknown."""
    text = (raw or "").strip().lower()
    if not text:
        return PENGGUNA
    return PERSPECTIVE_SYNONYMS.get(text)


def domain_of(item: str) -> str:
    """The domain code of an item code: the part before the dot (KEP.K -> KEP)."""
    return item.split(".", 1)[0]


def equal_weights() -> dict[str, Fraction]:
    return {p: Fraction(1, len(PERSPECTIVES)) for p in PERSPECTIVES}


def parse_weights(text: str) -> dict[str, Fraction]:
    """`pengguna=0.6,penyedia=0.2,pimpinan=0.2` -> weights (a perspective left out weighs 0).

    Raises ValueError on anything else.
    """
    weights = dict.fromkeys(PERSPECTIVES, Fraction(0))
    seen = set()
    for part in (p for p in text.split(",") if p.strip()):
        name, sep, value = part.partition("=")
        perspective = perspective_of(name) if name.strip() else None
        if not sep or perspective is None:
            raise ValueError(f"{part.strip()!r}: expected perspective=weight (pengguna, penyedia, pimpinan)")
        if perspective in seen:
            raise ValueError(f"{perspective}: given twice")
        seen.add(perspective)
        weight = to_fraction(value, perspective)
        if weight < 0:
            raise ValueError(f"{perspective}: a weight must not be negative")
        weights[perspective] = weight
    if sum(weights.values()) <= 0:
        raise ValueError("the weights must add up to more than 0")
    return weights


@dataclass(frozen=True)
class IlkResult:
    """One unit's (or one group's) ILK, exact values and what the reader is told."""

    respondents: int
    respondents_by_perspective: dict[str, int]
    items: dict[str, Fraction | None]  # item mean over every respondent; None when nobody answered
    domains: dict[str, Fraction | None]  # domain score over every respondent
    perspectives: dict[str, Fraction | None]  # None for a perspective without respondents
    weights_used: dict[str, Fraction]  # after renormalisation over the perspectives present
    renormalised: bool  # whether a perspective with weight > 0 dropped out
    ilk: Fraction
    score: Decimal  # ILK x 25, rounded to 2 decimals
    grade: str
    label: str

    @property
    def rounded_ilk(self) -> Decimal:
        return round_half_up(self.ilk, 4)


def _item_means(moments: Mapping[str, tuple[int, int]]) -> dict[str, Fraction | None]:
    means: dict[str, Fraction | None] = {}
    for item, (total, n) in moments.items():
        if n < 0 or total < n * SCALE_MIN or total > n * SCALE_MAX:
            raise ValueError(f"item {item}: sum {total} impossible for {n} answers on 1-4")
        means[item] = Fraction(total, n) if n else None
    return means


def domain_scores(item_means: Mapping[str, Fraction | None]) -> dict[str, Fraction | None]:
    """Mean of each domain's answered item means, domains in the order their items come."""
    grouped: dict[str, list[Fraction]] = {}
    for item, mean in item_means.items():
        values = grouped.setdefault(domain_of(item), [])
        if mean is not None:
            values.append(mean)
    return {d: (sum(v, Fraction(0)) / len(v) if v else None) for d, v in grouped.items()}


def _mean_of_domains(domains: Mapping[str, Fraction | None]) -> Fraction | None:
    present = [v for v in domains.values() if v is not None]
    return sum(present, Fraction(0)) / len(present) if present else None


def _pool(moments: Moments) -> dict[str, tuple[int, int]]:
    pooled: dict[str, tuple[int, int]] = {}
    for per_item in moments.values():
        for item, (total, n) in per_item.items():
            s, c = pooled.get(item, (0, 0))
            pooled[item] = (s + total, c + n)
    return pooled


def ilk_from_moments(
    moments: Moments,
    respondents: Mapping[str, int],
    weights: Mapping[str, NumberLike] | None = None,
) -> IlkResult:
    """The ILK from per-perspective item sums and counts and per-perspective respondent counts.

    Raises ValueError when no perspective has an answered item (the index is undefined).
    """
    chosen = {p: to_fraction(w, p) for p, w in (weights or equal_weights()).items()}
    perspectives: dict[str, Fraction | None] = {}
    for perspective in PERSPECTIVES:
        per_item = moments.get(perspective, {})
        perspectives[perspective] = (
            _mean_of_domains(domain_scores(_item_means(per_item))) if per_item else None
        )
    present = {p: chosen.get(p, Fraction(0)) for p, v in perspectives.items() if v is not None}
    total_weight = sum(present.values(), Fraction(0))
    if not present or total_weight <= 0:
        raise ValueError("no answered item in a perspective with a weight above 0; the ILK is undefined")
    used = {p: w / total_weight for p, w in present.items()}
    ilk = sum((used[p] * perspectives[p] for p in used), Fraction(0))  # type: ignore[operator]
    dropped = [p for p, w in chosen.items() if w > 0 and perspectives.get(p) is None]
    score = round_half_up(ilk * CONVERSION, 2)
    band = IKM_GRADES_14_2017.grade_for(score)
    items = _item_means(_pool(moments))
    return IlkResult(
        respondents=sum(respondents.values()),
        respondents_by_perspective={p: respondents.get(p, 0) for p in PERSPECTIVES},
        items=items,
        domains=domain_scores(items),
        perspectives=perspectives,
        weights_used=used,
        renormalised=bool(dropped),
        ilk=ilk,
        score=score,
        grade=band.grade,
        label=band.label,
    )


IlkRow = tuple[str, Mapping[str, int | None]]  # (perspective, item -> answer 1-4 or None for blank/NA)


def moments_from_rows(rows: Iterable[IlkRow], items: Sequence[str]) -> tuple[Moments, dict[str, int]]:
    """Sum answers per perspective and item; a respondent counts when they answered at least one item."""
    moments: dict[str, dict[str, tuple[int, int]]] = {}
    respondents: dict[str, int] = {}
    for perspective, answers in rows:
        per_item = moments.setdefault(perspective, {item: (0, 0) for item in items})
        answered = False
        for item in items:
            value = answers.get(item)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
                raise ValueError(f"item {item}: {value!r} is not an answer 1-4")
            total, n = per_item[item]
            per_item[item] = (total + value, n + 1)
            answered = True
        respondents[perspective] = respondents.get(perspective, 0) + answered
    return moments, respondents


def headcount_weighted(values: Mapping[str, tuple[NumberLike, int]]) -> tuple[Fraction, Fraction]:
    """Roll-up over strata: sum of W_u x value_u with W_u = N_u / sum N, over the strata given.

    `values` maps a stratum to (its index, its headcount N_u); strata without respondents must be left
    out by the caller. Returns (weighted mean, sum of the headcounts used). Raises ValueError when empty
    or when every headcount is 0.
    """
    total = sum(n for _v, n in values.values())
    if not values or total <= 0:
        raise ValueError("no stratum with a headcount above 0")
    if any(n < 0 for _v, n in values.values()):
        raise ValueError("a headcount must not be negative")
    mean = sum((to_fraction(v, "index") * n for v, n in values.values()), Fraction(0)) / total
    return mean, Fraction(total)
