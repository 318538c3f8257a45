"""Index results scored from pooled rollup rows (read by `sikap.indices.read`), with honest statistics."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from sikap import scoring
from sikap.indices.methods import GroupMoments, Method, method_of
from sikap.instruments.models import Element, InstrumentVersion
from sikap.organisation.models import Period
from sikap.responses.models import Submission
from sikap.scoring.aggregate import NoAnswersError


@dataclass
class ElementStat:
    code: str
    name: str  # in the reader's language
    n: int
    mean: float | None
    ci95: tuple[float, float] | None
    na: int = 0  # answers "not applicable / don't know": not in n, mean or interval
    # The name in each language, for what keeps it (a follow-up item), whoever is reading.
    name_id: str = ""
    name_en: str = ""


@dataclass
class Part:
    """One row of a part of a result: a domain, a perspective, a dimension (code, label in the reader's
    language, value on the index's own scale, and its 0-100 score where the method has one)."""

    code: str
    label: str
    value: float | None
    score: float | None = None
    n: int | None = None  # respondents behind it, where known
    weight: float | None = None  # its weight in the index, where it has one
    hidden: bool = False  # withheld: fewer than k respondents, or the complement of such a row


@dataclass
class Parts:
    """An ordered list of parts under one title ("domains", "perspectives", "dimensions")."""

    key: str
    title: str
    rows: list[Part] = field(default_factory=list)

    def values(self) -> dict[str, float | None]:
        return {row.code: row.value for row in self.rows}


@dataclass
class Group:
    """Pooled answers of one category of a breakdown (one perspective): per element id {"count", "total",
    "sumsq", "na"} and its respondents; what a method that scores per group reads."""

    elements: dict[int, dict[str, Any]] = field(default_factory=dict)
    respondents: int = 0


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
    threshold: float | None = None  # the threshold `passed` was judged against, on 1-4
    convention: str = ""
    # Methods with parts (ILK domains and perspectives, integrity dimensions), in display order.
    parts: list[Parts] = field(default_factory=list)
    renormalised: bool = False  # a weighted part without respondents dropped out; weights renormalised
    weakest: list[str] = field(default_factory=list)  # codes of the weakest parts, weakest first
    # Internal surveys: the anonymity threshold, whether the figures are withheld (fewer than k
    # respondents), the respondents of units under k left out of a roll-up, and the category profile.
    k: int | None = None
    suppressed: bool = False
    left_out: int = 0
    profile: str = ""

    @property
    def has_na(self) -> bool:
        """Whether any element was answered "not applicable / don't know" (pages then show the counts)."""
        return any(e.na for e in self.elements)

    def part(self, key: str) -> Parts | None:
        return next((p for p in self.parts if p.key == key), None)

    def withhold(self) -> IndexResult:
        """Withhold every figure resting on the answers (fewer than k respondents): index, score,
        grade, element means, parts. The respondent count stays (participation is shown anyway)."""
        self.suppressed = True
        self.index = self.score = self.index_4 = None
        self.grade = self.label = ""
        self.ci95, self.passed, self.parts, self.weakest, self.renormalised = None, None, [], [], False
        for element in self.elements:
            element.n, element.mean, element.ci95, element.na = 0, None, None, 0
        return self

    @property
    def method(self) -> Method:
        """The version's index method, which also names the template that renders this result."""
        return method_of(self.version)


def statuses(with_suspect: bool) -> list[str]:
    return (
        [Submission.Status.ACCEPTED, Submission.Status.SUSPECT]
        if with_suspect
        else [Submission.Status.ACCEPTED]
    )


def _score_interval(result: IndexResult, version: InstrumentVersion, k: int, people: dict[str, Any]) -> None:
    """95 % CI of the score from respondent-level totals (complete respondents only)."""
    n = people["complete_n"] or 0
    if n < 2 or result.score is None or result.index is None:
        return
    interval = scoring.mean_ci(n, Fraction(people["totals"], k), Fraction(people["totals_sq"], k * k))
    # Map the respondent-mean interval (on the raw scale) onto the reported 0-100 score linearly.
    to_score = method_of(version).to_score
    low, high = to_score(version, interval.lower), to_score(version, interval.upper)
    result.ci95 = (round(low, 2), round(high, 2))


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
    groups: dict[str, Group] | None = None,
    k: int | None = None,
    profile: str = "",
) -> IndexResult:
    """An IndexResult from already pooled rows, scored exactly as `compute` scores them.

    `by_element` maps element id to {"count", "total", "sumsq"} (and "na", the answers not applicable);
    `people` holds "people", "complete_n",
    "totals" and "totals_sq". Pass `elements` (or prefetch `version.elements`) when scoring many groups.
    Without `intervals` the confidence intervals are left out (None): each costs a t quantile, too slow
    for hundreds of units on one page. `groups` (per category of the method's `group_by`) go to a
    method that scores per group; `k` and `profile` are an internal survey's rules (the result is
    withheld under k respondents; `profile` names the integrity categories).
    """
    elements = elements if elements is not None else list(version.elements.all())
    result = IndexResult(
        version=version,
        period=period,
        with_suspect=with_suspect,
        respondents=people.get("people") or 0,
        k=k,
        profile=profile,
    )
    for element in elements:
        row = by_element.get(element.pk)
        n = row["count"] if row else 0
        wanted = intervals and row is not None and n >= 2
        interval = scoring.mean_ci(n, row["total"], row["sumsq"]) if wanted and row is not None else None
        result.elements.append(
            ElementStat(
                code=element.code,
                name=element.display_name(),
                n=n,
                mean=float(Fraction(row["total"], n)) if row is not None and n else None,
                ci95=(interval.lower, interval.upper) if interval else None,
                na=(row.get("na") or 0) if row else 0,
                name_id=element.name,
                name_en=element.name_en,
            )
        )
    if not result.respondents:
        return result
    if k is not None and result.respondents < k:
        return result.withhold()
    # An element answered only "not applicable" has no score: the method sees it as unanswered.
    scored = [e for e in elements if e.pk in by_element and by_element[e.pk]["count"]]
    sums = {e.code: by_element[e.pk]["total"] for e in scored}
    counts = {e.code: by_element[e.pk]["count"] for e in scored}
    method = method_of(version)
    try:
        if method.score_groups is not None and groups is not None:
            by_code = {e.pk: e.code for e in elements}
            method.score_groups(result, version, sums, counts, _group_moments(groups or {}, by_code))
        else:
            method.score(result, version, sums, counts)
    except NoAnswersError:
        return result
    if intervals and method.respondent_interval:
        _score_interval(result, version, len(elements), people)
    if k is not None:
        hide_small_parts(result, k)
    return result


def hide_small_parts(result: IndexResult, k: int) -> None:
    """Withhold each part resting on fewer than k respondents (an ILK perspective of two leaders); when
    only one is withheld the next smallest goes too, so the index and the weights cannot give it away by
    subtraction (the rule of breakdown cells, `analysis.suppress`)."""
    for part in result.parts:
        small = [r for r in part.rows if r.n is not None and 0 < r.n < k]
        if len(small) == 1:
            rest = sorted((r for r in part.rows if r.n and r not in small), key=lambda r: (r.n or 0, r.code))
            small += rest[:1]
        for row in small:
            row.hidden, row.value, row.score, row.n = True, None, None, None


def _group_moments(groups: dict[str, Group], codes: dict[int, str]) -> dict[str, GroupMoments]:
    """Per category: the (sum, n) of each answered element by code, and the respondents."""
    found = {}
    for category, group in groups.items():
        moments = {
            codes[pk]: (row["total"] or 0, row["count"] or 0)
            for pk, row in group.elements.items()
            if pk in codes and row["count"]
        }
        found[category] = GroupMoments(moments, group.respondents)
    return found
