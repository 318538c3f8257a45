"""Admin screens for the holiday calendar and target overrides; every save goes through indices.actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sikap.accounts.access import access_for
from sikap.audit.actors import acting_user
from sikap.indices import actions
from sikap.indices.models import Holiday, TargetOverride
from sikap.organisation.admin import ScopedAdmin


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """National holidays and cuti bersama: editable data, since each year's decree moves some of them."""

    list_display = ["date", "name"]
    search_fields = ["name"]
    date_hierarchy = "date"
    fields = ["date", "name"]

    def save_model(self, request: HttpRequest, obj: Holiday, form: Any, change: bool) -> None:
        stored = Holiday.objects.get(pk=obj.pk) if change else None
        saved = actions.save_holiday(acting_user(request), obj.date, obj.name, stored)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Holiday) -> None:
        actions.delete_holiday(acting_user(request), obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for holiday in queryset:
            actions.delete_holiday(acting_user(request), holiday)


@admin.register(TargetOverride)
class TargetOverrideAdmin(ScopedAdmin):
    """An admin's own minimum sample; regional admins see and set only those of their subtree."""

    list_display = ["unit", "period", "service_key", "minimum", "reason", "set_by", "set_at"]
    list_filter = ["period"]
    search_fields = ["unit__name", "unit__code", "reason"]
    list_select_related = ["unit", "period", "set_by"]
    fields = ["unit", "period", "service_key", "minimum", "reason", "set_by", "set_at"]
    readonly_fields = ["set_by", "set_at"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "unit":
            kwargs["queryset"] = access_for(request.user).writable_units()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not access_for(request.user).can_write(obj.unit):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: TargetOverride, form: Any, change: bool) -> None:
        access = access_for(request.user)
        access.require_write(obj.unit)
        if change:
            stored = TargetOverride.objects.select_related("unit", "period").get(pk=obj.pk)
            access.require_write(stored.unit)
            moved = (stored.unit_id, stored.period_id, stored.service_key) != (
                obj.unit_id,
                obj.period_id,
                obj.service_key,
            )
            if moved:
                actions.clear_target_override(
                    acting_user(request), stored.unit, stored.period, stored.service_key, reason=obj.reason
                )
        saved = actions.set_target_override(
            acting_user(request), obj.unit, obj.period, obj.minimum, obj.reason, service_key=obj.service_key
        )
        obj.pk, obj.set_by, obj.set_at = saved.pk, saved.set_by, saved.set_at

    def delete_model(self, request: HttpRequest, obj: TargetOverride) -> None:
        access_for(request.user).require_write(obj.unit)
        actions.clear_target_override(acting_user(request), obj.unit, obj.period, obj.service_key)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for override in queryset.select_related("unit", "period"):
            self.delete_model(request, override)
