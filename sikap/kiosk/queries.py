"""Reads of kiosk tablets and their receipts."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from sikap.kiosk.models import KioskDevice, KioskReceipt


def acknowledged_keys(device: KioskDevice, keys: list[uuid.UUID]) -> list[str]:
    """Of the rejected answers a tablet still lists, those an operator has seen (it may forget them)."""
    if not keys:
        return []
    rows = KioskReceipt.objects.filter(device=device, key__in=keys, acknowledged_at__isnull=False)
    return [str(key) for key in rows.values_list("key", flat=True)]


def open_rejections(device: KioskDevice) -> QuerySet[KioskReceipt]:
    """The tablet's rejected answers no operator has acknowledged yet, oldest answer first."""
    return device.receipts.filter(status=KioskReceipt.Status.REJECTED, acknowledged_at__isnull=True).order_by(
        "answered_at"
    )


def accepted_count(device: KioskDevice) -> int:
    return device.receipts.filter(status=KioskReceipt.Status.ACCEPTED).count()
