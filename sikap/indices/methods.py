"""Index methods as a registry: each instrument version names its method, and this is the only place that
maps a method to its computation and to the shape of its result.

Adding a method is one `register(Method(...))` call: `result_from_rows` scores through `method_of`, the
0-100 mapping of confidence intervals and breakdowns goes through `Method.to_score`, and pages render
the result with the method's `template`. Nothing else branches on a method or an instrument code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sikap import scoring
from sikap.scoring.perception import INSTRUMENTS as PERCEPTION_INSTRUMENTS

if TYPE_CHECKING:
    from sikap.indices.results import IndexResult
    from sikap.instruments.models import Instrument, InstrumentVersion

# (result to fill, version, per-element sums by code, per-element counts by code)
ScoreFn = Callable[["IndexResult", "InstrumentVersion", Mapping[str, int], Mapping[str, int]], None]


@dataclass(frozen=True)
class GroupMoments:
    """One category of the method's `group_by` breakdown: (sum, n) per element code, and respondents."""

    moments: Mapping[str, tuple[int, int]]
    respondents: int


# The same, with the moments per category of the method's `group_by` breakdown (the ILK's perspectives).
GroupScoreFn = Callable[
    ["IndexResult", "InstrumentVersion", Mapping[str, int], Mapping[str, int], Mapping[str, GroupMoments]],
    None,
]


def linear_score(version: InstrumentVersion, mean: float) -> float:
    """A mean answer on the version's scale as 0-100, the scale's ends at 0 and 100."""
    return (mean - version.scale_min) * 100 / (version.scale_max - version.scale_min)


@dataclass(frozen=True)
class Method:
    """How an index is computed from pooled answers, and what its result looks like on a page."""

    code: str
    label: str | Promise
    score: ScoreFn
    # The result's shape: the template that renders an IndexResult of this method on index cards.
    template: str
    # A mean answer on the version's scale as the reported 0-100 value (for intervals and breakdowns).
    to_score: Callable[[InstrumentVersion, float], float] = linear_score
    # Whether the result carries a pass/fail threshold verdict (`IndexResult.passed`).
    has_threshold: bool = False
    # The convention a version's result follows (weights, conversion), in the reader's language.
    convention: Callable[[InstrumentVersion], str] = lambda version: ""
    # Keep element moments per breakdown category (`ElementGroupTally`), so breakdowns are scored by the
    # method; costs every submission of its versions a few more tally rows.
    element_groups: bool = False
    # The breakdown (a profile field's tally key) whose categories `score_groups` reads.
    group_by: str = ""
    score_groups: GroupScoreFn | None = None
    # Answered by employees: k-anonymity applies (figures under k respondents withheld, see anonymity.py).
    internal: bool = False
    # Whether a confidence interval from respondents' total scores means anything for the index (not for
    # an index of weighted perspectives or reverse-keyed items).
    respondent_interval: bool = True
    # How far below its roll-up (on the index's own scale) a unit is flagged on equity pages, unless the
    # version's scoring says ("flag_below").
    flag_below: float = 0.25
    # A roll-up's index (a weighted mean of units' indices, on the index's own scale) as its reported
    # score and grade, under a category profile: (score, grade). None: roll-ups are pooled only.
    grade_index: Callable[[InstrumentVersion, Fraction, str], tuple[float, str]] | None = None


REGISTRY: dict[str, Method] = {}


def register(method: Method) -> Method:
    REGISTRY[method.code] = method
    return method


def unregister(code: str) -> None:
    REGISTRY.pop(code, None)


def method_of(version: InstrumentVersion) -> Method:
    """The version's method; a version naming an unknown method is a configuration error."""
    try:
        return REGISTRY[version.method]
    except KeyError:
        raise LookupError(f"unknown index method {version.method!r} of {version}") from None


def choices() -> list[tuple[str, Any]]:
    return [(m.code, m.label) for m in REGISTRY.values()]


# --- the methods Sikap ships ------------------------------------------------------------------------------


def _ikm(
    result: IndexResult, version: InstrumentVersion, sums: Mapping[str, int], counts: Mapping[str, int]
) -> None:
    settings = version.scoring or {}
    ikm = scoring.ikm_from_aggregates(
        dict(sums), dict(counts), respondents=result.respondents, weights=settings.get("weights", "exact")
    )
    result.index, result.score = float(ikm.ikm), float(ikm.score)
    result.grade, result.label = ikm.grade, grade_label(ikm.performance)
    result.convention = convention_label(version)


def _perception(
    result: IndexResult, version: InstrumentVersion, sums: Mapping[str, int], counts: Mapping[str, int]
) -> None:
    settings = version.scoring or {}
    perception = scoring.perception_from_aggregates(
        sums,
        counts,
        # The regulation's IPKP or IPAK where the instrument is one of them; the items scored are the
        # version's own either way (the regulation's item names are all this choice changes).
        instrument=_regulation_index(version),
        items=list(sums),
        respondents=result.respondents,
        conversion=settings.get("conversion", "linear"),
        threshold=str(settings.get("threshold_1_4", "3.60")),
    )
    result.index, result.index_4, result.score = (
        float(perception.index_6),
        float(perception.index_4),
        float(perception.index_100),
    )
    result.passed, result.convention = perception.passed, convention_label(version)
    result.threshold = float(perception.threshold)


