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


# --- internal surveys: the ILK and the integrity index ------------------------------------------------------


def _dimension_names(version: InstrumentVersion) -> dict[str, str]:
    """The version's dimensions ([code, name, name_en] in `scoring["dimensions"]`) named in the reader's
    language, in their order."""
    from sikap.instruments.profile import in_language

    found = {}
    for entry in (version.scoring or {}).get("dimensions", []):
        code, name = str(entry[0]), str(entry[1]) if len(entry) > 1 else str(entry[0])
        found[code] = in_language(name, str(entry[2]) if len(entry) > 2 else "")
    return found


PERSPECTIVE_LABELS = {
    "pengguna": _("Pengguna layanan"),
    "penyedia": _("Penyedia layanan"),
    "pimpinan": _("Pimpinan"),
}


def _ilk_key(dimension: str, code: str) -> str:
    """An element's code as the ILK library reads it: DOMAIN.ITEM (its domain is the part before the dot)."""
    return code if not dimension or code.startswith(f"{dimension}.") else f"{dimension}.{code}"


def _ilk(
    result: IndexResult,
    version: InstrumentVersion,
    sums: Mapping[str, int],
    counts: Mapping[str, int],
    groups: Mapping[str, GroupMoments],
) -> None:
    from sikap.indices.results import Part, Parts
    from sikap.scoring import ilk

    keys = {e.code: _ilk_key(e.dimension, e.code) for e in version.elements.all()}
    moments: dict[str, dict[str, tuple[int, int]]] = {}
    respondents: dict[str, int] = {}
    for category, group in groups.items():
        # A blank perspective counts as pengguna (as `sikap score ilk` reads a blank cell).
        perspective = ilk.perspective_of(category)
        if perspective is None:
            continue
        per_item = moments.setdefault(perspective, {})
        for code, (total, n) in group.moments.items():
            old = per_item.get(keys.get(code, code), (0, 0))
            per_item[keys.get(code, code)] = (old[0] + total, old[1] + n)
        respondents[perspective] = respondents.get(perspective, 0) + group.respondents
    weights = (version.scoring or {}).get("perspective_weights") or None
    try:
        found = ilk.ilk_from_moments(moments, respondents, weights)
    except ValueError as error:
        raise scoring.NoAnswersError(list(sums), str(error)) from None
    result.index, result.score = float(found.ilk), float(found.score)
    result.grade, result.label = found.grade, found.label
    result.renormalised = found.renormalised
    names = _dimension_names(version)
    domains = Parts("domains", str(_("Domain layanan")))
    for code, value in found.domains.items():
        domains.rows.append(Part(code, names.get(code, code), _float(value), _times(value, 25)))
    perspectives = Parts("perspectives", str(_("Perspektif")))
    for code, value in found.perspectives.items():
        weight = found.weights_used.get(code)
        perspectives.rows.append(
            Part(
                code,
                str(PERSPECTIVE_LABELS.get(code, code)),
                _float(value),
                _times(value, 25),
                n=found.respondents_by_perspective.get(code, 0),
                weight=float(weight) if weight is not None else None,
            )
        )
    result.parts = [domains, perspectives]
    scored = sorted((r for r in domains.rows if r.value is not None), key=lambda r: (r.value, r.code))
    result.weakest = [r.code for r in scored[:3]]
    result.convention = convention_label(version)
    if result.renormalised:
        result.convention += str(_(" (bobot dinormalkan ulang: ada perspektif tanpa responden)"))


def _float(value: Fraction | None) -> float | None:
    return float(value) if value is not None else None


def _times(value: Fraction | None, factor: int) -> float | None:
    return float(value * factor) if value is not None else None


def _ilk_grade(version: InstrumentVersion, index: Fraction, profile: str) -> tuple[float, str]:
    from sikap.scoring._numbers import round_half_up
    from sikap.scoring.grades import IKM_GRADES_14_2017

    score = round_half_up(index * 25, 2)
    return float(score), IKM_GRADES_14_2017.grade_for(score).grade


