"""Report jobs (a report built in the background, its progress and its file), and what makes a report
official: the ministry's letterhead (name and logo) and each unit's signer."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sikap.organisation.models import Period, Service, Unit
from sikap.reports.logo import validate_logo


class ReportJob(models.Model):
    """One requested report, or a large export of raw responses: what, for whom, how far, and the file.

    An export's file holds respondents' answers (and free text, unless left out): only the user who
    asked for it may see the job or download it.
    """

    class Kind(models.TextChoices):
        SKM = "skm", _("Laporan SKM")
        SPKP_SPAK = "spkp-spak", _("Laporan SPKP/SPAK")
        RESPONSES = "responses", _("Data jawaban (anonim)")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "XLSX"
        SAV = "sav", "SPSS (.sav)"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    kind = models.CharField(_("jenis laporan"), max_length=12, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, verbose_name=_("periode"), on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(
        Service, verbose_name=_("layanan"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subtree = models.BooleanField(_("termasuk unit di bawahnya"), default=False)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    percent = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    file = models.FileField(_("berkas"), upload_to="reports/%Y/", max_length=255, blank=True)
    error = models.TextField(_("galat"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # An export's choices: instrument code ("" = all), statuses, free_text.
    options = models.JSONField(_("pilihan"), default=dict, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("tugas laporan")
        verbose_name_plural = _("tugas laporan")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__lte=100),
                name="report_job_percent_max_100",
                violation_error_message=_("Kemajuan paling tinggi 100 persen."),
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file=""),
                name="report_job_done_has_file",
                violation_error_message=_("Tugas yang selesai harus memiliki berkas."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} {self.period} ({self.get_status_display()})"

    @property
    def is_export(self) -> bool:
        return self.kind == self.Kind.RESPONSES

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Letterhead(models.Model):
    """The ministry's name and logo on every report's cover: one row, changed by central admins only."""

    ministry_name = models.CharField(_("nama kementerian"), max_length=200, blank=True)
    ministry_name_en = models.CharField(_("nama kementerian (Inggris)"), max_length=200, blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to="letterhead/%Y/",
        max_length=255,
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG, JPEG atau SVG, paling besar 1 MB."),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("kop laporan")
        verbose_name_plural = _("kop laporan")

    def __str__(self) -> str:
        return self.ministry_name or str(_("Kop laporan"))


NIP_PATTERN = r"^\d{18}$"


class Signer(models.Model):
    """Who signs a unit's reports (the unit head): name, NIP, position and the place written by the date."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="report_signer"
    )
    name = models.CharField(_("nama"), max_length=200)
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        validators=[RegexValidator(NIP_PATTERN, _("NIP terdiri atas 18 angka tanpa spasi atau tanda baca."))],
        help_text=_("Nomor Induk Pegawai, 18 angka."),
    )
    position = models.CharField(_("jabatan"), max_length=200, help_text=_("Misalnya Kepala Kantor Wilayah."))
    place = models.CharField(
        _("tempat"), max_length=100, help_text=_("Kota penandatanganan, misalnya Jakarta.")
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("penanda tangan laporan")
        verbose_name_plural = _("penanda tangan laporan")
        constraints = [
            models.CheckConstraint(
                condition=Q(nip__regex=NIP_PATTERN),
                name="report_signer_nip_18_digits",
                violation_error_message=_("NIP terdiri atas 18 angka tanpa spasi atau tanda baca."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"
