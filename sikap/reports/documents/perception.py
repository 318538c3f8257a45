"""The SPKP/SPAK (Zona Integritas) report as plain rows: IPKP and IPAK on three scales and the WBK check."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.indices import read
from sikap.indices.methods import convention_label, index_name, threshold_instruments
from sikap.indices.progress import sample_condition
from sikap.indices.queries import unit_ids, version_for
from sikap.indices.results import IndexResult
from sikap.indices.targets import target_for, targets
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, Service, Unit
from sikap.reports.documents.common import (
    ProgressFn,
    ReportError,
    SampleRow,
    Scope,
    no_progress,
    num,
    sample_row,
)
from sikap.reports.documents.heading import ReportHeading, heading

TITLE = gettext_lazy("Laporan Survei Persepsi Kualitas Pelayanan dan Anti Korupsi")
REGULATION = "PermenPANRB 90/2021"
DEFAULT_THRESHOLD = Decimal("3.60")


@dataclass
class ItemRow:
    code: str
    name: str
    n: int
    mean: float | None  # on 1-6
    ci95: tuple[float, float] | None


@dataclass
class PerceptionBlock:
    """One index (IPKP or IPAK) on the 1-6, 1-4 and 0-100 scales with its threshold verdict."""

    code: str
    index_name: str
    title: str
    respondents: int
    items: list[ItemRow]
    index_6: float | None
    index_4: float | None
    index_100: float | None
    ci95: tuple[float, float] | None  # of the 0-100 value
    conversion: str
    threshold: Decimal
    passed: bool | None
    sample: SampleRow

    @property
    def has_result(self) -> bool:
        return self.index_6 is not None

    @property
    def sample_short(self) -> bool:
        """Fewer respondents than the minimum: the threshold verdict cannot be stated."""
        return not self.sample.reached

    @property
    def verdict(self) -> str:
        return verdict_text(self.passed, self.respondents, self.sample.minimum)


def verdict_text(passed: bool | None, attained: int, minimum: int) -> str:
    """A threshold verdict with its condition: below the minimum sample, the condition instead of it."""
    if passed is None:
        return "—"
    return sample_condition(attained, minimum) or (_("Memenuhi") if passed else _("Belum memenuhi"))


@dataclass
class UnitVerdict:
    """One unit of a Kanwil report: both indices on 1-4 and whether each reaches the threshold."""

    unit_name: str
    unit_code: str
    values: list[tuple[int, float | None, bool | None]]  # (n, index on 1-4, passed) per instrument
    minimums: list[int] = field(default_factory=list)  # the unit's own minimum sample per instrument

    @property
    def passed(self) -> bool | None:
        verdicts = [v[2] for v in self.values]
        return None if None in verdicts else all(verdicts)

    @property
    def sample_short(self) -> bool:
        return any(n < minimum for (n, _v, _p), minimum in zip(self.values, self.minimums, strict=False))

    @property
    def verdict(self) -> str:
        if self.passed is None:
            return "—"
        if self.sample_short:
            shortest = min(
                zip(self.values, self.minimums, strict=False), key=lambda pair: pair[0][0] - pair[1]
            )
            return sample_condition(shortest[0][0], shortest[1])
        return _("Memenuhi") if self.passed else _("Belum memenuhi")


@dataclass
class PerceptionReport(ReportHeading):
    blocks: list[PerceptionBlock]
    units: list[UnitVerdict]
    conclusion: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool | None:
        """Both indices at or above the threshold (None while either has no answers). Never stated
        alone: below the minimum sample the report says `sample_short` first (`verdict`)."""
        verdicts = [b.passed for b in self.blocks]
        return None if not verdicts or None in verdicts else all(verdicts)

    @property
    def sample_short(self) -> bool:
        return any(b.sample_short for b in self.blocks)

    @property
    def verdict(self) -> str:
        """The report's overall WBK/WBBM sentence: "MEMENUHI" only with every sample at its minimum."""
        if self.passed is None:
            return _("Hasil WBK/WBBM: belum dapat ditentukan (belum ada jawaban).")
        if self.sample_short:
            counts = "; ".join(
                _("%(code)s %(n)s dari %(min)s")
                % {"code": b.code, "n": num(b.respondents, 0), "min": num(b.sample.minimum, 0)}
                for b in self.blocks
            )
            return _(
                "Hasil WBK/WBBM: sampel belum memenuhi minimal (%(counts)s), sehingga hasil belum dapat "
                "dinyatakan memenuhi ambang."
            ) % {"counts": counts}
        if self.passed:
            return _("Hasil WBK/WBBM: MEMENUHI syarat indeks persepsi.")
        return _("Hasil WBK/WBBM: BELUM MEMENUHI syarat indeks persepsi.")

    @property
    def threshold(self) -> Decimal:
        return self.blocks[0].threshold if self.blocks else DEFAULT_THRESHOLD


def threshold_of(version: InstrumentVersion) -> Decimal:
    return Decimal(str((version.scoring or {}).get("threshold_1_4", DEFAULT_THRESHOLD)))


