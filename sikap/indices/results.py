"""Index results computed from the rollups (never from responses), with their honest statistics."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import F, Q, QuerySet, Sum

from sikap import scoring
from sikap.indices.models import AnswerTally, ElementTally, RespondentTally
from sikap.instruments.models import Element, Instrument, InstrumentVersion
from sikap.organisation.models import Period
from sikap.responses.models import Submission
from sikap.scoring.aggregate import NoAnswersError


@dataclass
class ElementStat:
    code: str
    name: str
    n: int
    mean: float | None
    ci95: tuple[float, float] | None


@dataclass
class IndexResult:
    """One index for a set of units, an instrument version and a period, with how it was computed."""

    version: InstrumentVersion
    period: Period
    with_suspect: bool
    respondents: int
    elements: list[ElementStat] = field(default_factory=list)
    index: float | None = None  # on the instrument's own scale (IKM 1-4, perception 1-6)
    score: float | None = None  # converted 0-100 (IKM: x25)
    grade: str = ""
    label: str = ""
    ci95: tuple[float, float] | None = None  # of the score, from respondent-level totals
    index_4: float | None = None  # perception on 1-4
    passed: bool | None = None  # WBK/WBBM threshold on 1-4
    convention: str = ""


def statuses(with_suspect: bool) -> list[str]:
    return (
        [Submission.Status.ACCEPTED, Submission.Status.SUSPECT]
        if with_suspect
        else [Submission.Status.ACCEPTED]
    )


# Count, sum and sum of squares of an element's answers, from either tally.
ELEMENT_MOMENTS = {"count": Sum("n"), "total": Sum("total"), "sumsq": Sum("sumsq")}
ANSWER_MOMENTS = {
    "count": Sum("n"),
    "total": Sum(F("value") * F("n")),
    "sumsq": Sum(F("value") * F("value") * F("n")),
}


def _filter(
    queryset: QuerySet[Any],
    unit_ids: Any,
    version: InstrumentVersion,
    period: Period,
    with_suspect: bool,
    service_key: int | None,
) -> QuerySet[Any]:
    condition = Q(period=period, version=version, unit_id__in=unit_ids, status__in=statuses(with_suspect))
    if service_key is not None:
        condition &= Q(service_key=service_key)
    return queryset.filter(condition)


def compute(
    unit_ids: Any,
    version: InstrumentVersion,
    period: Period,
    *,
    with_suspect: bool = False,
    service_key: int | None = None,
) -> IndexResult:
    """Pool the answers of the given units (a roll-up is pooled, not a mean of means) and score them."""
    if service_key is None:
        rows = (
            _filter(ElementTally.objects.all(), unit_ids, version, period, with_suspect, None)
            .values("element_id")
            .annotate(**ELEMENT_MOMENTS)
        )
    else:  # one service: its answers are kept per service only in the answer tallies
        rows = (
            _filter(AnswerTally.objects.all(), unit_ids, version, period, with_suspect, service_key)
            .values("element_id")
            .annotate(**ANSWER_MOMENTS)
        )
    by_element = {r["element_id"]: r for r in rows}
    people = _filter(
        RespondentTally.objects.all(), unit_ids, version, period, with_suspect, service_key
    ).aggregate(
        people=Sum("n"), complete_n=Sum("complete"), totals=Sum("total_sum"), totals_sq=Sum("total_sumsq")
    )
    return result_from_rows(version, period, with_suspect, by_element, people)


def _score(
    result: IndexResult, version: InstrumentVersion, sums: dict[str, int], counts: dict[str, int]
) -> None:
    method = version.instrument.method
    settings = version.scoring or {}
    if method == Instrument.Method.IKM:
        ikm = scoring.ikm_from_aggregates(
            sums, counts, respondents=result.respondents, weights=settings.get("weights", "exact")
        )
        result.index, result.score = float(ikm.ikm), float(ikm.score)
        result.grade, result.label, result.convention = ikm.grade, ikm.performance, ikm.weight_label
    elif method == Instrument.Method.PERCEPTION:
        perception = scoring.perception_from_aggregates(
            sums,
            counts,
            instrument=version.instrument.code.lower()
            if version.instrument.code in ("SPKP", "SPAK")
            else "spkp",
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
        result.passed, result.convention = perception.passed, perception.conversion_label
    else:
        means = [Fraction(sums[c], counts[c]) for c in sums if counts[c]]
        mean = sum(means, Fraction(0)) / len(means)
        span = version.scale_max - version.scale_min
        result.index, result.score = float(mean), float((mean - version.scale_min) * 100 / span)


def _score_interval(result: IndexResult, version: InstrumentVersion, k: int, people: dict[str, Any]) -> None:
    """95 % CI of the score from respondent-level totals (complete respondents only)."""
    n = people["complete_n"] or 0
    if n < 2 or result.score is None or result.index is None:
        return
    interval = scoring.mean_ci(n, Fraction(people["totals"], k), Fraction(people["totals_sq"], k * k))
    # Map the respondent-mean interval (on the raw scale) onto the reported 0-100 score linearly.
    low, high = _to_score(result, version, interval.lower), _to_score(result, version, interval.upper)
    result.ci95 = (round(low, 2), round(high, 2))


def _to_score(result: IndexResult, version: InstrumentVersion, raw: float) -> float:
    if version.instrument.method == Instrument.Method.IKM:
        return raw * 25
    return (raw - version.scale_min) * 100 / (version.scale_max - version.scale_min)


# --- many results from few queries (league tables, equity, trends) ----------------------------------------


def result_from_rows(
    version: InstrumentVersion,
    period: Period,
    with_suspect: bool,
    by_element: dict[int, dict[str, Any]],
    people: dict[str, Any],
    *,
    intervals: bool = True,
    elements: list[Element] | None = None,
) -> IndexResult:
    """An IndexResult from already pooled rows, scored exactly as `compute` scores them.

    `by_element` maps element id to {"count", "total", "sumsq"}; `people` holds "people", "complete_n",
    "totals" and "totals_sq". Pass `elements` (or prefetch `version.elements`) when scoring many groups.
    Without `intervals` the confidence intervals are left out (None): each costs a t quantile, too slow
    for hundreds of units on one page.
    """
    elements = elements if elements is not None else list(version.elements.all())
    result = IndexResult(
        version=version, period=period, with_suspect=with_suspect, respondents=people.get("people") or 0
    )
    for element in elements:
        row = by_element.get(element.pk)
        n = row["count"] if row else 0
        wanted = intervals and row is not None and n >= 2
        interval = scoring.mean_ci(n, row["total"], row["sumsq"]) if wanted and row is not None else None
        result.elements.append(
            ElementStat(
                code=element.code,
                name=element.name,
                n=n,
                mean=float(Fraction(row["total"], n)) if row is not None and n else None,
                ci95=(interval.lower, interval.upper) if interval else None,
            )
        )
    if not result.respondents:
        return result
    sums = {e.code: by_element[e.pk]["total"] for e in elements if e.pk in by_element}
    counts = {e.code: by_element[e.pk]["count"] for e in elements if e.pk in by_element}
    try:
        _score(result, version, sums, counts)
    except NoAnswersError:
        return result
    if intervals:
        _score_interval(result, version, len(elements), people)
    return result


def _pool(target: dict[str, Any], row: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        target[name] = (target.get(name) or 0) + (row[name] or 0)


_ELEMENT_SUMS = ("count", "total", "sumsq")
_PEOPLE_SUMS = ("people", "complete_n", "totals", "totals_sq")


def compute_grouped(
    members: dict[int, Any],
    version: InstrumentVersion,
    period: Period,
    *,
    with_suspect: bool = False,
    unit_filter: Any = None,
    intervals: bool = True,
) -> dict[Any, IndexResult]:
    """One pooled result per group of units, in two queries whatever the number of units.

    `members` maps a unit id to its group key (a unit is in one group: a Kanwil's subtree, or itself).
    `unit_filter` (ids or an id subquery) narrows the SQL; by default the ids of `members`.
    Groups without answers are absent from the answer.
    """
    ids = unit_filter if unit_filter is not None else list(members)
    rows = (
        _filter(ElementTally.objects.all(), ids, version, period, with_suspect, None)
        .values("unit_id", "element_id")
        .annotate(**ELEMENT_MOMENTS)
    )
    answers: dict[Any, dict[int, dict[str, Any]]] = {}
    for row in rows:
        if row["unit_id"] in members:
            group = answers.setdefault(members[row["unit_id"]], {})
            _pool(group.setdefault(row["element_id"], {}), row, _ELEMENT_SUMS)
    people_rows = (
        _filter(RespondentTally.objects.all(), ids, version, period, with_suspect, None)
        .values("unit_id")
        .annotate(
            people=Sum("n"), complete_n=Sum("complete"), totals=Sum("total_sum"), totals_sq=Sum("total_sumsq")
        )
    )
    people: dict[Any, dict[str, Any]] = {}
    for row in people_rows:
        if row["unit_id"] in members:
            _pool(people.setdefault(members[row["unit_id"]], {}), row, _PEOPLE_SUMS)
    elements = list(version.elements.all())
    return {
        key: result_from_rows(
            version,
            period,
            with_suspect,
            answers.get(key, {}),
            totals,
            intervals=intervals,
            elements=elements,
        )
        for key, totals in people.items()
    }


def compute_periods(
    unit_ids: Any, instrument_code: str, *, with_suspect: bool = False, intervals: bool = True
) -> list[IndexResult]:
    """The pooled result of the units for every (period, version) of an instrument with answers.

    Four queries whatever the number of periods; ordered by period start (then version number).
    """
    condition = Q(version__instrument__code=instrument_code, unit_id__in=unit_ids)
    condition &= Q(status__in=statuses(with_suspect))
    rows = ElementTally.objects.filter(condition).values("period_id", "version_id", "element_id")
    return results_per_period(
        rows.annotate(**ELEMENT_MOMENTS), RespondentTally.objects.filter(condition), with_suspect, intervals
    )


def results_per_period(
    element_rows: Any, respondents: QuerySet[Any], with_suspect: bool, intervals: bool = True
) -> list[IndexResult]:
    """One result per (period, version) from element moments (rows with period_id, version_id,
    element_id, count, total, sumsq) and the matching respondent tallies; oldest period first."""
    answers: dict[tuple[int, int], dict[int, dict[str, Any]]] = {}
    for row in element_rows:
        answers.setdefault((row["period_id"], row["version_id"]), {})[row["element_id"]] = row
    people_rows = respondents.values("period_id", "version_id").annotate(
        people=Sum("n"), complete_n=Sum("complete"), totals=Sum("total_sum"), totals_sq=Sum("total_sumsq")
    )
    people = {(r["period_id"], r["version_id"]): r for r in people_rows if r["people"]}
    periods = Period.objects.in_bulk({p for p, _ in people})
    versions = (
        InstrumentVersion.objects.select_related("instrument")
        .prefetch_related("elements")
        .in_bulk({v for _, v in people})
    )
    results = [
        result_from_rows(
            versions[v], periods[p], with_suspect, answers.get((p, v), {}), totals, intervals=intervals
        )
        for (p, v), totals in people.items()
    ]
    return sorted(results, key=lambda r: (r.period.start, r.period.end, r.version.number))
