"""The only code that changes targets and the holiday calendar."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.audit.actions import record, snapshot
from sikap.audit.actors import Actor, user_or_none
from sikap.indices.models import Holiday, TargetOverride
from sikap.organisation.models import Period, Unit

OVERRIDE_FIELDS = ["unit_id", "service_key", "period_id", "minimum", "reason", "set_by_id"]
HOLIDAY_FIELDS = ["date", "name"]


@transaction.atomic
def set_target_override(
    actor: Actor,
    unit: Unit,
    period: Period,
    minimum: int,
    reason: str,
    service_key: int = 0,
) -> TargetOverride:
    """Set an admin's own minimum sample for a unit (service_key 0: the whole unit) in a period."""
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Alasan wajib diisi untuk target khusus.")
    if minimum is None or int(minimum) < 1:
        errors["minimum"] = _("Jumlah minimal responden harus paling sedikit 1.")
    if errors:
        raise ValidationError(errors)
    current = (
        TargetOverride.objects.select_for_update()
        .filter(unit=unit, period=period, service_key=service_key)
        .first()
    )
    before = snapshot(current, OVERRIDE_FIELDS) if current is not None else None
    override = current or TargetOverride(unit=unit, period=period, service_key=service_key)
    override.minimum = int(minimum)
    override.reason = reason
    override.set_by = user_or_none(actor)
    override.save()
    record(
        actor,
        "target_override.set",
        override,
        before=before,
        after=snapshot(override, OVERRIDE_FIELDS),
        reason=reason,
    )
    return override


@transaction.atomic
def clear_target_override(
    actor: Actor, unit: Unit, period: Period, service_key: int = 0, reason: str = ""
) -> bool:
    """Return a unit to its computed target; False when it had no override."""
    current = (
        TargetOverride.objects.select_for_update()
        .filter(unit=unit, period=period, service_key=service_key)
        .first()
    )
    if current is None:
        return False
    before = snapshot(current, OVERRIDE_FIELDS)
    record(actor, "target_override.clear", current, before=before, reason=reason)
    current.delete()
    return True


@transaction.atomic
def save_holiday(actor: Actor, date: datetime.date, name: str, holiday: Holiday | None = None) -> Holiday:
    """Add a holiday, or correct one (its date or name); the daily targets follow at once."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama hari libur wajib diisi.")})
    before = snapshot(holiday, HOLIDAY_FIELDS) if holiday is not None and holiday.pk else None
    holiday = holiday or Holiday()
    holiday.date, holiday.name = date, name
    holiday.full_clean()
    holiday.save()
    record(
        actor,
        "holiday.update" if before else "holiday.create",
        holiday,
        before=before,
        after=snapshot(holiday, HOLIDAY_FIELDS),
    )
    return holiday


@transaction.atomic
def delete_holiday(actor: Actor, holiday: Holiday) -> None:
    record(actor, "holiday.delete", holiday, before=snapshot(holiday, HOLIDAY_FIELDS))
    holiday.delete()
