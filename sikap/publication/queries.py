"""Reads for the public results pages and the operators' publication page.

`published` is the one gate of the public side: every public view starts from it, so a period that is
not published (or was withdrawn) cannot reach a public page, its figures or its infographic.
Figures are the unit's own SKM result from the rollups, accepted responses only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, Sum

from sikap.followup.queries import EMPTY, PublicFollowUp, Stats, completion_stats, done_items_public
from sikap.indices.models import AnswerTally, RespondentTally
from sikap.indices.results import IndexResult, result_from_rows, statuses
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, Unit
from sikap.publication.models import Publication, PublicationQuerySet

INSTRUMENT = "SKM"
Pair = tuple[int, int]  # (unit id, period id)


def published(unit: Unit | None = None) -> PublicationQuerySet:
    """Publications in force (of one unit, or all), with unit and period joined: the public gate."""
    rows = Publication.objects.live().select_related("unit", "period")
    return rows.filter(unit=unit) if unit is not None else rows


def _accepted(where: Q) -> Q:
    return where & Q(version__instrument__code=INSTRUMENT, status__in=statuses(False))


def results_for(pairs: Iterable[tuple[Unit, Period]]) -> dict[Pair, IndexResult]:
    """The SKM result of each (unit, period), in four queries whatever their number.

    Each pair is scored on the newest instrument version its unit answered in that period. Pairs
    without accepted answers are absent.
    """
    units_by_period: dict[int, list[int]] = {}
    periods: dict[int, Period] = {}
    for unit, period in pairs:
        units_by_period.setdefault(period.pk, []).append(unit.pk)
        periods[period.pk] = period
    if not periods:
        return {}
    where = Q()
    for period_id, ids in units_by_period.items():
        where |= Q(period_id=period_id, unit_id__in=ids)
    where = _accepted(where)
    people_rows = (
        RespondentTally.objects.filter(where)
        .values("unit_id", "period_id", "version_id", "version__number")
        .annotate(
            people=Sum("n"), complete_n=Sum("complete"), totals=Sum("total_sum"), totals_sq=Sum("total_sumsq")
        )
        .order_by("version__number")
    )
    chosen: dict[Pair, dict[str, Any]] = {}
    for row in people_rows:
        if row["people"]:
            chosen[(row["unit_id"], row["period_id"])] = row  # ascending: the newest version wins
    answers: dict[tuple[int, int, int], dict[int, dict[str, Any]]] = {}
    answer_rows = (
        AnswerTally.objects.filter(where)
        .values("unit_id", "period_id", "version_id", "element_id")
        .annotate(count=Sum("n"), total=Sum(F("value") * F("n")), sumsq=Sum(F("value") * F("value") * F("n")))
        .order_by()
    )
    for row in answer_rows:
        key = (row["unit_id"], row["period_id"], row["version_id"])
        answers.setdefault(key, {})[row["element_id"]] = row
    versions = (
        InstrumentVersion.objects.select_related("instrument")
        .prefetch_related("elements")
        .in_bulk({row["version_id"] for row in chosen.values()})
    )
    return {
        pair: result_from_rows(
            versions[row["version_id"]],
            periods[pair[1]],
            False,
            answers.get((*pair, row["version_id"]), {}),
            row,
        )
        for pair, row in chosen.items()
    }


def result_of(unit: Unit, period: Period) -> IndexResult | None:
    return results_for([(unit, period)]).get((unit.pk, period.pk))


@dataclass
class Row:
    """A publication (or a period with data, on the operators' page) and its figures."""

    unit: Unit
    period: Period
    result: IndexResult | None
    publication: Publication | None = None

    @property
    def is_live(self) -> bool:
        return self.publication is not None and self.publication.is_live


def with_results(publications: list[Publication]) -> list[Row]:
    results = results_for((p.unit, p.period) for p in publications)
    return [Row(p.unit, p.period, results.get((p.unit_id, p.period_id)), p) for p in publications]


def latest_per_unit(search: str = "") -> list[Publication]:
    """Each unit's latest published period, units by name (one query); `search` matches name or code."""
    rows = published().order_by("unit__name", "unit_id", "-period__end", "-period__start")
    if search:
        rows = rows.filter(Q(unit__name__icontains=search) | Q(unit__code__icontains=search))
    latest: dict[int, Publication] = {}
    for publication in rows:
        latest.setdefault(publication.unit_id, publication)
    return list(latest.values())


def unit_publications(unit: Unit) -> list[Publication]:
    """The unit's published periods, the latest first (one query)."""
    return list(published(unit).order_by("-period__end", "-period__start"))


@dataclass
class FollowUp:
    """The public side of a unit's follow-up plan for a period."""

    stats: Stats
    done: list[PublicFollowUp]

    @property
    def live(self) -> int:
        return self.stats.total - self.stats.cancelled


def follow_up(unit: Unit, period: Period, *, items: bool = True) -> FollowUp:
    """Completion figures and (when `items`) the "you said, we did" list: actions only, never feedback."""
    stats = completion_stats([unit.pk], period).get(unit.pk, EMPTY)
    return FollowUp(stats, done_items_public(unit, period) if items else [])


def manage_rows(unit: Unit) -> list[Row]:
    """Periods in which the unit has accepted SKM answers or a publication record, the latest first."""
    answered = RespondentTally.objects.filter(_accepted(Q(unit=unit, period=OuterRef("pk"), n__gt=0)))
    recorded = Publication.objects.filter(unit=unit, period=OuterRef("pk"))
    periods = list(Period.objects.filter(Exists(answered) | Exists(recorded)).order_by("-end", "-start"))
    publications = {p.period_id: p for p in Publication.objects.filter(unit=unit, period__in=periods)}
    results = results_for((unit, p) for p in periods)
    return [Row(unit, p, results.get((unit.pk, p.pk)), publications.get(p.pk)) for p in periods]
