"""The SKM report as plain rows, read from the indices (never from responses).

The PDF and XLSX writers (`pdf`, `xlsx`) only lay these rows out: every number and sentence is decided
here, once. A Kanwil report (`subtree=True`) has a pooled summary and one section per unit below it
with answers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap import scoring
from sikap.indices import read
from sikap.indices.analysis import weakest_elements
from sikap.indices.methods import convention_label
from sikap.indices.queries import unit_ids, version_for
from sikap.indices.results import IndexResult
from sikap.indices.targets import target_for
from sikap.instruments.models import DEFAULT_INSTRUMENT
from sikap.organisation.models import Period, Service, Unit
from sikap.reports.documents import skm_text
from sikap.reports.documents.common import (
    FollowUpRow,
    ProfileGroup,
    ProgressFn,
    ReportError,
    SampleRow,
    Scope,
    followup_rows,
    no_progress,
    num,
    profile,
    sample_row,
    sample_sentence,
)
from sikap.reports.documents.feedback import ChannelRow, FeedbackSummary, channel_rows, feedback_summary
from sikap.reports.documents.heading import ReportHeading, heading

TITLE = gettext_lazy("Laporan Survei Kepuasan Masyarakat")
DEFAULT_REGULATION = "PermenPANRB 14/2017"
LEGAL_BASIS = (
    gettext_lazy("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"),
    gettext_lazy(
        "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009"
    ),
    gettext_lazy(
        "Peraturan Menteri PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan "
        "Masyarakat Unit Penyelenggara Pelayanan Publik"
    ),
)
WEAKEST = 3


@dataclass
class ElementRow:
    code: str
    name: str
    n: int
    nrr: float | None  # unrounded mean; shown with 4 decimals
    weight: float
    weighted: float | None  # NRR x weight
    ci95: tuple[float, float] | None

    @property
    def score(self) -> float | None:
        """The element on the 25-100 scale of the converted score."""
        return None if self.nrr is None else self.nrr * 25


@dataclass
class SkmSection:
    """The numbers of one unit (or of a pooled subtree, or of one service) in the period."""

    title: str
    unit_code: str
    respondents: int
    elements: list[ElementRow]
    ikm: float | None
    score: float | None
    grade: str
    label: str
    ci95: tuple[float, float] | None
    convention: str
    sample: SampleRow
    profile: list[ProfileGroup]
    weakest: list[ElementRow]
    followups: list[FollowUpRow] | None  # None: the follow-up app is not installed
    conclusion: list[str] = field(default_factory=list)
    heading: skm_text.Heading | None = None  # a unit's appendix in a Kanwil report

    @property
    def has_result(self) -> bool:
        return self.ikm is not None

    @property
    def sample_text(self) -> str:
        return sample_sentence(self.sample)


@dataclass
class SkmReport(ReportHeading):
    legal_basis: tuple[str, ...]
    instrument: str
    version_number: int
    scale: str
    weights_label: str
    summary: SkmSection
    sections: list[SkmSection]
    # The words and the outline (skm_text), and what only the whole report has (feedback, channels).
    toc: list[skm_text.Heading] = field(default_factory=list)
    foreword: list[str] = field(default_factory=list)
    background: list[str] = field(default_factory=list)
    purpose: list[str] = field(default_factory=list)
    instrument_text: str = ""
    calculation: list[str] = field(default_factory=list)
    grade_rows: list[tuple[str, str, str]] = field(default_factory=list)
    sampling: str = ""
    collection: list[str] = field(default_factory=list)
    channels: list[ChannelRow] = field(default_factory=list)
    feedback: FeedbackSummary | None = None
    feedback_text: list[str] = field(default_factory=list)

    @property
    def element_names(self) -> list[tuple[str, str]]:
        return [(e.code, e.name) for e in self.summary.elements]

    @property
    def h(self) -> dict[str, skm_text.Heading]:
        """The headings by key, for the template (`report.h.profile`)."""
        return {heading.key: heading for heading in self.toc}

    @property
    def parts(self) -> dict[str, skm_text.Heading]:
        """The part headings inside each unit's appendix."""
        return skm_text.appendix_parts()


def _weights(scope: Scope) -> dict[str, Fraction]:
    mode = (scope.version.scoring or {}).get("weights", "exact")
    return dict(scoring.resolve_weights(mode).by_code)


def _element_rows(result: IndexResult, weights: dict[str, Fraction]) -> list[ElementRow]:
    rows = []
    for e in result.elements:
        weight = float(weights.get(e.code, 0))
        weighted = e.mean * weight if e.mean is not None else None
        rows.append(ElementRow(e.code, e.name, e.n, e.mean, weight, weighted, e.ci95))
    return rows


def _section(scope: Scope, title: str, result: IndexResult | None = None) -> SkmSection:
    if result is None:
        result = read.result(scope.answers)
    target = target_for(scope.unit, scope.period, scope.service_key or 0, scope.unit_ids, scope.version)
    elements = _element_rows(result, _weights(scope))
    by_code = {e.code: e for e in elements}
    weakest = [by_code[e.code] for e in weakest_elements(result, WEAKEST)]
    section = SkmSection(
        title=title,
        unit_code=scope.unit.code,
        respondents=result.respondents,
        elements=elements,
        ikm=result.index,
        score=result.score,
        grade=result.grade,
        label=skm_text.performance(result.label),
        ci95=result.ci95,
        convention=result.convention,
        sample=sample_row(scope, target, result.respondents, slope=25.0),
        profile=profile(scope, result.respondents),
        weakest=weakest,
        followups=followup_rows(scope.unit, scope.period),
    )
    section.conclusion = conclusion(section, scope)
    return section


