"""The unit's self-assessment (F-01): its working answers, every submitted version, evidence files, and
the evaluators' questions back to the unit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sikap.pekppp.evidence import UPLOAD_TO, validate_evidence
from sikap.pekppp.models.cycle import Lokus
from sikap.pekppp.models.framework import Indicator


class SelfAssessment(models.Model):
    """A lokus unit's F-01: the answers being worked on, per indicator code; submitting keeps a version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Dikirim")
        REVISING = "revising", _("Diperbaiki (ada pertanyaan evaluator)")

    lokus = models.OneToOneField(Lokus, on_delete=models.CASCADE, related_name="self_assessment")
    # {indicator code: {question key: answer}}
    answers = models.JSONField(_("jawaban"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("penilaian mandiri (F-01)")
        verbose_name_plural = _("penilaian mandiri (F-01)")

    def __str__(self) -> str:
        return f"F-01 {self.lokus}"


class SelfAssessmentVersion(models.Model):
    """One submitted F-01, kept as it was sent (numbered from 1)."""

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("versi"))
    answers = models.JSONField(_("jawaban"), default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("dikirim"))

    class Meta:
        verbose_name = _("versi F-01")
        verbose_name_plural = _("versi F-01")
        ordering = ["self_assessment", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["self_assessment", "number"], name="pekppp_f01_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.self_assessment} v{self.number}"


class Evidence(models.Model):
    """An evidence file for one indicator of a lokus' F-01 (PDF or image), served only after an access
    check (`sikap.lib.evidence.download`)."""

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="evidence")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("berkas"), upload_to=UPLOAD_TO, validators=[validate_evidence])
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["self_assessment", "indicator__number", "uploaded_at"]

    def __str__(self) -> str:
        return f"#{self.indicator.number}: {self.file.name}"


class Clarification(models.Model):
    """An evaluator's question to the unit about an indicator, and the unit's answer."""

    lokus = models.ForeignKey(Lokus, on_delete=models.CASCADE, related_name="clarifications")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("pertanyaan"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(_("ditanyakan"), auto_now_add=True)
    answer = models.TextField(_("jawaban"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("dijawab"), null=True, blank=True)

    class Meta:
        verbose_name = _("permintaan klarifikasi")
        verbose_name_plural = _("permintaan klarifikasi")
        ordering = ["lokus", "-asked_at"]

    def __str__(self) -> str:
        return f"{self.lokus.unit} #{self.indicator.number}: {self.question[:60]}"
