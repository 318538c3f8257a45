"""The only code that changes the organisation: units, periods, services and user counts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from sikap.audit.actions import record, snapshot
from sikap.organisation.models import Period, Province, Service, ServiceUserCount, Unit

UNIT_FIELDS = ["parent_id", "kind", "code", "name", "active", "path"]
SERVICE_FIELDS = ["unit_id", "year", "name", "category", "channel", "active"]


def _unit_state(unit: Unit) -> dict[str, Any]:
    state = snapshot(unit, UNIT_FIELDS)
    state["provinces"] = sorted(unit.provinces.values_list("code", flat=True)) if unit.pk else []
    return state


@transaction.atomic
def create_unit(
    actor: Any,
    *,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None = None,
    provinces: Iterable[Province] = (),
    active: bool = True,
) -> Unit:
    """Add a unit under `parent` (or as a root) and place it in the tree."""
    unit = Unit(code=code, name=name, kind=kind, parent=parent, active=active)
    unit.full_clean(exclude=["path", "depth"])
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    unit.provinces.set(provinces)
    record(actor, "unit.create", unit, after=_unit_state(unit))
    return unit


@transaction.atomic
def update_unit(
    actor: Any,
    unit: Unit,
    *,
    provinces: Iterable[Province] | None = None,
    **changes: Any,
) -> Unit:
    """Change a unit's fields; a new parent moves the whole subtree with it."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = _unit_state(unit)
    old_path, old_depth = unit.path, unit.depth
    for field, value in changes.items():
        setattr(unit, field, value)
    new_parent = unit.parent
    if new_parent is not None and new_parent.path.startswith(old_path):
        raise ValidationError({"parent": _("Unit tidak dapat dipindahkan ke bawah dirinya sendiri.")})
    unit.full_clean(exclude=["path", "depth"])
    unit.path = f"{new_parent.path if new_parent else '/'}{unit.pk}/"
    unit.depth = new_parent.depth + 1 if new_parent else 0
    unit.save()
    if unit.path != old_path:
        # Re-root every descendant in one UPDATE: new prefix + the part of the path after the old prefix.
        Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
            path=Concat(Value(unit.path), Substr("path", len(old_path) + 1)),
            depth=F("depth") + (unit.depth - old_depth),
        )
    if provinces is not None:
        unit.provinces.set(provinces)
    after = _unit_state(unit)
    if after != before:
        record(actor, "unit.update", unit, before=before, after=after)
    return unit


@transaction.atomic
def create_period(actor: Any, *, name: str, kind: str, start: Any, end: Any) -> Period:
    """Add a reporting period."""
    period = Period(name=name, kind=kind, start=start, end=end)
    period.full_clean()
    period.save()
    record(actor, "period.create", period, after=snapshot(period))
    return period


@transaction.atomic
def save_service(actor: Any, service: Service) -> Service:
    """Create or change a catalogue entry after validating it."""
    before = snapshot(Service.objects.get(pk=service.pk), SERVICE_FIELDS) if service.pk else None
    service.full_clean()
    service.save()
    after = snapshot(service, SERVICE_FIELDS)
    if after != before:
        record(actor, "service.update" if before else "service.create", service, before=before, after=after)
    return service


@transaction.atomic
def copy_catalogue(actor: Any, unit: Unit, *, from_year: int, to_year: int) -> list[Service]:
    """Start a year's service mapping from the previous year's active services."""
    existing = set(unit.services.filter(year=to_year).values_list("name", "channel"))
    created = []
    for old in unit.services.filter(year=from_year, active=True):
        if (old.name, old.channel) in existing:
            continue
        new = Service(unit=unit, year=to_year, name=old.name, category=old.category, channel=old.channel)
        created.append(save_service(actor, new))
    return created


@transaction.atomic
def set_user_count(
    actor: Any, service: Service, period: Period, users: int, source: str = ""
) -> ServiceUserCount:
    """Record how many people used a service in a period (replacing an earlier figure)."""
    if users < 0:
        raise ValidationError({"users": _("Jumlah pengguna layanan tidak boleh negatif.")})
    count = ServiceUserCount.objects.select_for_update().filter(service=service, period=period).first()
    before = snapshot(count, ["users", "source"]) if count else None
    if count is None:
        count = ServiceUserCount(service=service, period=period)
    count.users, count.source = users, source
    count.full_clean()
    count.save()
    after = snapshot(count, ["users", "source"])
    if after != before:
        record(actor, "service_user_count.set", count, before=before, after=after)
    return count
