"""A yearly evaluation cycle, its lokus units and their evaluators, and the levels they set (F-02)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sikap.instruments.models import Campaign
from sikap.organisation.models import Period, Unit
from sikap.pekppp.models.framework import FrameworkVersion, Indicator
from sikap.scoring.pekppp import F03Method, F03Policy


class Cycle(models.Model):
    """One year's evaluation under one scheme (KemenPANRB's national one, or the ministry's own)."""

    class Scheme(models.TextChoices):
        NATIONAL = "nasional", _("Nasional (KemenPANRB)")
        MANDIRI = "mandiri", _("Mandiri (kementerian)")

    class Policy(models.TextChoices):
        BLOCK = F03Policy.BLOCK.value, _("Tahan: hasil belum final sampai tanggapan F-03 cukup")
        ZERO = F03Policy.ZERO.value, _("Nol: F-03 dihitung 0")
        F02_ONLY = F03Policy.F02_ONLY.value, _("Hanya F-02: IPP = F-02")

    class Method(models.TextChoices):
        ASPECT_MEAN = F03Method.ASPECT_MEAN.value, _("Rata-rata aspek")
        ITEM_MEAN = F03Method.ITEM_MEAN.value, _("Rata-rata butir")

    year = models.PositiveSmallIntegerField(_("tahun"))
    scheme = models.CharField(_("skema"), max_length=10, choices=Scheme.choices)
    framework_version = models.ForeignKey(
        FrameworkVersion, verbose_name=_("versi kerangka"), on_delete=models.PROTECT, related_name="cycles"
    )
    # F-03 answers count when given in this period, through this campaign (public link and QR per lokus).
    period = models.ForeignKey(
        Period, verbose_name=_("periode F-03"), on_delete=models.PROTECT, related_name="+"
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("kampanye F-03"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    self_assessment_start = models.DateField(_("penilaian mandiri mulai"), null=True, blank=True)
    self_assessment_end = models.DateField(_("penilaian mandiri selesai"), null=True, blank=True)
    desk_evaluation_start = models.DateField(_("evaluasi dokumen mulai"), null=True, blank=True)
    desk_evaluation_end = models.DateField(_("evaluasi dokumen selesai"), null=True, blank=True)
    validation_start = models.DateField(_("validasi mulai"), null=True, blank=True)
    validation_end = models.DateField(_("validasi selesai"), null=True, blank=True)
    results_on = models.DateField(_("pengumuman hasil"), null=True, blank=True)
    f03_policy = models.CharField(
        _("bila tanggapan F-03 kurang"), max_length=10, choices=Policy.choices, default=Policy.BLOCK
    )
    f03_method = models.CharField(
        _("cara menghitung F-03"), max_length=12, choices=Method.choices, default=Method.ASPECT_MEAN
    )
    f03_minimum = models.PositiveSmallIntegerField(_("tanggapan F-03 paling sedikit"), default=10)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("siklus evaluasi")
        verbose_name_plural = _("siklus evaluasi")
        ordering = ["-year", "scheme"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "scheme"],
                name="pekppp_cycle_unique_year_scheme",
                violation_error_message=_("Siklus dengan tahun dan skema ini sudah ada."),
            )
        ]

    def __str__(self) -> str:
        return f"PEKPPP {self.year} ({self.get_scheme_display()})"


class Lokus(models.Model):
    """A unit evaluated in a cycle (unit lokus), and where its evaluation stands."""

    class Variant(models.TextChoices):
        COUNTER = Indicator.Variant.COUNTER.value, _("Layanan luring (tatap muka)")
        ONLINE = Indicator.Variant.ONLINE.value, _("Layanan daring (elektronik)")

    class Stage(models.TextChoices):
        SELF_ASSESSMENT = "self_assessment", _("Penilaian mandiri")
        EVALUATION = "evaluation", _("Evaluasi")
        FINALISED = "finalised", _("Selesai dinilai")
        VALIDATED = "validated", _("Tervalidasi")

    cycle = models.ForeignKey(Cycle, verbose_name=_("siklus"), on_delete=models.CASCADE, related_name="lokus")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="pekppp_lokus"
    )
    variant = models.CharField(
        _("jenis layanan"), max_length=10, choices=Variant.choices, default=Variant.COUNTER
    )
    stage = models.CharField(_("tahap"), max_length=20, choices=Stage.choices, default=Stage.SELF_ASSESSMENT)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(_("divalidasi"), null=True, blank=True)

    class Meta:
        verbose_name = _("unit lokus")
        verbose_name_plural = _("unit lokus")
        ordering = ["cycle", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "unit"],
                name="pekppp_lokus_unique_unit",
                violation_error_message=_("Unit ini sudah menjadi lokus pada siklus ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.cycle}"

    def indicators(self) -> models.QuerySet[Indicator]:
        """The indicators this lokus is evaluated on (its variant's), by number."""
        return (
            Indicator.objects.filter(version_id=self.cycle.framework_version_id)
            .filter(variant__in=[Indicator.Variant.ALL, self.variant])
            .select_related("aspect")
            .order_by("number")
        )


class Assignment(models.Model):
    """An evaluator on some aspects of one lokus; several evaluators may split a unit's aspects."""

    lokus = models.ForeignKey(Lokus, on_delete=models.CASCADE, related_name="assignments")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.PROTECT, related_name="+"
    )
    # Aspect codes ("a".."f") of the cycle's framework version.
    aspects = models.JSONField(_("aspek"), default=list)

    class Meta:
        verbose_name = _("penugasan evaluator")
        verbose_name_plural = _("penugasan evaluator")
        ordering = ["lokus", "evaluator__username"]
        constraints = [
            models.UniqueConstraint(fields=["lokus", "evaluator"], name="pekppp_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} — {self.lokus.unit} ({', '.join(self.aspects)})"


class Score(models.Model):
    """An evaluator's level 0-5 for one indicator of one lokus (F-02), with its note; every change is
    audited with its reason."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        FINAL = "final", _("Final")

    lokus = models.ForeignKey(Lokus, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("nilai"))
    note = models.TextField(_("catatan"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    validated = models.BooleanField(_("tervalidasi"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nilai F-02")
        verbose_name_plural = _("nilai F-02")
        ordering = ["lokus", "indicator__number"]
        constraints = [
            models.UniqueConstraint(fields=["lokus", "indicator"], name="pekppp_score_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=0) & Q(level__lte=5),
                name="pekppp_score_level_0_5",
                violation_error_message=_("Nilai indikator harus 0 sampai 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lokus.unit} #{self.indicator.number}: {self.level}"