def _block(scope: Scope, index_name: str) -> PerceptionBlock:
    result = read.result(scope.answers)
    target = target_for(scope.unit, scope.period, scope.service_key or 0, scope.unit_ids, scope.version)
    version = scope.version
    slope = 100 / (version.scale_max - version.scale_min)
    return PerceptionBlock(
        code=version.instrument.code,
        index_name=index_name,
        title=version.display_title() or version.instrument.display_name(),
        respondents=result.respondents,
        items=[ItemRow(e.code, e.name, e.n, e.mean, e.ci95) for e in result.elements],
        index_6=result.index,
        index_4=result.index_4,
        index_100=result.score,
        ci95=result.ci95,
        conversion=result.convention or convention_label(version),
        threshold=threshold_of(version),
        passed=result.passed,
        sample=sample_row(scope, target, result.respondents, slope=slope),
    )


def perception_report(
    unit: Unit,
    period: Period,
    *,
    subtree: bool = False,
    service: Service | None = None,
    with_suspect: bool = False,
    place: str = "",
    today: datetime.date | None = None,
    progress: ProgressFn = no_progress,
) -> PerceptionReport:
    """IPKP and IPAK of a unit (pooled over its subtree when asked), with a row per unit below it."""
    ids = unit_ids(unit, subtree and service is None)
    blocks, units = [], []
    versions = []
    for instrument in threshold_instruments():
        version = version_for(instrument.code, period)
        if version is None:
            raise ReportError(_("Instrumen %(code)s belum diterbitkan.") % {"code": instrument.code})
        versions.append(version)
        blocks.append(
            _block(Scope(unit, ids, period, version, service, with_suspect), index_name(instrument))
        )
    progress(30)
    if len(ids) > 1:
        units = _unit_verdicts(ids, period, versions, with_suspect)
    progress(95)
    regulation = versions[0].regulation or REGULATION
    report = PerceptionReport(
        **heading(
            str(TITLE), regulation, unit, period, service, pooled=len(ids) > 1, place=place, today=today
        ),
        blocks=blocks,
        units=units,
    )
    report.conclusion = conclusion(report)
    return report


def _unit_verdicts(
    ids: list[int], period: Period, versions: list[InstrumentVersion], with_suspect: bool
) -> list[UnitVerdict]:
    members = {pk: pk for pk in ids}
    results: list[dict[Any, IndexResult]] = [
        read.results(read.Scope(ids, period, v, with_suspect=with_suspect), members) for v in versions
    ]
    answered = {pk for r in results for pk in r}
    goals = [targets({pk: pk for pk in answered}, period, version=v) for v in versions]
    rows = []
    for member in Unit.objects.filter(pk__in=list(answered)).order_by("path"):
        values = []
        for by_unit in results:
            r = by_unit.get(member.pk)
            values.append((r.respondents, r.index_4, r.passed) if r else (0, None, None))
        minimums = [found[member.pk].minimum for found in goals]
        rows.append(UnitVerdict(member.name, member.code, values, minimums))
    return rows


def conclusion(report: PerceptionReport) -> list[str]:
    where = {"unit": report.unit_name, "period": report.period_name}
    sentences = []
    for block in report.blocks:
        if not block.has_result:
            sentences.append(
                _("Belum ada jawaban %(code)s untuk %(unit)s pada periode %(period)s.")
                % {**where, "code": block.code}
            )
            continue
        condition = sample_condition(block.respondents, block.sample.minimum)
        if condition:
            sentences.append(condition + ".")
        if not block.passed:
            verdict = _("belum mencapai")
        elif condition:
            verdict = _("untuk sementara berada di atas")
        else:
            verdict = _("mencapai")
        sentences.append(
            _(
                "%(index)s %(unit)s periode %(period)s dari %(n)s responden adalah %(v6)s pada skala 1-6, "
                "%(v4)s pada skala 1-4 dan %(v100)s pada skala 0-100; nilai ini %(verdict)s ambang "
                "WBK/WBBM %(threshold)s."
            )
            % {
                **where,
                "index": block.index_name,
                "n": num(block.respondents, 0),
                "v6": num(block.index_6, 2),
                "v4": num(block.index_4, 2),
                "v100": num(block.index_100, 2),
                "verdict": verdict,
                "threshold": num(block.threshold, 2),
            }
        )
    if report.passed is None:
        return sentences
    if report.sample_short:
        sentences.append(
            _(
                "Karena sampel belum memenuhi minimal, belum dapat dinyatakan apakah unit ini "
                "memenuhi syarat indeks persepsi untuk predikat WBK/WBBM."
            )
        )
    elif report.passed:
        sentences.append(_("Unit ini memenuhi syarat indeks persepsi untuk predikat WBK/WBBM."))
    else:
        sentences.append(_("Unit ini belum memenuhi syarat indeks persepsi untuk predikat WBK/WBBM."))
    return sentences
