"""Registered kiosk tablets and what each sent: the credential's life, and one receipt per answer.

A tablet serves one public link (a unit, optionally one service, in one campaign). Its credential is a
long random secret shown to the tablet once, at pairing; the server keeps only its SHA-256
(`accounts.tokens.hash_key`, as for API tokens). Every answer a tablet sends leaves a `KioskReceipt`
under the answer's idempotency key: accepted (with its submission) or rejected (with the reason), so a
resent batch gets the same outcome and nothing is stored twice.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.instruments.models import PublicLink
from sikap.responses.models import Submission


class KioskDeviceQuerySet(models.QuerySet["KioskDevice"]):
    def in_units(self, units: models.QuerySet) -> KioskDeviceQuerySet:
        """The tablets of these units with what their list shows, newest first (one query)."""
        return (
            self.filter(link__unit__in=units)
            .select_related("link__unit", "link__service", "link__campaign__period", "created_by")
            .annotate(
                rejected_open=models.Count(
                    "receipts",
                    filter=models.Q(
                        receipts__status=KioskReceipt.Status.REJECTED, receipts__acknowledged_at__isnull=True
                    ),
                )
            )
            .order_by("-created_at")
        )


class KioskDevice(models.Model):
    """One tablet at a counter, registered by an operator, answering one public link offline-first."""

    link = models.ForeignKey(PublicLink, on_delete=models.PROTECT, related_name="kiosks")
    name = models.CharField(_("nama tablet"), max_length=80)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("didaftarkan"), default=timezone.now)
    # The one-time pairing code (hashed) the tablet opens to receive its credential, and until when.
    pairing_hash = models.CharField(max_length=64, blank=True, db_index=True)
    pairing_expires_at = models.DateTimeField(null=True, blank=True)
    credential_hash = models.CharField(max_length=64, blank=True, db_index=True)
    paired_at = models.DateTimeField(_("dipasangkan"), null=True, blank=True)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_reason = models.TextField(_("alasan pencabutan"), blank=True)
    last_contact_at = models.DateTimeField(_("kontak terakhir"), null=True, blank=True)
    last_queue_length = models.PositiveIntegerField(_("antrean terakhir"), default=0)

    objects = KioskDeviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tablet kios")
        verbose_name_plural = _("tablet kios")

    def __str__(self) -> str:
        return f"{self.name} ({self.link.unit})"

    def state(self, now: datetime.datetime | None = None) -> str:
        """ "revoked", "expired", "unpaired" or "active"."""
        moment = now or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= moment:
            return "expired"
        if not self.credential_hash:
            return "unpaired"
        return "active"


class KioskReceipt(models.Model):
    """The outcome of one answer a tablet sent, under its idempotency key: the same key, the same outcome."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Diterima")
        REJECTED = "rejected", _("Ditolak")

    device = models.ForeignKey(KioskDevice, on_delete=models.CASCADE, related_name="receipts")
    key = models.UUIDField(unique=True)
    answered_at = models.DateTimeField(_("waktu menjawab (tablet)"))
    received_at = models.DateTimeField(_("diterima server"), default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices)
    submission = models.OneToOneField(
        Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="kiosk_receipt"
    )
    # Why it was rejected: a reason code (`reasons.LABELS`) and the validator's details in both languages.
    reason = models.CharField(max_length=30, blank=True)
    details = models.JSONField(default=dict, blank=True)
    # The rejected answer as the tablet sent it, so the operator can see (and the unit can keep) it.
    payload = models.JSONField(default=dict, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tanda terima kios")
        verbose_name_plural = _("tanda terima kios")
        indexes = [models.Index(fields=["device", "status", "answered_at"])]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
