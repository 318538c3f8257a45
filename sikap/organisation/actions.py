"""The only code that changes the organisation: provinces, units, periods, services and user counts."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CheckConstraint, F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from sikap.audit.actions import delete_recorded, record, snapshot
from sikap.audit.actors import Actor, actor_name, user_or_none
from sikap.audit.models import AuditEvent
from sikap.organisation.models import Period, Province, Service, ServiceUserCount, Unit
from sikap.organisation.rules import DEFAULT_INTEGRITY

UNIT_FIELDS = ["parent_id", "kind", "code", "name", "active", "path"]
SERVICE_FIELDS = ["unit_id", "year", "name", "category", "channel", "active"]
COUNT_FIELDS = ["users", "source"]


def _unit_state(unit: Unit) -> dict[str, Any]:
    state = snapshot(unit, UNIT_FIELDS)
    state["provinces"] = sorted(unit.provinces.values_list("code", flat=True)) if unit.pk else []
    return state


@transaction.atomic
def create_unit(
    actor: Actor,
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
    actor: Actor,
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
def delete_units(actor: Actor, units: Iterable[Unit]) -> int:
    """Delete units, deepest first; a unit still in use (subunits, services, answers) is refused."""
    ordered = sorted(units, key=lambda unit: -unit.depth)
    return delete_recorded(actor, "unit.delete", ordered, _unit_state)


@transaction.atomic
def save_province(actor: Actor, province: Province) -> Province:
    """Create or change a province after validating it."""
    before = snapshot(Province.objects.get(pk=province.pk)) if province.pk else None
    province.full_clean()
    province.save()
    after = snapshot(province)
    if after != before:
        record(
            actor, "province.update" if before else "province.create", province, before=before, after=after
        )
    return province


def _province_state(province: Province) -> dict[str, Any]:
    state = snapshot(province)
    state["units"] = sorted(province.units.values_list("code", flat=True))
    return state


@transaction.atomic
def delete_provinces(actor: Actor, provinces: Iterable[Province]) -> int:
    """Delete provinces; the units placed in them keep their other provinces."""
    return delete_recorded(actor, "province.delete", provinces, _province_state)


@transaction.atomic
def create_period(actor: Actor, *, name: str, kind: str, start: Any, end: Any) -> Period:
    """Add a reporting period."""
    return save_period(actor, Period(name=name, kind=kind, start=start, end=end))


PERIOD_RULE_FIELDS = ["target_method", "target_margin", "target_floor", "integrity_rules", "regional_weights"]


@transaction.atomic
def save_period(actor: Actor, period: Period) -> Period:
    """Create or change a reporting period after validating it. A new period takes today's default
    rules; an existing one keeps its rules, which change only through `set_period_rules`."""
    before = None
    if period.pk:
        stored = Period.objects.select_for_update().get(pk=period.pk)
        before = snapshot(stored)
        for name in PERIOD_RULE_FIELDS:
            setattr(period, name, getattr(stored, name))
    period.full_clean()
    period.save()
    after = snapshot(period)
    if after != before:
        record(actor, "period.update" if before else "period.create", period, before=before, after=after)
    return period


@transaction.atomic
def set_period_rules(actor: Actor, period: Period, *, reason: str, **changes: Any) -> Period:
    """Change the rules that produce a period's figures (minimum-sample method, margin and floor;
    integrity rules; regional weights), with a reason. An ended period refuses: what it reported stays."""
    stored = Period.objects.select_for_update().get(pk=period.pk)
    unknown = set(changes) - set(PERIOD_RULE_FIELDS)
    if unknown:
        raise ValidationError(_("Aturan tidak dikenal: %(names)s") % {"names": ", ".join(sorted(unknown))})
    if stored.has_ended():
        raise ValidationError(
            _(
                "Periode %(period)s sudah berakhir: aturannya tidak dapat diubah agar angka yang sudah "
                "dilaporkan tetap sama."
            )
            % {"period": stored.name}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan perubahan aturan.")})
    before = snapshot(stored, PERIOD_RULE_FIELDS)
    for name, value in changes.items():
        setattr(stored, name, value)
    _check_rules(stored)
    stored.full_clean()
    stored.save(update_fields=list(changes))
    after = snapshot(stored, PERIOD_RULE_FIELDS)
    if after != before:
        record(actor, "period.rules", stored, before=before, after=after, reason=reason)
    period.__dict__.update({name: getattr(stored, name) for name in PERIOD_RULE_FIELDS})
    return stored


def _check_rules(period: Period) -> None:
    errors: dict[str, Any] = {}
    margin = Decimal(str(period.target_margin))
    if not Decimal("0") < margin <= Decimal("0.5"):
        errors["target_margin"] = _("Tingkat kesalahan harus lebih dari 0 dan paling besar 0,5.")
    if period.target_floor < 1:
        errors["target_floor"] = _("Responden paling sedikit minimal 1.")
    rules = period.integrity_rules
    if not isinstance(rules, dict) or set(rules) - set(DEFAULT_INTEGRITY):
        errors["integrity_rules"] = _("Aturan integritas hanya boleh memuat: %(names)s") % {
            "names": ", ".join(DEFAULT_INTEGRITY)
        }
    elif any(
        not isinstance(value, type(DEFAULT_INTEGRITY[name])) or (isinstance(value, int) and value < 0)
        for name, value in rules.items()
    ):
        errors["integrity_rules"] = _(
            "Nilai aturan integritas harus bilangan bulat tidak negatif (atau ya/tidak)."
        )
    weights = period.regional_weights
    if not isinstance(weights, dict) or any(
        isinstance(w, bool) or not isinstance(w, int | float) or w < 0 for w in weights.values()
    ):
        errors["regional_weights"] = _("Bobot wilayah berupa kode unit dengan bobot angka tidak negatif.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def delete_periods(actor: Actor, periods: Iterable[Period]) -> int:
    """Delete periods; a period with campaigns, answers or user counts is refused."""
    return delete_recorded(actor, "period.delete", periods)


@transaction.atomic
def save_service(actor: Actor, service: Service) -> Service:
    """Create or change a catalogue entry after validating it."""
    before = snapshot(Service.objects.get(pk=service.pk), SERVICE_FIELDS) if service.pk else None
    service.full_clean()
    service.save()
    after = snapshot(service, SERVICE_FIELDS)
    if after != before:
        record(actor, "service.update" if before else "service.create", service, before=before, after=after)
    return service


@transaction.atomic
def delete_services(actor: Actor, services: Iterable[Service]) -> int:
    """Delete catalogue entries (their user counts go with them); an entry with answers is refused."""
    return delete_recorded(actor, "service.delete", services, _service_state)


def _service_state(service: Service) -> dict[str, Any]:
    return snapshot(service, SERVICE_FIELDS)


@transaction.atomic
def copy_catalogue(actor: Actor, unit: Unit, *, from_year: int, to_year: int) -> list[Service]:
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
    actor: Actor, service: Service, period: Period, users: int, source: str = ""
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


@transaction.atomic
def delete_user_counts(actor: Actor, counts: Iterable[ServiceUserCount]) -> int:
    """Remove recorded service-user figures for a service and period."""
    return delete_recorded(actor, "service_user_count.delete", counts, _count_state)


def _count_state(count: ServiceUserCount) -> dict[str, Any]:
    return snapshot(count, ["service_id", "period_id", *COUNT_FIELDS])


# --- bulk: many catalogue entries or user counts in one transaction (loaders and imports) -------------------

RowErrors = list[tuple[int, ValidationError]]


def _audit_events(
    actor: Actor, action: str, rows: Iterable[tuple[Any, dict[str, Any] | None, dict[str, Any]]]
) -> list[AuditEvent]:
    """One audit row per (object, before, after), shaped exactly as `record` writes them."""
    user, name = user_or_none(actor), actor_name(actor)
    return [
        AuditEvent(
            actor=user,
            actor_name=name,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            before=before,
            after=after,
        )
        for obj, before, after in rows
    ]


def _raise_row_errors(errors: RowErrors) -> None:
    """One ValidationError naming every bad row (1-based), so a loader can report them all at once."""
    if errors:
        raise ValidationError(
            [
                _("Baris %(row)d: %(message)s") % {"row": row, "message": "; ".join(error.messages)}
                for row, error in errors
            ]
        )


def _check_constraints(obj: Any, row: int, errors: RowErrors, seen: dict[tuple[Any, ...], bool]) -> None:
    """The model's check constraints, asked of the database once per distinct value of their fields.

    (`full_clean` would run one query per row and constraint; a batch repeats the same few values.)
    """
    for constraint in type(obj)._meta.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        names = sorted(Q(constraint.condition).referenced_base_fields)
        key = (constraint.name, *(getattr(obj, obj._meta.get_field(n).attname) for n in names))
        if key not in seen:
            try:
                constraint.validate(type(obj), obj)  # type: ignore[attr-defined]  # absent from django-stubs
                seen[key] = True
            except ValidationError:
                seen[key] = False
        if not seen[key]:
            errors.append((row, ValidationError(constraint.get_violation_error_message())))


@transaction.atomic
def create_services(actor: Actor, services: Iterable[Service]) -> list[Service]:
    """Add many new catalogue entries at once: each row validated, one insert, one audit row per entry.

    The same rules and audit rows ("service.create") as `save_service` for a new entry, checked for the
    whole batch before anything is written: one bad row stops the batch and every bad row is reported.
    """
    services = list(services)
    errors: RowErrors = []
    unit_ids = {s.unit_id for s in services}
    known_units = set(Unit.objects.filter(pk__in=unit_ids).values_list("pk", flat=True))
    taken = set(
        Service.objects.filter(unit_id__in=unit_ids, year__in={s.year for s in services}).values_list(
            "unit_id", "year", "name", "channel"
        )
    )
    checked: dict[tuple[Any, ...], bool] = {}
    for row, service in enumerate(services, start=1):
        if service.pk is not None:
            errors.append((row, ValidationError(_("Layanan ini sudah tersimpan."))))
            continue
        try:
            # The unit, uniqueness and check constraints are checked for the whole batch below.
            service.full_clean(exclude=["unit"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors.append((row, error))
        if service.unit_id not in known_units:
            errors.append((row, ValidationError(_("Unit tidak dikenal."))))
        _check_constraints(service, row, errors, checked)
        key = (service.unit_id, service.year, service.name, service.channel)
        if key in taken:
            errors.append(
                (row, ValidationError(_("Layanan ini sudah terdaftar untuk unit, tahun dan kanal tersebut.")))
            )
        taken.add(key)
    _raise_row_errors(errors)
    created = Service.objects.bulk_create(services, batch_size=500)
    events = _audit_events(actor, "service.create", ((s, None, snapshot(s, SERVICE_FIELDS)) for s in created))
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    return created


UserCountRow = tuple[Service, Period, int, str]  # service, period, users, source


@transaction.atomic
def set_user_counts(actor: Actor, rows: Iterable[UserCountRow]) -> list[ServiceUserCount]:
    """Record many (service, period, users, source) figures at once, replacing earlier ones.

    The same rules and audit rows ("service_user_count.set", with before and after) as `set_user_count`,
    with one read of the stored figures, one insert, one update and one audit insert for the batch.
    Unchanged figures write nothing. Returns the batch's counts, stored or already as given.
    """
    rows = list(rows)
    errors: RowErrors = []
    service_ids = {row[0].pk for row in rows}
    period_ids = {row[1].pk for row in rows}
    known_services = set(Service.objects.filter(pk__in=service_ids).values_list("pk", flat=True))
    known_periods = set(Period.objects.filter(pk__in=period_ids).values_list("pk", flat=True))
    stored = {
        (c.service_id, c.period_id): c
        for c in ServiceUserCount.objects.select_for_update().filter(
            service_id__in=service_ids, period_id__in=period_ids
        )
    }
    seen: set[tuple[int, int]] = set()
    counts: list[tuple[ServiceUserCount, dict[str, Any] | None]] = []
    for row, (service, period, users, source) in enumerate(rows, start=1):
        key = (service.pk, period.pk)
        if service.pk not in known_services or period.pk not in known_periods:
            errors.append((row, ValidationError(_("Layanan atau periode tidak dikenal."))))
            continue
        if key in seen:
            errors.append((row, ValidationError(_("Layanan dan periode ini muncul dua kali."))))
            continue
        seen.add(key)
        if users < 0:
            errors.append((row, ValidationError(_("Jumlah pengguna layanan tidak boleh negatif."))))
            continue
        count = stored.get(key) or ServiceUserCount(service=service, period=period)
        before = snapshot(count, COUNT_FIELDS) if count.pk else None
        count.users, count.source = users, source
        try:
            count.full_clean(exclude=["service", "period"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors.append((row, error))
        counts.append((count, before))
    _raise_row_errors(errors)
    changed = [
        (count, before, after)
        for count, before in counts
        if (after := snapshot(count, COUNT_FIELDS)) != before
    ]
    ServiceUserCount.objects.bulk_create([c for c, before, _a in changed if before is None], batch_size=1000)
    updated = [c for c, before, _a in changed if before is not None]
    ServiceUserCount.objects.bulk_update(updated, COUNT_FIELDS, batch_size=1000)
    AuditEvent.objects.bulk_create(_audit_events(actor, "service_user_count.set", changed), batch_size=1000)
    return [count for count, _before in counts]
