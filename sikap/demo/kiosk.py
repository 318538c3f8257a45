"""The demo's kiosk tablet: one registered for BHP Jakarta's counter, so a new user sees one on the unit
operator's kiosk page and pairs a real tablet (or a browser tab) with "Buat tautan pemasangan baru"."""

from __future__ import annotations

from sikap.accounts.models import User
from sikap.instruments.models import Campaign, PublicLink
from sikap.kiosk import actions
from sikap.kiosk.models import KioskDevice

UNIT = "bhp-jakarta"
OPERATOR = "operator.bhp.jakarta"
NAME = "Loket 1"


def load_kiosk() -> int:
    """Register the demo tablet once (through the action, by the unit's operator); how many were made."""
    operator = User.objects.filter(username=OPERATOR).first()
    link = (
        PublicLink.objects.filter(
            unit__code=UNIT, service__isnull=True, active=True, campaign__status=Campaign.Status.OPEN
        )
        .select_related("campaign")
        .order_by("-campaign__period__start")
        .first()
    )
    if operator is None or link is None or KioskDevice.objects.filter(link__unit__code=UNIT).exists():
        return 0
    actions.register(operator, link, NAME)  # its pairing code is not kept: the page makes a new one
    return 1
