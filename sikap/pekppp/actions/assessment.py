"""The unit's F-01: saving answers, submitting (every submitted version is kept), evidence files, and
answering an evaluator's question."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.audit.actions import delete_recorded, record
from sikap.audit.actors import Actor, user_or_none
from sikap.pekppp.evidence import validate_evidence
from sikap.pekppp.models import (
    Clarification,
    Evidence,
    Indicator,
    Lokus,
    SelfAssessment,
    SelfAssessmentVersion,
)


def _open_self_assessment(lokus: Lokus) -> SelfAssessment:
    if lokus.stage == Lokus.Stage.VALIDATED:
        raise ValidationError(_("Evaluasi unit ini sudah divalidasi; penilaian mandiri tidak dapat diubah."))
    self_assessment, _created = SelfAssessment.objects.select_for_update().get_or_create(lokus=lokus)
    return self_assessment


def check_answers(lokus: Lokus, answers: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Answers keyed by indicator code, then by question key; anything the lokus' F-01 does not ask is
    refused with every problem named."""
    indicators = {i.code: i for i in lokus.indicators()}
    problems, clean = [], {}
    for code, given in answers.items():
        indicator = indicators.get(code)
        if indicator is None:
            problems.append(_("indikator %(code)s tidak dinilai pada unit ini") % {"code": code})
            continue
        if not isinstance(given, Mapping):
            problems.append(
                _("jawaban indikator %(code)s harus berupa isian per pertanyaan") % {"code": code}
            )
            continue
        keys = {q["key"] for q in indicator.questions} | {"catatan"}
        unknown = sorted(set(given) - keys)
        if unknown:
            problems.append(
                _("indikator %(code)s tidak menanyakan %(keys)s") % {"code": code, "keys": ", ".join(unknown)}
            )
        clean[code] = dict(given)
    if problems:
        raise ValidationError(problems)
    return clean


@transaction.atomic
def save_self_assessment(actor: Actor, lokus: Lokus, answers: Mapping[str, Any]) -> SelfAssessment:
    """Save the unit's working answers for some indicators (merged into what was saved), as a draft."""
    self_assessment = _open_self_assessment(lokus)
    clean = check_answers(lokus, answers)
    before = {code: self_assessment.answers.get(code) for code in clean}
    self_assessment.answers = {**self_assessment.answers, **clean}
    if self_assessment.status == SelfAssessment.Status.SUBMITTED:
        self_assessment.status = SelfAssessment.Status.DRAFT
    self_assessment.save()
    record(actor, "pekppp.self_assessment.save", self_assessment, before=before, after=clean)
    return self_assessment


@transaction.atomic
def submit_self_assessment(actor: Actor, lokus: Lokus) -> SelfAssessmentVersion:
    """Send the F-01 to the evaluators: its answers are kept as a new numbered version."""
    self_assessment = _open_self_assessment(lokus)
    number = (self_assessment.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = SelfAssessmentVersion.objects.create(
        self_assessment=self_assessment,
        number=number,
        answers=self_assessment.answers,
        submitted_by=user_or_none(actor),
        submitted_at=timezone.now(),
    )
    self_assessment.status = SelfAssessment.Status.SUBMITTED
    self_assessment.save(update_fields=["status", "updated_at"])
    if lokus.stage == Lokus.Stage.SELF_ASSESSMENT:
        Lokus.objects.filter(pk=lokus.pk).update(stage=Lokus.Stage.EVALUATION)
        lokus.stage = Lokus.Stage.EVALUATION
    record(actor, "pekppp.self_assessment.submit", self_assessment, after={"version": number})
    return version


@transaction.atomic
def add_evidence(
    actor: Actor, lokus: Lokus, indicator: Indicator, file: Any, description: str = ""
) -> Evidence:
    """Attach an evidence file (PDF, JPG, PNG; at most 10 MB; checked by its first bytes) to an indicator."""
    self_assessment = _open_self_assessment(lokus)
    if not indicator.applies_to(lokus.variant) or indicator.version_id != lokus.cycle.framework_version_id:
        raise ValidationError(_("Indikator ini tidak dinilai pada unit ini."))
    validate_evidence(file)
    evidence = Evidence(
        self_assessment=self_assessment,
        indicator=indicator,
        file=file,
        description=description,
        uploaded_by=user_or_none(actor),
    )
    evidence.save()
    record(
        actor,
        "pekppp.evidence.add",
        evidence,
        after={"indicator": indicator.code, "file": evidence.file.name},
    )
    return evidence


@transaction.atomic
def delete_evidence(actor: Actor, evidence: Evidence) -> None:
    """Remove an evidence row (the stored file stays, as the audit trail names it)."""
    _open_self_assessment(evidence.self_assessment.lokus)
    delete_recorded(
        actor,
        "pekppp.evidence.delete",
        [evidence],
        lambda e: {"indicator": e.indicator_id, "file": e.file.name},
    )


@transaction.atomic
def answer_clarification(actor: Actor, clarification: Clarification, answer: str) -> Clarification:
    """The unit's answer to an evaluator's question (it may also revise and resubmit its F-01)."""
    if not answer.strip():
        raise ValidationError(_("Jawaban klarifikasi tidak boleh kosong."))
    before = {"answer": clarification.answer}
    clarification.answer = answer.strip()
    clarification.answered_by = user_or_none(actor)
    clarification.answered_at = timezone.now()
    clarification.save()
    record(
        actor,
        "pekppp.clarification.answer",
        clarification,
        before=before,
        after={"answer": clarification.answer},
    )
    return clarification
