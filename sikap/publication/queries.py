"""Reads for the public results pages and the operators' publication page.

`published` is the one gate of the public side: every public view starts from it, so a period that is
not published (or was withdrawn) cannot reach a public page, its figures or its infographic.
Figures are the unit's own SKM result from the rollups, accepted responses only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from sikap.followup.queries import EMPTY, PublicFollowUp, Stats, completion_stats, done_items_public
from sikap.indices import read
from sikap.indices.results import IndexResult
from sikap.instruments.models import DEFAULT_INSTRUMENT
from sikap.organisation.models import Period, Unit
from sikap.publication.models import Publication, PublicationQuerySet

Pair = tuple[int, int]  # (unit id, period id)


def published(unit: Unit | None = None) -> PublicationQuerySet:
    """Publications in force (of one unit, or all), with unit and period joined: the public gate."""
    rows = Publication.objects.live().select_related("unit", "period")
    return rows.filter(unit=unit) if unit is not None else rows


def results_for(pairs: Iterable[tuple[Unit, Period]]) -> dict[Pair, IndexResult]:
    """The SKM result of each (unit, period), in four queries whatever their number.

    Each pair is scored on the newest instrument version its unit answered in that period. Pairs
    without accepted answers are absent.
    """
    pairs = list(pairs)
    if not pairs:
        return {}
    periods = {period.pk: period for _unit, period in pairs}
    scope = read.Scope(
        pairs=tuple((unit.pk, period.pk) for unit, period in pairs), instrument=DEFAULT_INSTRUMENT
    )
    return read.latest_results(scope, periods)


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
    answered = Q(pk__in=read.answered_periods([unit.pk], DEFAULT_INSTRUMENT))
    recorded = Publication.objects.filter(unit=unit, period=OuterRef("pk"))
    periods = list(Period.objects.filter(answered | Exists(recorded)).order_by("-end", "-start"))
    publications = {p.period_id: p for p in Publication.objects.filter(unit=unit, period__in=periods)}
    results = results_for((unit, p) for p in periods)
    return [Row(unit, p, results.get((unit.pk, p.pk)), publications.get(p.pk)) for p in periods]