def conclusion(section: SkmSection, scope: Scope) -> list[str]:
    """Plain Indonesian sentences from the numbers, for the report's closing chapter."""
    where = {"unit": section.title, "period": scope.period.name}
    if not section.has_result:
        return [
            _("Belum ada jawaban survei yang dapat diolah untuk %(unit)s pada periode %(period)s.") % where
        ]
    # Below the minimum sample the condition comes first, before the grade is stated (issue 10).
    sentences = [] if section.sample.reached else [sample_sentence(section.sample)]
    sentences += [
        _("Survei Kepuasan Masyarakat pada %(unit)s periode %(period)s diikuti oleh %(n)s responden.")
        % {**where, "n": num(section.respondents, 0)},
        _(
            "Indeks Kepuasan Masyarakat (IKM) sebesar %(ikm)s dengan nilai konversi %(score)s, "
            "sehingga mutu pelayanan %(grade)s dan kinerja unit pelayanan %(label)s."
        )
        % {
            "ikm": num(section.ikm, 4),
            "score": num(section.score, 2),
            "grade": section.grade,
            "label": section.label,
        },
    ]
    if section.ci95:
        sentences.append(
            _("Dengan tingkat kepercayaan 95 %%, nilai sebenarnya berada antara %(low)s dan %(high)s.")
            % {"low": num(section.ci95[0]), "high": num(section.ci95[1])}
        )
    if section.sample.reached:
        sentences.append(sample_sentence(section.sample))
    ranked = sorted((e for e in section.elements if e.nrr is not None), key=lambda e: (-(e.nrr or 0), e.code))
    if ranked:
        best = ranked[0]
        sentences.append(
            _("Unsur dengan nilai tertinggi adalah %(name)s (NRR %(nrr)s).")
            % {"name": best.name, "nrr": num(best.nrr, 4)}
        )
    if section.weakest:
        names = ", ".join(f"{e.name} ({num(e.nrr, 4)})" for e in section.weakest)
        sentences.append(
            _(
                "Unsur dengan nilai terendah adalah %(names)s; unsur-unsur ini menjadi prioritas perbaikan "
                "dalam rencana tindak lanjut."
            )
            % {"names": names}
        )
    if section.followups:
        done = sum(1 for f in section.followups if f.done)
        sentences.append(
            _("Rencana tindak lanjut memuat %(total)s butir, %(done)s di antaranya telah selesai.")
            % {"total": len(section.followups), "done": done}
        )
    return sentences


def skm_report(
    unit: Unit,
    period: Period,
    *,
    subtree: bool = False,
    service: Service | None = None,
    with_suspect: bool = False,
    place: str = "",
    today: datetime.date | None = None,
    progress: ProgressFn = no_progress,
) -> SkmReport:
    """The SKM report of a unit (pooling its subtree when asked), or of one of its services."""
    version = version_for(DEFAULT_INSTRUMENT, period)
    if version is None:
        raise ReportError(_("Instrumen SKM belum diterbitkan."))
    ids = unit_ids(unit, subtree and service is None)
    scope = Scope(unit, ids, period, version, service, with_suspect)
    title = f"{unit.name} — {service.name}" if service is not None else unit.name
    pooled = len(ids) > 1
    summary = _section(scope, _("%(unit)s (gabungan)") % {"unit": title} if pooled else title)
    progress(10)
    sections = _unit_sections(scope, progress) if pooled else []
    progress(95)
    regulation = version.regulation or DEFAULT_REGULATION
    report = SkmReport(
        **heading(str(TITLE), regulation, unit, period, service, pooled=pooled, place=place, today=today),
        legal_basis=tuple(str(law) for law in LEGAL_BASIS),
        instrument=version.display_title() or version.instrument.display_name(),
        version_number=version.number,
        scale=f"{version.scale_min}-{version.scale_max}",
        weights_label=summary.convention or convention_label(version),
        summary=summary,
        sections=sections,
    )
    _write(report, scope)
    return report


def _write(report: SkmReport, scope: Scope) -> None:
    """The report's words and outline, and its feedback and collection counts (the whole scope)."""
    report.feedback = feedback_summary(scope)
    report.channels = channel_rows(scope)
    report.toc = skm_text.outline(
        followups=report.summary.followups is not None, appendix_titles=[s.title for s in report.sections]
    )
    for number, section in enumerate(report.sections, start=1):
        section.heading = report.h[f"appendix-{number}"]
    report.foreword = skm_text.foreword(report)
    report.background = skm_text.background(report)
    report.purpose = skm_text.purpose()
    report.instrument_text = skm_text.instrument_sentence(report)
    report.calculation = skm_text.calculation_sentences(report)
    report.grade_rows = skm_text.grade_rows()
    report.sampling = skm_text.sampling_sentence(report.summary.sample)
    report.collection = skm_text.collection_sentences(report, scope.with_suspect)
    report.feedback_text = skm_text.feedback_sentences(report.feedback)


def _unit_sections(scope: Scope, progress: ProgressFn) -> list[SkmSection]:
    """One section per unit of the subtree with answers, in tree order (two queries for all results)."""
    results = read.results(scope.answers, {pk: pk for pk in scope.unit_ids})
    units = list(Unit.objects.filter(pk__in=list(results)).order_by("path"))
    sections = []
    for done, member in enumerate(units, start=1):
        sections.append(_section(scope.narrowed(member), member.name, results[member.pk]))
        progress(10 + 85 * done // len(units))
    return sections
