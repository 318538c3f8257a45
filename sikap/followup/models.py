"""Follow-up plans (rencana tindak lanjut): what a unit does about weak elements and users' feedback."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from sikap.followup.evidence import UPLOAD_TO, validate_evidence
from sikap.instruments.profile import in_language
from sikap.organisation.models import Period, Unit
from sikap.responses.models import Submission


class FollowUpItemQuerySet(models.QuerySet["FollowUpItem"]):
    def for_unit(self, unit: Unit, period: Period) -> FollowUpItemQuerySet:
        return self.filter(unit=unit, period=period)

    def open(self) -> FollowUpItemQuerySet:
        return self.filter(status__in=FollowUpItem.OPEN_STATUSES)

    def overdue(self, today: datetime.date) -> FollowUpItemQuerySet:
        """Open items whose deadline has passed."""
        return self.open().filter(deadline__lt=today)

    def with_overdue(self, today: datetime.date) -> FollowUpItemQuerySet:
        """Annotate `is_overdue`, so templates need not know today's date or the open statuses."""
        late = Q(deadline__lt=today, status__in=FollowUpItem.OPEN_STATUSES)
        return self.annotate(
            is_overdue=Case(
                When(late, then=Value(True)), default=Value(False), output_field=models.BooleanField()
            )
        )


class FollowUpItem(models.Model):
    """One planned action of a unit's follow-up plan for a period, answering a weak element or feedback."""

    class Source(models.TextChoices):
        ELEMENT = "element", _("Unsur survei")
        FEEDBACK = "feedback", _("Pengaduan / saran")
        PEKPPP = "pekppp", _("Rekomendasi evaluasi PEKPPP")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Direncanakan")
        IN_PROGRESS = "in_progress", _("Dalam proses")
        DONE = "done", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="followup_items"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="followup_items"
    )
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    # Copied when the item is made, so the plan still reads right after the instrument changes.
    element_code = models.CharField(_("kode unsur"), max_length=20, blank=True)
    element_name = models.CharField(_("nama unsur"), max_length=200, blank=True)
    element_name_en = models.CharField(_("nama unsur (Inggris)"), max_length=200, blank=True)
    element_mean = models.DecimalField(
        _("rata-rata unsur saat dibuat"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("kiriman responden"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followup_items",
    )
    action = models.TextField(_("rencana aksi"))
    owner = models.CharField(
        _("penanggung jawab"), max_length=200, blank=True, help_text=_("Nama pejabat atau jabatan.")
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followup_items",
    )
    deadline = models.DateField(_("tenggat"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    evidence = models.FileField(
        _("berkas bukti"),
        upload_to=UPLOAD_TO,
        max_length=255,
        blank=True,
        validators=[validate_evidence],
        help_text=_("PDF, JPG, PNG, DOCX atau XLSX, paling besar 10 MB."),
    )
    notes = models.TextField(_("catatan"), blank=True)
    # Shown in the public "you said, we did" list once done; only the action ever appears there.
    public = models.BooleanField(_("tampilkan di 'Anda berkata, kami bertindak'"), default=True)
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    # The clock of "time to completion": when the item was planned, or when the feedback arrived.
    started_at = models.DateTimeField(_("mulai dihitung"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    objects = FollowUpItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("butir tindak lanjut")
        verbose_name_plural = _("rencana tindak lanjut")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["unit", "period", "status"], name="followup_unit_period")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(source="element") & ~Q(element_code="") & Q(submission__isnull=True))
                | (Q(source="feedback") & Q(submission__isnull=False))
                | (Q(source="pekppp") & Q(submission__isnull=True)),
                name="followup_source_complete",
                violation_error_message=_(
                    "Butir dari unsur memerlukan kode unsur; butir dari masukan memerlukan kiriman responden."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="done", completed_at__isnull=False)
                | (~Q(status="done") & Q(completed_at__isnull=True)),
                name="followup_completed_when_done",
                violation_error_message=_("Tanggal selesai diisi jika dan hanya jika status Selesai."),
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="followup_cancel_has_reason",
                violation_error_message=_("Pembatalan memerlukan alasan."),
            ),
            models.UniqueConstraint(
                fields=["submission"],
                condition=Q(submission__isnull=False),
                name="followup_one_item_per_submission",
                violation_error_message=_("Masukan ini sudah memiliki butir tindak lanjut."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period}: {self.topic}"

    def display_element_name(self) -> str:
        """The element's name as copied, in the reader's language."""
        return in_language(self.element_name, self.element_name_en)

    @property
    def topic(self) -> str:
        """What the item answers, without ever quoting a respondent."""
        if self.source == self.Source.ELEMENT:
            return f"{self.element_code} {self.display_element_name()}".strip()
        if self.source == self.Source.PEKPPP:
            return str(_("Rekomendasi PEKPPP"))
        return str(_("Masukan #%(pk)s") % {"pk": self.submission_id})

    @property
    def days_to_complete(self) -> float | None:
        if self.completed_at is None:
            return None
        return (self.completed_at - self.started_at).total_seconds() / 86400


class FeedbackReply(models.Model):
    """The unit's answer to a respondent's complaint or suggestion."""

    submission = models.OneToOneField(
        Submission,
        verbose_name=_("kiriman responden"),
        on_delete=models.PROTECT,
        related_name="followup_reply",
    )
    text = models.TextField(_("jawaban"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dijawab oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("dijawab pada"))

    class Meta:
        verbose_name = _("jawaban atas masukan")
        verbose_name_plural = _("jawaban atas masukan")
        ordering = ["-answered_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="followup_reply_not_blank",
                violation_error_message=_("Jawaban tidak boleh kosong."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Jawaban untuk kiriman #%(pk)s") % {"pk": self.submission_id})
