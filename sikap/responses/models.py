"""What respondents sent: a submission per visit, a response per instrument version, an answer per element."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Count, ExpressionWrapper, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.instruments.models import Campaign, Element, InstrumentVersion, PublicLink
from sikap.internal.models import MIN_K
from sikap.organisation.models import Period, Service, Unit


def now() -> Any:
    """The current time, looked up when a row is made (so a frozen clock in tests applies)."""
    return timezone.now()


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def for_period(self, period: Period) -> SubmissionQuerySet:
        return self.filter(period=period)

    def counted(self, with_suspect: bool = False) -> SubmissionQuerySet:
        """The submissions an index counts: accepted ones, and suspect ones only when asked."""
        statuses = [Submission.Status.ACCEPTED]
        if with_suspect:
            statuses.append(Submission.Status.SUSPECT)
        return self.filter(status__in=statuses)

    def with_text_gate(self) -> SubmissionQuerySet:
        """Annotate `text_shown`: whether the submission's free text (suggestion, complaint, free-text
        fields) may be shown. The one rule for every page, report and export: a public submission's text
        always; an internal one's only where its unit has at least k respondents (not rejected) in its
        campaign (k the campaign's, never below 5). One correlated count per internal row, in the same
        query."""
        internal = Submission.Channel.INTERNAL
        peers = (
            Submission.objects.filter(campaign=OuterRef("campaign"), unit=OuterRef("unit"), channel=internal)
            .exclude(status=Submission.Status.REJECTED)
            .order_by()
            .values("campaign")
            .annotate(n=Count("pk"))
            .values("n")
        )
        k = Greatest(Coalesce(F("campaign__internal__k"), Value(MIN_K)), Value(MIN_K))
        shown = ~Q(channel=internal) | Q(text_peers__gte=k)
        return self.annotate(text_peers=Coalesce(Subquery(peers), Value(0))).annotate(
            text_shown=ExpressionWrapper(shown, output_field=models.BooleanField())
        )

    def text_shown(self) -> SubmissionQuerySet:
        """Only the submissions whose free text may be shown (`with_text_gate`): what lists of
        suggestions and complaints, their searches and summaries read."""
        return self.with_text_gate().filter(Q(text_shown=True))


class Submission(models.Model):
    """One respondent's visit: the profile, feedback and integrity signals shared by its responses."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Diterima")
        SUSPECT = "suspect", _("Diragukan")
        REJECTED = "rejected", _("Ditolak")

    class Channel(models.TextChoices):
        WEB = "web", _("Tautan / QR")
        KIOSK = "kiosk", _("Tablet di loket")
        PAPER = "paper", _("Kuesioner kertas")
        IMPORT = "import", _("Impor berkas")
        INTERNAL = "internal", _("Undangan survei internal")

    # The idempotency key rendered into each form: a second post of the same form is the same submission.
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="submissions")
    link = models.ForeignKey(
        PublicLink, null=True, blank=True, on_delete=models.PROTECT, related_name="submissions"
    )
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="submissions")
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="submissions"
    )
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    # An internal (invited) submission keeps only the day, at midnight: no time that could be joined.
    created_at = models.DateTimeField(_("waktu kirim"), default=now, db_index=True)
    answered_on = models.DateField(_("tanggal pengisian"))
    duration_seconds = models.PositiveIntegerField(_("lama pengisian (detik)"), null=True, blank=True)
    language = models.CharField(_("bahasa"), max_length=5, default="id")

    # Keyed hashes that rotate per period: enough to spot repeats, useless for identifying anyone.
    device_hash = models.CharField(max_length=64, blank=True, db_index=True)
    network_hash = models.CharField(max_length=64, blank=True, db_index=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACCEPTED)
    # Every integrity signal measured at submission; `reasons` lists those that made it suspect.
    signals = models.JSONField(_("sinyal integritas"), default=dict, blank=True)
    reasons = models.JSONField(_("alasan diragukan"), default=list, blank=True)
    verified = models.BooleanField(_("terverifikasi kode layanan"), default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.TextField(_("alasan keputusan"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    age = models.PositiveSmallIntegerField(_("usia"), null=True, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=20, blank=True)
    education = models.CharField(_("pendidikan"), max_length=40, blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=40, blank=True)
    extra = models.JSONField(_("isian tambahan"), default=dict, blank=True)
    suggestion = models.TextField(_("saran"), blank=True)
    complaint = models.TextField(_("pengaduan"), blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiriman responden")
        verbose_name_plural = _("kiriman responden")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "period", "status"], name="submission_unit_period"),
            models.Index(fields=["network_hash", "created_at"], name="submission_network_recent"),
            models.Index(fields=["device_hash", "created_at"], name="submission_device_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(age__isnull=True) | (Q(age__gte=10) & Q(age__lte=120)),
                name="submission_age_plausible",
                violation_error_message=_("Usia harus antara 10 dan 120 tahun."),
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.unit} {self.answered_on}"


class Response(models.Model):
    """The answers of one submission to one instrument version."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="responses")

    class Meta:
        verbose_name = _("jawaban instrumen")
        verbose_name_plural = _("jawaban instrumen")
        constraints = [
            models.UniqueConstraint(fields=["submission", "version"], name="response_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}/{self.version}"


class Answer(models.Model):
    """One element's score (and importance, where asked) in a response, or "not applicable / don't know".

    A score is a value on the version's scale (0..10 here; the version's own range is checked by
    `validation.clean_score`). "Tidak berlaku / tidak tahu", where the element allows it, is a state of
    its own: `not_applicable` with no value and no importance, so no sum or count of values can take it
    for a score.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(_("nilai"), null=True, blank=True)
    not_applicable = models.BooleanField(_("tidak berlaku / tidak tahu"), default=False)
    importance = models.PositiveSmallIntegerField(_("tingkat kepentingan"), null=True, blank=True)

    class Meta:
        verbose_name = _("jawaban unsur")
        verbose_name_plural = _("jawaban unsur")
        constraints = [
            models.UniqueConstraint(fields=["response", "element"], name="answer_unique_element"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (Q(value__gte=0) & Q(value__lte=10)),
                name="answer_value_on_a_scale",
                violation_error_message=_("Nilai jawaban harus berada pada skala instrumen."),
            ),
            models.CheckConstraint(
                condition=(Q(not_applicable=False) & Q(value__isnull=False))
                | (Q(not_applicable=True) & Q(value__isnull=True) & Q(importance__isnull=True)),
                name="answer_score_or_not_applicable",
                violation_error_message=_(
                    "Jawaban berisi nilai atau “tidak berlaku / tidak tahu”, tidak keduanya."
                ),
            ),
            models.CheckConstraint(
                condition=Q(importance__isnull=True) | (Q(importance__gte=1) & Q(importance__lte=10)),
                name="answer_importance_on_a_scale",
                violation_error_message=_("Nilai kepentingan harus berada pada skala instrumen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element.code}={'TT' if self.not_applicable else self.value}"


class ServiceCode(models.Model):
    """A one-time code printed on a service receipt; a response carrying it is marked verified."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="service_codes")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="service_codes")
    code = models.CharField(_("kode"), max_length=12, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    used_by = models.OneToOneField(
        Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="service_code"
    )

    class Meta:
        verbose_name = _("kode layanan")
        verbose_name_plural = _("kode layanan")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.code


class ImportJob(models.Model):
    """A response import too large for a web request, checked and stored by the background worker all or
    nothing, as the request would. The file waits in the database (any app server may take the upload,
    any worker run the job) and is emptied when the job ends: it may hold respondents' answers."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        RUNNING = "running", _("Sedang diimpor")
        DONE = "done", _("Selesai")
        REFUSED = "refused", _("Ditolak, tidak ada yang disimpan")
        FAILED = "failed", _("Gagal")

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    service_name = models.CharField(max_length=200, blank=True)
    instrument_codes = models.JSONField(default=list, blank=True)
    filename = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField(default=0)
    content = models.BinaryField(default=b"", blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    percent = models.PositiveSmallIntegerField(default=0)
    rows_read = models.PositiveIntegerField(default=0)
    # When ended: stored, skipped, warnings, blanks [(column, rows)], problems [(row, column, message)].
    outcome = models.JSONField(default=dict, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tugas impor jawaban")
        verbose_name_plural = _("tugas impor jawaban")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__lte=100),
                name="import_job_percent_max_100",
                violation_error_message=_("Kemajuan paling tinggi 100 persen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def ended(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.REFUSED, self.Status.FAILED)
