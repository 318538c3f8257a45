"""Parts shared by the SKM and SPKP/SPAK report rows: numbers, sample size, profile, signature, follow-ups."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from sikap import scoring
from sikap.indices import read
from sikap.indices.analysis import Cell, profile_groups, suppress
from sikap.indices.targets import Target
from sikap.indices.templatetags.indices_tags import idnum
from sikap.instruments.models import InstrumentVersion
from sikap.instruments.queries import breakdown_fields
from sikap.organisation.models import Period, Service, Unit
from sikap.scoring.statistics import mean_sd_from_aggregates

# Called with 0-100 as a long report is built (a background job stores it for its progress page).
ProgressFn = Callable[[int], None]


def num(value: Any, places: int = 2) -> str:
    """A number the Indonesian way (87,56; 1.234), the same filter the pages use."""
    return idnum(value, places)


def long_date(day: datetime.date) -> str:
    """'12 Agustus 2026': the date as a letter writes it, in the report's language ('12 August 2026')."""
    return formats.date_format(day, "j F Y")


def no_progress(_percent: int) -> None:
    return None


class ReportError(ValueError):
    """The report cannot be made (no such instrument in the period); the message says why."""


@dataclass
class Scope:
    """Which answers a report reads: units (pooled), instrument version, period, optional service."""

    unit: Unit
    unit_ids: list[int]
    period: Period
    version: InstrumentVersion
    service: Service | None = None
    with_suspect: bool = False

    @property
    def service_key(self) -> int | None:
        return self.service.pk if self.service is not None else None

    @property
    def answers(self) -> read.Scope:
        """The same choice as the indices' read scope."""
        return read.Scope(
            self.unit_ids,
            self.period,
            self.version,
            service_key=self.service_key,
            with_suspect=self.with_suspect,
        )

    def narrowed(self, unit: Unit) -> Scope:
        """The same report for one unit alone (a section of a Kanwil report)."""
        return Scope(unit, [unit.pk], self.period, self.version, self.service, self.with_suspect)


@dataclass
class SampleRow:
    """The sample against its target, and the precision the sample actually achieved."""

    population: int | None
    minimum: int
    method: str
    margin: float
    floor: int
    override_reason: str
    attained: int
    margin_proportion: float | None  # percent, at p = 0,5, with the finite population correction
    margin_score: float | None  # +/- points on the 0-100 score
    population_too_small: bool = False

    @property
    def reached(self) -> bool:
        return self.attained >= self.minimum

    @property
    def percent(self) -> float:
        return 100.0 if self.minimum == 0 else 100 * self.attained / self.minimum


def sample_row(scope: Scope, target: Target, attained: int, slope: float) -> SampleRow:
    """`slope` maps one point of a respondent's mean answer onto the 0-100 score (IKM: 25)."""
    totals = read.totals_of(read.people(scope.answers))
    people = target.population
    too_small = people is not None and people < attained
    usable = None if too_small else people
    proportion = score = None
    if attained >= 1:
        proportion = 100 * scoring.margin_of_error_achieved(attained, usable)
    complete, k = totals.n, len(scope.version.elements.all())
    if complete >= 2 and k and (usable is None or complete <= usable):
        _mean, variance = mean_sd_from_aggregates(complete, totals.total, totals.sumsq)
        sd = float(variance) ** 0.5 / k * slope
        score = scoring.margin_of_error_achieved(complete, usable, sd=sd)
    return SampleRow(
        population=people,
        minimum=target.minimum,
        method=target.method_label,
        margin=target.margin,
        floor=target.floor,
        override_reason=target.override_reason,
        attained=attained,
        margin_proportion=proportion,
        margin_score=score,
        population_too_small=too_small,
    )


def sample_sentence(sample: SampleRow) -> str:
    if sample.reached:
        return _("Jumlah responden (%(n)s) telah memenuhi sampel minimal %(min)s responden (%(method)s).") % {
            "n": num(sample.attained, 0),
            "min": num(sample.minimum, 0),
            "method": sample.method,
        }
    return _(
        "Jumlah responden (%(n)s) belum memenuhi sampel minimal %(min)s responden (%(method)s); "
        "hasil ini belum representatif dan perlu dibaca dengan hati-hati."
    ) % {"n": num(sample.attained, 0), "min": num(sample.minimum, 0), "method": sample.method}


@dataclass
class ProfileCell:
    label: str
    n: int | None  # None when suppressed
    percent: float | None
    suppressed: bool = False


@dataclass
class ProfileGroup:
    dimension: str
    label: str
    cells: list[ProfileCell] = field(default_factory=list)


def profile(scope: Scope, respondents: int) -> list[ProfileGroup]:
    """Respondents by each breakdown field of the version (sex, age band, education and occupation for
    the standard ones), options in the questionnaire's order; cells under the instrument's minimum
    (5 by default) are suppressed, with one more when a single cell would otherwise be recoverable."""
    fields = breakdown_fields(scope.version.pk)
    rows = read.group_rows(scope.answers, [f.dimension for f in fields])
    groups = []
    for spec, found in profile_groups(scope.version, rows):
        cells = [Cell(row["category"], label, row["n_"], None, None) for row, label in found]
        kept = suppress(cells, scope.version.instrument.min_cell)
        groups.append(
            ProfileGroup(
                spec.dimension,
                spec.title(),
                [
                    ProfileCell(
                        c.label,
                        c.n,
                        100 * c.n / respondents if c.n is not None and respondents else None,
                        c.suppressed,
                    )
                    for c in kept
                ],
            )
        )
    return groups


@dataclass
class Signature:
    """Place and date, the unit head's position, and blank lines for the name and NIP."""

    place: str
    date: str
    position: str


def signature(unit: Unit, day: datetime.date, place: str = "") -> Signature:
    return Signature(place or "……………………", long_date(day), _("Kepala %(unit)s") % {"unit": unit.name})


@dataclass
class FollowUpRow:
    unit: str
    element: str
    action: str
    owner: str
    deadline: datetime.date
    status: str
    done: bool


def followups_installed() -> bool:
    from django.apps import apps

    return apps.is_installed("sikap.followup")


def followup_rows(unit: Unit, period: Period) -> list[FollowUpRow] | None:
    """The unit's follow-up plan for the period; None when the follow-up app is not installed."""
    if not followups_installed():
        return None
    from sikap.followup.models import FollowUpItem
    from sikap.followup.queries import plan_items

    rows = []
    for item in plan_items(unit, period):
        owner = item.owner or (
            item.owner_user.get_full_name() or item.owner_user.username if item.owner_user else ""
        )
        rows.append(
            FollowUpRow(
                unit.name,
                item.topic,
                item.action,
                owner,
                item.deadline,
                str(item.get_status_display()),
                item.status == FollowUpItem.Status.DONE,
            )
        )
    return rows
