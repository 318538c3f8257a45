"""A lokus' PEKPPP result: F-02 levels, F-03 answers (read through `sikap.indices.read`, never a tally)
and the framework version's weights, computed by `sikap.scoring.pekppp`. Pages, reports, the command and
the API call `result_of` / `results_of`, so they all show the same numbers."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from sikap.indices import read
from sikap.pekppp.models import Cycle, Lokus, Score
from sikap.scoring import pekppp as maths

F03_METHOD_LABELS = dict(Cycle.Method.choices)


@dataclass(frozen=True)
class LokusResult:
    """The scoring result of one lokus with what pages need around it."""

    lokus: Lokus
    result: maths.Result
    levels: dict[str, int]  # indicator code -> level (set so far)
    validated: bool  # the validator confirmed it: the unit and its leaders may see it

    @property
    def reason(self) -> str:
        return reason_text(self.result)

    @property
    def f03_method_label(self) -> str:
        return str(F03_METHOD_LABELS[self.result.f03_method.value])

    @property
    def gaps(self) -> dict[str, int]:
        """How far each indicator is from 5 (by indicator code), for the recommendations page."""
        return maths.indicator_gaps(self.levels, [i.code for i in self.lokus.indicators()])

    def as_json(self) -> dict[str, Any]:
        """What `sikap pekppp result --json` prints: aspects, F-02, F-03 to 4 decimals, IPP to 2."""
        r = self.result
        return {
            "unit": self.lokus.unit.code,
            "year": self.lokus.cycle.year,
            "aspects": {code: maths.rounded(value, 4) for code, value in r.aspects.items()},
            "f02": maths.rounded(r.f02, 4),
            "f03": maths.rounded(r.f03, 4),
            "f03_respondents": r.f03_respondents,
            "ipp": float(r.ipp) if r.ipp is not None else None,
            "grade": r.grade,
            "label": r.label,
            "final": r.final,
            "reason": self.reason,
        }


def reason_text(result: maths.Result) -> str:
    """Why the result is final or not, in the reader's language (Indonesian first)."""
    parts = []
    if result.missing_levels:
        parts.append(
            _("%(n)s indikator belum dinilai (%(codes)s)")
            % {"n": len(result.missing_levels), "codes": ", ".join(result.missing_levels)}
        )
    if result.f03_missing:
        numbers = {"n": result.f03_respondents, "min": result.f03_minimum, "missing": result.f03_missing}
        if result.policy is maths.F03Policy.BLOCK:
            parts.append(_("tanggapan F-03 baru %(n)s dari minimal %(min)s, kurang %(missing)s") % numbers)
        elif result.policy is maths.F03Policy.ZERO:
            parts.append(_("tanggapan F-03 %(n)s dari minimal %(min)s: F-03 dihitung 0") % numbers)
        else:
            parts.append(_("tanggapan F-03 %(n)s dari minimal %(min)s: IPP = F-02") % numbers)
    head = _("Final") if result.final else _("Belum final")
    if not parts:
        return _("Final: F-02 lengkap dan F-03 %(n)s tanggapan.") % {"n": result.f03_respondents}
    return f"{head}: {'; '.join(parts)}."


def _framework(lokus: Lokus) -> maths.Framework:
    cycle = lokus.cycle
    framework = cycle.framework_version.scoring_framework(lokus.variant)
    return dataclasses.replace(framework, f03_minimum=cycle.f03_minimum)


def f03_moments(lokus: Lokus) -> tuple[dict[str, tuple[int, int]], int]:
    """The lokus' F-03 answers in its cycle's period: (sum, count) per item code, and respondents."""
    cycle = lokus.cycle
    instrument = cycle.framework_version.f03_instrument
    if instrument is None:
        return {}, 0
    scope = read.Scope(units=[lokus.unit_id], period=cycle.period, instrument=instrument.code)
    moments = read.element_moments(scope)
    from sikap.instruments.models import Element  # instruments name elements; indices count them

    codes = dict(Element.objects.filter(pk__in=list(moments)).values_list("pk", "code"))
    found: dict[str, tuple[int, int]] = {}
    for element_id, m in moments.items():
        total, n = found.get(codes[element_id], (0, 0))
        found[codes[element_id]] = (total + m.total, n + m.n)
    return found, int(read.people(scope)["people"] or 0)


def result_of(lokus: Lokus, policy: str | None = None, method: str | None = None) -> LokusResult:
    """One lokus' result under the cycle's F-03 policy and method (or the ones given, to compare)."""
    return results_of([lokus], policy=policy, method=method)[0]


def results_of(
    lokus_list: Iterable[Lokus], policy: str | None = None, method: str | None = None
) -> list[LokusResult]:
    """Results of many lokus (a cycle's ranking): levels in one query, F-03 per lokus (two reads each)."""
    lokus_list = list(lokus_list)
    levels: dict[int, dict[str, int]] = {}
    for lokus_id, code, level in Score.objects.filter(lokus__in=lokus_list).values_list(
        "lokus_id", "indicator__code", "level"
    ):
        levels.setdefault(lokus_id, {})[code] = level
    found = []
    for lokus in lokus_list:
        framework = _framework(lokus)
        scored = {i.code for i in framework.indicators}
        own = {code: level for code, level in levels.get(lokus.pk, {}).items() if code in scored}
        moments, respondents = f03_moments(lokus)
        result = maths.compute(
            framework,
            own,
            moments,
            respondents,
            policy=policy or lokus.cycle.f03_policy,
            method=method or lokus.cycle.f03_method,
        )
        found.append(LokusResult(lokus, result, own, lokus.stage == Lokus.Stage.VALIDATED))
    return found


def visible_result(reach: Any, lokus: Lokus) -> LokusResult | None:
    """The result a reader may see: evaluators, validators and coordinators see it as it stands; the
    unit's own people only once it is validated (never the evaluators' drafts)."""
    if reach.sees_drafts or lokus.stage == Lokus.Stage.VALIDATED:
        return result_of(lokus)
    return None
