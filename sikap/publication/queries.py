"""Reads for the public results pages and the operators' publication page.

`published` is the one gate of the public side: every public view starts from it, so a period that is
not published (or was withdrawn) cannot reach a public page, its figures or its infographic.
Figures are the unit's own SKM result from the rollups, accepted responses only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sikap.followup.queries import EMPTY, PublicFollowUp, Stats, completion_stats, done_items_public
from sikap.indices import read, targets
from sikap.indices.progress import sample_condition
from sikap.indices.results import IndexResult
from sikap.indices.templatetags.indices_tags import idnum
from sikap.instruments.models import DEFAULT_INSTRUMENT
from sikap.organisation.models import Period, Unit
from sikap.publication.models import NOT_PROPOSED, NOT_PROPOSED_STEP, Publication, PublicationQuerySet

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


@dataclass(frozen=True)
class Caution:
    """Something a reader must see with the figures (the approver before approving, the public before
    the grade): `code` names it, its figures are kept, and its sentences are written in the language
    active when they are read (a page in the reader's, the infographic in Indonesian)."""

    code: str
    attained: int = 0
    minimum: int = 0
    end: datetime.date | None = None

    @property
    def text(self) -> str:
        """The whole caution, with its figures and what it means."""
        if self.code == SAMPLE_BELOW_TARGET:
            return _(
                "Sampel di bawah target minimal: %(attained)s responden diterima dari minimal %(minimum)s "
                "(kurang %(missing)s). Hasilnya belum mewakili pengguna layanan."
            ) % {**self._figures(), "missing": idnum(self.minimum - self.attained, 0)}
        return (
            _("Periode masih berjalan sampai %(end)s: jumlah responden dan hasilnya masih dapat berubah.")
            % self._figures()
        )

    @property
    def short(self) -> str:
        """The caution in a sentence put before the grade it conditions: for the sample, the one
        `sample_condition` every page says before a threshold claim."""
        if self.code == SAMPLE_BELOW_TARGET:
            return sample_condition(self.attained, self.minimum)
        return _("Periode masih berjalan sampai %(end)s") % self._figures()

    def _figures(self) -> dict[str, str]:
        return {
            "attained": idnum(self.attained, 0),
            "minimum": idnum(self.minimum, 0),
            "end": formats.date_format(self.end, "j F Y") if self.end is not None else "",
        }


SAMPLE_BELOW_TARGET, PERIOD_OPEN = "sample", "open"


def warnings_of(
    period: Period, result: IndexResult | None, target: targets.Target, today: datetime.date
) -> list[Caution]:
    """The warnings of one unit's period: accepted sample below the minimum, period not yet ended."""
    found = []
    attained = result.respondents if result is not None else 0
    if attained < target.minimum:
        found.append(Caution(SAMPLE_BELOW_TARGET, attained=attained, minimum=target.minimum))
    if period.end >= today:
        found.append(Caution(PERIOD_OPEN, end=period.end))
    return found


@dataclass
class Row:
    """A publication (or a period with data, on the operators' page), its figures and its warnings."""

    unit: Unit
    period: Period
    result: IndexResult | None
    publication: Publication | None = None
    warnings: list[Caution] = field(default_factory=list)

    @property
    def is_live(self) -> bool:
        return self.publication is not None and self.publication.is_live

    @property
    def state(self) -> str:
        """The state in words; a period without a record is "not published"."""
        return self.publication.get_status_display() if self.publication is not None else str(NOT_PROPOSED)

    @property
    def next_step(self) -> str:
        return self.publication.next_step if self.publication is not None else str(NOT_PROPOSED_STEP)

    @property
    def sample_caution(self) -> Caution | None:
        """The accepted sample below the minimum, if it is: said before the grade on public pages."""
        return next((w for w in self.warnings if w.code == SAMPLE_BELOW_TARGET), None)

    @property
    def open_caution(self) -> Caution | None:
        """The period not yet ended, if it is: said with its figures on public pages."""
        return next((w for w in self.warnings if w.code == PERIOD_OPEN), None)

    @property
    def warning_codes(self) -> str:
        """The warnings shown, as the approve form sends them back (see `actions.approve_publication`)."""
        return ",".join(w.code for w in self.warnings)


def with_warnings(rows: list[Row], today: datetime.date | None = None) -> list[Row]:
    """The rows with their warnings filled in: two more queries whatever their number."""
    today = today or timezone.localdate()
    goals = targets.of_pairs((r.unit, r.period) for r in rows)
    for row in rows:
        row.warnings = warnings_of(row.period, row.result, goals[(row.unit.pk, row.period.pk)], today)
    return rows


def row_of(unit: Unit, period: Period) -> Row:
    """One unit's period with its figures and warnings (the bulk reads of one): what an image draws."""
    return with_warnings([Row(unit, period, result_of(unit, period))])[0]


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
    """Periods in which the unit has accepted SKM answers or a publication record, the latest first,
    with their state and the warnings a proposal would carry."""
    answered = Q(pk__in=read.answered_periods([unit.pk], DEFAULT_INSTRUMENT))
    recorded = Publication.objects.filter(unit=unit, period=OuterRef("pk"))
    periods = list(Period.objects.filter(answered | Exists(recorded)).order_by("-end", "-start"))
    publications = {
        p.period_id: p
        for p in Publication.objects.filter(unit=unit, period__in=periods).select_related(
            "proposed_by", "returned_by", "published_by", "unpublished_by"
        )
    }
    results = results_for((unit, p) for p in periods)
    rows = [Row(unit, p, results.get((unit.pk, p.pk)), publications.get(p.pk)) for p in periods]
    return with_warnings(rows)


def waiting_in(units: Iterable[Unit] | Any) -> list[Publication]:
    """Proposals waiting for a decision in the given units, the oldest first, without figures (one
    query): what a workspace lists."""
    return list(
        Publication.objects.waiting()
        .filter(unit__in=units)
        .select_related("unit", "period")
        .order_by("proposed_at", "pk")
    )


def waiting(units: Iterable[Unit] | Any) -> list[Row]:
    """Proposals waiting for a decision in the given units (a queryset is one subquery), the oldest
    first, with figures and warnings: nine queries whatever their number."""
    proposals = list(
        Publication.objects.waiting()
        .filter(unit__in=units)
        .select_related("unit", "period", "proposed_by")
        .order_by("proposed_at", "pk")
    )
    return with_warnings(with_results(proposals))


def proposal(pk: int) -> Row | None:
    """One publication with its figures and warnings, for the decision page (the bulk read of one)."""
    found = Publication.objects.filter(pk=pk).select_related("unit", "period", "proposed_by")
    rows = with_warnings(with_results(list(found)))
    return rows[0] if rows else None
