"""The internal surveys' index methods, registered with the others (`sikap.indices.methods`): the ILK
(a 360 index of the secretariat's services, by domain and perspective) and the integrity index."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from sikap import scoring
from sikap.indices.methods import GroupMoments, Method, convention_label, register

if TYPE_CHECKING:
    from sikap.indices.results import IndexResult
    from sikap.instruments.models import InstrumentVersion


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
