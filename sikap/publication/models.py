"""Which results a unit has made public: one row per unit and period, and where it stands in the workflow.

The workflow is data (`Publication.Status` and `STEPS`): an operator proposes, a leader of the unit or of a
unit above it approves (the results become public) or returns the proposal with a reason; a published
period may be withdrawn with a reason and proposed again. The row keeps who and when of the current
round's steps; the audit trail keeps every round.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sikap.organisation.models import Period, Unit


class PublicationQuerySet(models.QuerySet["Publication"]):
    def live(self) -> PublicationQuerySet:
        """Publications in force. Public pages read them only through `queries.published`."""
        return self.filter(status=Publication.Status.PUBLISHED)

    def waiting(self) -> PublicationQuerySet:
        """Proposals waiting for a leader's decision."""
        return self.filter(status=Publication.Status.PROPOSED)


class Publication(models.Model):
    """A unit's survey results for a period: proposed, returned, published (approved) or withdrawn."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Diajukan, menunggu persetujuan")
        RETURNED = "returned", _("Dikembalikan")
        PUBLISHED = "published", _("Terbit")
        WITHDRAWN = "withdrawn", _("Ditarik")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="publications"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="publications"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    proposed_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposal_note = models.TextField(_("catatan pengajuan"), blank=True)
    returned_at = models.DateTimeField(_("dikembalikan pada"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikembalikan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_reason = models.TextField(_("alasan pengembalian"), blank=True)
    # Approval is publication: the approver and the moment of approval are who and when it went public.
    published_at = models.DateTimeField(_("disetujui dan diterbitkan pada"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disetujui dan diterbitkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unpublished_at = models.DateTimeField(_("ditarik pada"), null=True, blank=True)
    unpublished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditarik oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("alasan penarikan"), blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publikasi hasil")
        verbose_name_plural = _("publikasi hasil")
        ordering = ["unit__path", "-period__start"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period"],
                name="publication_unique_unit_period",
                violation_error_message=_("Unit dan periode ini sudah memiliki catatan publikasi."),
            ),
            models.CheckConstraint(
                condition=Q(unpublished_at__isnull=True) | ~Q(note=""),
                name="publication_withdrawal_has_reason",
                violation_error_message=_("Penarikan hasil memerlukan alasan."),
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="publication_return_has_reason",
                violation_error_message=_("Pengembalian usulan memerlukan alasan."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False, unpublished_at__isnull=True),
                name="publication_published_has_its_time",
                violation_error_message=_("Publikasi yang terbit memerlukan waktu terbit dan belum ditarik."),
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | Q(unpublished_at__isnull=False),
                name="publication_withdrawn_has_its_time",
                violation_error_message=_("Publikasi yang ditarik memerlukan waktu penarikan."),
            ),
        ]
        indexes = [models.Index(fields=["status", "unit"], name="publication_status_unit")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def next_step(self) -> str:
        return str(STEPS[self.Status(self.status)])


# What happens next in each state, in words for the operators' page.
NOT_PROPOSED = _("Belum diterbitkan")
NOT_PROPOSED_STEP = _("Operator mengajukan penerbitan; pimpinan unit atau unit di atasnya menyetujuinya.")
STEPS = {
    Publication.Status.PROPOSED: _(
        "Menunggu keputusan pimpinan unit ini atau unit di atasnya: disetujui (terbit) atau dikembalikan."
    ),
    Publication.Status.RETURNED: _("Perbaiki sesuai alasan pengembalian, lalu ajukan kembali."),
    Publication.Status.PUBLISHED: _("Tampil di halaman publik. Dapat ditarik dengan alasan."),
    Publication.Status.WITHDRAWN: _("Tidak tampil di halaman publik. Dapat diajukan kembali."),
}