# The regulations' grade words (sikap/scoring/grades.py keeps them as the regulations print them), in the
# reader's language: the one place that names them.
GRADE_LABELS = {
    "Pelayanan Prima": _("Pelayanan Prima"),
    "Sangat Baik": _("Sangat Baik"),
    "Baik": _("Baik"),
    "Baik dengan Catatan": _("Baik dengan Catatan"),
    "Kurang Baik": _("Kurang Baik"),
    "Tidak Baik": _("Tidak Baik"),
    "Cukup": _("Cukup"),
    "Cukup dengan Catatan": _("Cukup dengan Catatan"),
    "Buruk": _("Buruk"),
    "Sangat Buruk": _("Sangat Buruk"),
    "Gagal": _("Gagal"),
}


def grade_label(label: str) -> str:
    """A grade's word ("Baik") in the reader's language."""
    return str(GRADE_LABELS.get(label, label))


def regulation_title(title: str) -> str:
    """A regulation's citation ("PermenPANRB No. 14 Tahun 2017") in the reader's language."""
    found = re.fullmatch(r"(.+) No\. (\S+) Tahun (\d{4})", title)
    if found is None:
        return title
    kind, number, year = found.groups()
    return str(_("%(kind)s No. %(number)s Tahun %(year)s") % {"kind": kind, "number": number, "year": year})


def convention_label(version: InstrumentVersion) -> str:
    """The convention of a version's index in the reader's language: the one place that names what the
    scoring library labels in its own words ("exact weight 1/9", "linear conversion")."""
    return str(method_of(version).convention(version))


def _ikm_convention(version: InstrumentVersion) -> str:
    weights = scoring.resolve_weights((version.scoring or {}).get("weights", "exact"))
    # The regulation `_ikm` scores by (its default), named as the regulation names itself.
    regulation = regulation_title(scoring.get_regulation(scoring.DEFAULT_REGULATION).title)
    if weights.mode == "custom":
        return _("bobot khusus unit, %(regulation)s") % {"regulation": regulation}
    share = next(iter(weights.by_code.values()))
    if weights.mode == "literal":
        shown = f"{float(share):g}".replace(".", ",")
        return _("bobot dibulatkan %(weight)s per unsur (konvensi literal), %(regulation)s") % {
            "weight": shown,
            "regulation": regulation,
        }
    return _("bobot tepat %(weight)s per unsur, %(regulation)s") % {
        "weight": f"{share.numerator}/{share.denominator}",
        "regulation": regulation,
    }


def _perception_convention(version: InstrumentVersion) -> str:
    name = (version.scoring or {}).get("conversion", "linear")
    labels = {"linear": _("konversi linear: x4 = 1 + 3(m6 - 1)/5, persen = 100(m6 - 1)/5")}
    return str(labels.get(name, name))


def _regulation_index(version: InstrumentVersion) -> str:
    code = version.instrument.code.lower()
    return code if code in PERCEPTION_INSTRUMENTS else "spkp"


def index_name(instrument: Instrument) -> str:
    """The name of the index an instrument yields: the regulation's IPKP or IPAK for SPKP and SPAK,
    else the instrument's code."""
    known = PERCEPTION_INSTRUMENTS.get(instrument.code.lower())
    return known.index_name if known is not None else instrument.code


def threshold_instruments() -> list[Instrument]:
    """Instruments whose method judges a threshold (the Zona Integritas perception surveys), in their
    display order: the instruments of the SPKP/SPAK report."""
    from sikap.instruments.models import Instrument

    codes = [code for code, method in REGISTRY.items() if method.has_threshold]
    return list(Instrument.objects.filter(method__in=codes).order_by("order", "code"))


def _mean(
    result: IndexResult, version: InstrumentVersion, sums: Mapping[str, int], counts: Mapping[str, int]
) -> None:
    means = [Fraction(sums[c], counts[c]) for c in sums if counts[c]]
    if not means:
        raise scoring.NoAnswersError(list(sums), "no element has answers")
    mean = sum(means, Fraction(0)) / len(means)
    span = version.scale_max - version.scale_min
    result.index, result.score = float(mean), float((mean - version.scale_min) * 100 / span)


IKM = register(
    Method(
        "ikm",
        _("IKM (PermenPANRB 14/2017)"),
        _ikm,
        "indices/methods/_ikm.html",
        to_score=lambda version, mean: mean * 25,
        convention=_ikm_convention,
    )
)
PERCEPTION = register(
    Method(
        "perception",
        _("Indeks persepsi (rata-rata skala 1-6)"),
        _perception,
        "indices/methods/_perception.html",
        has_threshold=True,
        convention=_perception_convention,
    )
)
MEAN = register(Method("mean", _("Rata-rata sederhana"), _mean, "indices/methods/_mean.html"))


# The internal surveys' methods (ILK, integrity) live in their own module and register on import.
from sikap.indices import methods_internal  # noqa: E402, F401
