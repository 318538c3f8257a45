"""Reads for index pages, commands and the API: which units, which version, and the result with its target."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from sikap.indices.models import RespondentTally
from sikap.indices.results import IndexResult, compute
from sikap.indices.targets import Progress, progress
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, Unit


def version_for(instrument_code: str, period: Period) -> InstrumentVersion | None:
    """The version of an instrument answered in a period (the newest one with answers, else the newest)."""
    versions = (
        InstrumentVersion.objects.published().filter(instrument__code=instrument_code).order_by("-number")
    )
    used = set(
        RespondentTally.objects.filter(period=period, version__in=versions).values_list(
            "version_id", flat=True
        )
    )
    for version in versions:
        if version.pk in used:
            return version
    return versions.first()


def unit_ids(unit: Unit, subtree: bool) -> list[int]:
    if not subtree:
        return [unit.pk]
    return list(Unit.objects.subtree_of(unit).values_list("pk", flat=True))


@dataclass
class UnitIndex:
    unit: Unit
    result: IndexResult
    progress: Progress


def unit_index(
    unit: Unit,
    period: Period,
    version: InstrumentVersion,
    *,
    subtree: bool = False,
    with_suspect: bool = False,
    today: datetime.date | None = None,
) -> UnitIndex:
    ids = unit_ids(unit, subtree)
    result = compute(ids, version, period, with_suspect=with_suspect)
    state = progress(unit, period, version, today or timezone.localdate(), unit_ids=ids)
    return UnitIndex(unit, result, state)


def as_json(item: UnitIndex) -> dict[str, Any]:
    """The documented JSON shape of an index (commands and API)."""
    result = item.result
    return {
        "unit": item.unit.code,
        "period": result.period.name,
        "instrument": result.version.instrument.code,
        "respondents": result.respondents,
        "elements": {e.code: round(e.mean, 4) for e in result.elements if e.mean is not None},
        "index": round(result.index, 4) if result.index is not None else None,
        "score": round(result.score, 2) if result.score is not None else None,
        "grade": result.grade,
        "ci95": list(result.ci95) if result.ci95 else None,
        "target": item.progress.target.minimum,
        "attained": item.progress.attained,
    }
