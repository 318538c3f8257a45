"""Parts shared by the SKM and SPKP/SPAK report rows: numbers, sample size, profile, signature, follow-ups."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from sikap import scoring
from sikap.indices import analysis, read
from sikap.indices.targets import Target
from sikap.indices.templatetags.indices_tags import idnum
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, Service, Unit
from sikap.reports.letterhead import signer_of
from sikap.scoring.statistics import mean_sd_from_aggregates

# Called with 0-100 as a long report is built (a background job stores it for its progress page).
ProgressFn = Callable[[int], None]


def num(value: Any, places: int = 2) -> str:
    """A number the Indonesian way (87,56; 1.234), the same filter the pages use."""
    return idnum(value, places)


def long_date(day: datetime.date) -> str:
    """'12 Agustus 2026' (or '12 August 2026' in an English report): the date as a letter writes it."""
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
    (5 by default) are suppressed, with one more when a single cell would otherwise be recoverable.

    The cells are `analysis.breakdowns`, so an internal survey's profile (perspective, job type...) has
    its k as the minimum and pools only units with k respondents, like its pages."""
    groups = []
    for breakdown in analysis.breakdowns(scope.answers, by_service=False):
        kept = breakdown.cells
        groups.append(
            ProfileGroup(
                breakdown.dimension,
                breakdown.label,
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
    """Place and date, the signer's position, name and NIP (blank lines where the unit has no signer)."""

    place: str
    date: str
    position: str
    name: str = ""
    nip: str = ""

    @property
    def signed(self) -> bool:
        return bool(self.name)


def signature(unit: Unit, day: datetime.date, place: str = "") -> Signature:
    """The unit's own signer; without one the unit head's position over blank lines (a unit above does
    not sign for it). `place` given (the command's --place) wins over the signer's."""
    signer = signer_of(unit)
    if signer is None:
        return Signature(place or "……………………", long_date(day), _("Kepala %(unit)s") % {"unit": unit.name})
    return Signature(place or signer.place, long_date(day), signer.position, signer.name, signer.nip)


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