def _integrity_grade(version: InstrumentVersion, index: Fraction, profile: str) -> tuple[float, str]:
    from sikap.scoring import integrity
    from sikap.scoring._numbers import round_half_up

    score = round_half_up(index, 2)
    chosen = integrity.PROFILES.get(profile) or integrity.PROFILES[integrity.DEFAULT_PROFILE]
    return float(score), chosen.category_for(score)


def _ilk_convention(version: InstrumentVersion) -> str:
    weights = (version.scoring or {}).get("perspective_weights") or {}
    if len({str(w) for w in weights.values()}) <= 1:
        return str(
            _("bobot perspektif sama rata, dinormalkan ulang atas perspektif yang ada; nilai = ILK x 25")
        )
    shown = ", ".join(f"{p} {w}" for p, w in weights.items())
    return str(
        _("bobot perspektif %(weights)s, dinormalkan ulang atas perspektif yang ada; nilai = ILK x 25")
        % {"weights": shown}
    )


def _integrity(
    result: IndexResult, version: InstrumentVersion, sums: Mapping[str, int], counts: Mapping[str, int]
) -> None:
    from sikap.indices.results import Part, Parts
    from sikap.scoring import integrity

    elements = list(version.elements.all())
    items = [integrity.ItemSpec(e.code, e.dimension or e.code, e.reverse) for e in elements]
    moments = {code: (sums[code], counts[code]) for code in sums}
    profile = result.profile if result.profile in integrity.PROFILES else integrity.DEFAULT_PROFILE
    try:
        found = integrity.integrity_from_moments(
            items,
            moments,
            result.respondents,
            weights=(version.scoring or {}).get("dimension_weights") or None,
            profile=profile,
            scale_min=version.scale_min,
            scale_max=version.scale_max,
        )
    except ValueError as error:
        raise scoring.NoAnswersError(list(sums), str(error)) from None
    result.index, result.score = float(found.index), float(found.score)
    result.grade, result.profile = found.category, profile
    result.label = integrity.PROFILES[profile].title
    names = _dimension_names(version)
    dimensions = Parts("dimensions", str(_("Dimensi integritas")))
    for code, value in found.dimensions.items():
        dimensions.rows.append(Part(code, names.get(code, code), _float(value), _float(value)))
    result.parts = [dimensions]
    result.weakest = [code for code, _value in found.weakest()]
    result.convention = str(
        _("%(convention)s; kategori %(profile)s")
        % {"convention": convention_label(version), "profile": integrity.PROFILES[profile].title}
    )


def _integrity_convention(version: InstrumentVersion) -> str:
    weights = (version.scoring or {}).get("dimension_weights") or {}
    if weights:
        return str(_("jawaban diubah ke 0-100 (butir terbalik dibalik), bobot dimensi khusus"))
    return str(_("jawaban diubah ke 0-100 (butir terbalik dibalik), dimensi berbobot sama"))


ILK = register(
    Method(
        "ilk",
        _("ILK (Indeks Layanan Kesekretariatan)"),
        # Without perspectives (a breakdown cell): every respondent in one perspective.
        lambda result, version, sums, counts: _ilk(
            result,
            version,
            sums,
            counts,
            {"": GroupMoments({c: (sums[c], counts[c]) for c in sums}, result.respondents)},
        ),
        "indices/methods/_ilk.html",
        to_score=lambda version, mean: mean * 25,
        convention=_ilk_convention,
        element_groups=True,
        group_by="perspektif",
        score_groups=_ilk,
        internal=True,
        respondent_interval=False,
        grade_index=_ilk_grade,
    )
)
INTEGRITY = register(
    Method(
        "integrity",
        _("Indeks integritas internal (0-100)"),
        _integrity,
        "indices/methods/_integrity.html",
        convention=_integrity_convention,
        element_groups=True,
        internal=True,
        respondent_interval=False,
        flag_below=5.0,
        grade_index=_integrity_grade,
    )
)
