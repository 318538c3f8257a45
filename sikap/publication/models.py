"""Which results a unit has made public: one row per unit and period, published or withdrawn."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sikap.organisation.models import Period, Unit


class PublicationQuerySet(models.QuerySet["Publication"]):
    def live(self) -> PublicationQuerySet:
        """Publications in force. Public pages read them only through `queries.published`."""
        return self.filter(unpublished_at__isnull=True)


class Publication(models.Model):
    """A unit's survey results for a period, published (or withdrawn) by an operator or admin."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="publications"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="publications"
    )
    published_at = models.DateTimeField(_("diterbitkan pada"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set while withdrawn; publishing again clears it (the audit trail keeps every change).
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
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    @property
    def is_live(self) -> bool:
        return self.unpublished_at is None
