"""The evaluators' F-02: levels with notes (every change audited with its reason), questions back to the
unit, finalising an aspect set, and the validator's confirmation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.audit.actions import record
from sikap.audit.actors import Actor, user_or_none
from sikap.pekppp.actions.recommendations import recommendations_to_followup
from sikap.pekppp.models import Clarification, Indicator, Lokus, Score, SelfAssessment


def _locked(lokus: Lokus) -> Lokus:
    lokus = Lokus.objects.select_for_update().select_related("cycle").get(pk=lokus.pk)
    if lokus.stage == Lokus.Stage.VALIDATED:
        raise ValidationError(_("Evaluasi unit ini sudah divalidasi; nilai tidak dapat diubah lagi."))
    return lokus


def _check_indicator(lokus: Lokus, indicator: Indicator) -> None:
    if indicator.version_id != lokus.cycle.framework_version_id or not indicator.applies_to(lokus.variant):
        raise ValidationError(_("Indikator %(code)s tidak dinilai pada unit ini.") % {"code": indicator.code})


def _store_level(
    actor: Actor, lokus: Lokus, indicator: Indicator, level: int, note: str, reason: str
) -> Score:
    _check_indicator(lokus, indicator)
    if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 5:
        raise ValidationError(_("Nilai indikator harus bilangan bulat 0 sampai 5."))
    score = Score.objects.select_for_update().filter(lokus=lokus, indicator=indicator).first()
    before = {"level": score.level, "note": score.note, "status": score.status} if score else None
    if score is not None and score.status == Score.Status.FINAL and not reason.strip():
        raise ValidationError(_("Nilai yang sudah final hanya dapat diubah dengan alasan."))
    score = score or Score(lokus=lokus, indicator=indicator)
    score.level, score.note, score.set_by = level, note, user_or_none(actor)
    score.full_clean(exclude=["lokus", "indicator", "set_by"])
    score.save()
    after = {"level": level, "note": note, "status": score.status}
    if after != before:
        record(actor, "pekppp.score.set", score, before=before, after=after, reason=reason)
    return score


@transaction.atomic
def set_level(
    actor: Actor, lokus: Lokus, indicator: Indicator, level: int, *, note: str = "", reason: str = ""
) -> Score:
    """Set an indicator's level 0-5 with a note; audited with its reason (required once final)."""
    lokus = _locked(lokus)
    score = _store_level(actor, lokus, indicator, level, note, reason)
    if lokus.stage == Lokus.Stage.SELF_ASSESSMENT:
        Lokus.objects.filter(pk=lokus.pk).update(stage=Lokus.Stage.EVALUATION)
    return score


@dataclass(frozen=True)
class LevelRow:
    """One level to store from a file: the indicator, level, note, and the file row it came from."""

    indicator: Indicator
    level: int
    note: str = ""
    row: int = 0


@transaction.atomic
def set_levels(actor: Actor, lokus: Lokus, rows: Sequence[LevelRow], *, reason: str = "") -> list[Score]:
    """Set many levels at once, all or nothing (the F-02 import): each change audited like `set_level`."""
    lokus = _locked(lokus)
    scores = [_store_level(actor, lokus, r.indicator, r.level, r.note, reason) for r in rows]
    if lokus.stage == Lokus.Stage.SELF_ASSESSMENT:
        Lokus.objects.filter(pk=lokus.pk).update(stage=Lokus.Stage.EVALUATION)
    return scores


@transaction.atomic
def ask_clarification(actor: Actor, lokus: Lokus, indicator: Indicator, question: str) -> Clarification:
    """An evaluator's question to the unit about an indicator; the unit's F-01 reopens for revision."""
    lokus = _locked(lokus)
    _check_indicator(lokus, indicator)
    if not question.strip():
        raise ValidationError(_("Pertanyaan klarifikasi tidak boleh kosong."))
    clarification = Clarification.objects.create(
        lokus=lokus, indicator=indicator, question=question.strip(), asked_by=user_or_none(actor)
    )
    SelfAssessment.objects.filter(lokus=lokus).update(status=SelfAssessment.Status.REVISING)
    record(
        actor,
        "pekppp.clarification.ask",
        clarification,
        after={"indicator": indicator.code, "question": question},
    )
    return clarification


@transaction.atomic
def finalise(actor: Actor, lokus: Lokus, aspects: Iterable[str] | None = None) -> list[Score]:
    """Make the levels of these aspects (all by default) final; refused while any of their indicators
    has no level. When every level of the lokus is final, the lokus is finalised."""
    lokus = _locked(lokus)
    indicators = list(lokus.indicators())
    codes = set(aspects) if aspects is not None else {i.aspect.code for i in indicators}
    wanted = [i for i in indicators if i.aspect.code in codes]
    scores = {s.indicator_id: s for s in Score.objects.select_for_update().filter(lokus=lokus)}
    missing = [i.number for i in wanted if i.pk not in scores]
    if missing:
        raise ValidationError(
            _("Indikator berikut belum dinilai: %(numbers)s.") % {"numbers": ", ".join(map(str, missing))}
        )
    done = [scores[i.pk] for i in wanted if scores[i.pk].status != Score.Status.FINAL]
    Score.objects.filter(pk__in=[s.pk for s in done]).update(status=Score.Status.FINAL)
    if done:
        record(
            actor, "pekppp.score.finalise", lokus, after={"aspects": sorted(codes), "indicators": len(done)}
        )
    every = Score.objects.filter(lokus=lokus, status=Score.Status.FINAL).count()
    if every == len(indicators) and lokus.stage != Lokus.Stage.FINALISED:
        Lokus.objects.filter(pk=lokus.pk).update(stage=Lokus.Stage.FINALISED)
    return done


@transaction.atomic
def validate(actor: Actor, lokus: Lokus, *, reason: str = "") -> Lokus:
    """The validator confirms a finalised lokus: every level final; from then on nothing changes and the
    unit sees its result."""
    lokus = _locked(lokus)
    indicators = list(lokus.indicators())
    final = Score.objects.filter(lokus=lokus, status=Score.Status.FINAL)
    if final.count() != len(indicators):
        raise ValidationError(_("Semua indikator harus dinilai final sebelum divalidasi."))
    final.update(validated=True)
    before = {"stage": lokus.stage}
    lokus.stage = Lokus.Stage.VALIDATED
    lokus.validated_by = user_or_none(actor)
    lokus.validated_at = timezone.now()
    lokus.save(update_fields=["stage", "validated_by", "validated_at"])
    record(actor, "pekppp.lokus.validate", lokus, before=before, after={"stage": lokus.stage}, reason=reason)
    recommendations_to_followup(actor, lokus)
    return lokus
