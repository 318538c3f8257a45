"""Reads of the PEKPPP working pages: a lokus' F-01 as shown, its versions, the user's lokus and
assignments, and the previous cycle's recommendations with their follow-up status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from sikap.accounts.access import Access, LokusReach
from sikap.pekppp import f01form
from sikap.pekppp.models import (
    Assignment,
    Clarification,
    Cycle,
    Evidence,
    Indicator,
    Lokus,
    Recommendation,
    Score,
    SelfAssessment,
    SelfAssessmentVersion,
)


@dataclass
class IndicatorView:
    """One indicator on the F-01 or F-02 page: its questions with the answers, evidence, questions."""

    indicator: Indicator
    rows: list[f01form.Row]
    evidence: list[Evidence]
    clarifications: list[Clarification]
    note: str = ""
    score: Score | None = None
    suggested: int | None = None


def versions(lokus: Lokus) -> QuerySet[SelfAssessmentVersion]:
    return SelfAssessmentVersion.objects.filter(self_assessment__lokus=lokus).order_by("-number")


def indicator_views(
    lokus: Lokus, indicators: list[Indicator], answers: dict[str, Any]
) -> list[IndicatorView]:
    """The indicators with their answers, evidence and clarifications (three queries in all)."""
    evidence: dict[int, list[Evidence]] = {}
    for e in Evidence.objects.filter(self_assessment__lokus=lokus).order_by("uploaded_at"):
        evidence.setdefault(e.indicator_id, []).append(e)
    questions: dict[int, list[Clarification]] = {}
    for c in Clarification.objects.filter(lokus=lokus).order_by("asked_at"):
        questions.setdefault(c.indicator_id, []).append(c)
    return [
        IndicatorView(
            indicator=i,
            rows=f01form.rows(i, answers.get(i.code, {})),
            evidence=evidence.get(i.pk, []),
            clarifications=questions.get(i.pk, []),
            note=str(answers.get(i.code, {}).get("catatan", "")),
        )
        for i in indicators
    ]


def f01_context(
    lokus: Lokus,
    reach: LokusReach,
    sa: SelfAssessment | None,
    indicators: list[Indicator],
    answers: dict[str, Any],
) -> dict[str, Any]:
    shown = [i for i in indicators if reach.sees_aspect(i.aspect.code)]
    return {
        "lokus": lokus,
        "reach": reach,
        "self_assessment": sa,
        "views": indicator_views(lokus, shown, answers),
        "versions": list(versions(lokus)),
        "editable": reach.write_self_assessment and lokus.stage != Lokus.Stage.VALIDATED,
    }


def latest_answers(lokus: Lokus) -> tuple[SelfAssessmentVersion | None, dict[str, Any]]:
    """What the evaluators read: the newest submitted version (never an unsent draft)."""
    latest = versions(lokus).first()
    return latest, (latest.answers if latest else {})


def my_lokus(access: Access) -> list[tuple[Cycle, list[Lokus]]]:
    """Every cycle with the lokus the user sees in it, newest cycle first."""
    found = []
    for cycle in Cycle.objects.select_related("framework_version").order_by("-year", "scheme"):
        lokus = list(access.visible_lokus(cycle).select_related("unit").order_by("unit__path"))
        if lokus:
            found.append((cycle, lokus))
    return found


def assignments_of(user: Any) -> QuerySet[Assignment]:
    """An evaluator's assignments with their lokus, newest cycle first."""
    return (
        Assignment.objects.filter(evaluator=user)
        .select_related("lokus__unit", "lokus__cycle")
        .order_by("-lokus__cycle__year", "lokus__unit__path")
    )


def previous_recommendations(lokus: Lokus) -> list[Recommendation]:
    """The recommendations given to the unit in its latest earlier cycle, with their follow-up items
    (the monitoring form of the next F-01)."""
    earlier = (
        Lokus.objects.filter(
            unit_id=lokus.unit_id, cycle__year__lt=lokus.cycle.year, stage=Lokus.Stage.VALIDATED
        )
        .order_by("-cycle__year")
        .first()
    )
    if earlier is None:
        return []
    return list(earlier.recommendations.select_related("followup_item", "indicator"))


def f02_context(lokus: Lokus, aspect: Any) -> dict[str, Any]:
    """An aspect's indicators with the unit's submitted answers, evidence, the level set, the suggestion."""
    from sikap.pekppp.suggest import suggest_level

    latest, answers = latest_answers(lokus)
    indicators = [i for i in lokus.indicators() if i.aspect_id == aspect.pk]
    views = indicator_views(lokus, indicators, answers)
    scores = {s.indicator_id: s for s in Score.objects.filter(lokus=lokus, indicator__in=indicators)}
    for view in views:
        view.score = scores.get(view.indicator.pk)
        view.suggested = suggest_level(view.indicator.suggest, answers.get(view.indicator.code, {}))
    final = bool(views) and all(v.score is not None and v.score.status == Score.Status.FINAL for v in views)
    return {"lokus": lokus, "aspect": aspect, "version": latest, "views": views, "final": final}


def validation_context(lokus: Lokus) -> dict[str, Any]:
    """Every indicator's level for the validator, and whether all are final."""
    indicators = list(lokus.indicators())
    scores = {s.indicator_id: s for s in Score.objects.filter(lokus=lokus).select_related("set_by")}
    rows = [(i, scores.get(i.pk)) for i in indicators]
    ready = all(s is not None and s.status == Score.Status.FINAL for _i, s in rows)
    return {"lokus": lokus, "rows": rows, "ready": ready}


def recommendations_shown(lokus: Lokus, reach: LokusReach) -> list[Recommendation]:
    """The evaluators' recommendations: to them while drafting, to the unit once validated."""
    if not (reach.sees_drafts or lokus.stage == Lokus.Stage.VALIDATED):
        return []
    return list(lokus.recommendations.select_related("followup_item", "indicator", "owner_unit"))
