"""Admin screens for the organisation; every save and delete goes through organisation.actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sikap.accounts.access import access_for
from sikap.audit.actors import acting_user
from sikap.lib.admin import RefusalsAsMessages
from sikap.organisation import actions
from sikap.organisation.models import Period, Province, Service, ServiceUserCount, Unit


class ScopedAdmin(RefusalsAsMessages):
    """Limits an admin list to the user's scope; subclasses say how a row reaches its unit."""

    unit_lookup = "unit"

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset = super().get_queryset(request)
        access = access_for(request.user)
        if access.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.unit_lookup}__in": access.units()})

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not access_for(request.user).can_write(self.unit_of(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not access_for(request.user).can_write(self.unit_of(obj)):
            return False
        return super().has_delete_permission(request, obj)

    def unit_of(self, obj: Any) -> Unit:
        value = obj
        for part in self.unit_lookup.split("__"):
            value = getattr(value, part)
        return value


@admin.register(Province)
class ProvinceAdmin(RefusalsAsMessages):
    list_display = ["code", "name"]
    search_fields = ["name", "code"]

    def save_model(self, request: HttpRequest, obj: Province, form: Any, change: bool) -> None:
        actions.save_province(acting_user(request), obj)

    def delete_model(self, request: HttpRequest, obj: Province) -> None:
        actions.delete_provinces(acting_user(request), [obj])

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actions.delete_provinces(acting_user(request), queryset)


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    unit_lookup = "pk"
    list_display = ["indented_name", "code", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "code"]
    filter_horizontal = ["provinces"]
    autocomplete_fields = ["parent"]
    fields = ["parent", "kind", "code", "name", "provinces", "active"]

    def get_queryset(self, request: HttpRequest) -> Any:
        access = access_for(request.user)
        return access.units() if not access.is_superuser else super(ScopedAdmin, self).get_queryset(request)

    def unit_of(self, obj: Any) -> Unit:
        return obj

    @admin.display(description="nama", ordering="path")
    def indented_name(self, obj: Unit) -> str:
        return f"{'— ' * obj.depth}{obj.name}"

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        # Provinces are saved with the unit by the action; save_related must not redo it.
        provinces = list(form.cleaned_data.get("provinces", []))
        if change:
            fields = {f: form.cleaned_data[f] for f in ["parent", "kind", "code", "name", "active"]}
            saved = actions.update_unit(acting_user(request), obj, provinces=provinces, **fields)
        else:
            saved = actions.create_unit(
                acting_user(request),
                code=obj.code,
                name=obj.name,
                kind=obj.kind,
                parent=obj.parent,
                provinces=provinces,
                active=obj.active,
            )
        obj.pk, obj.path, obj.depth = saved.pk, saved.path, saved.depth

    def delete_model(self, request: HttpRequest, obj: Unit) -> None:
        actions.delete_units(acting_user(request), [obj])

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actions.delete_units(acting_user(request), queryset)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class PeriodForm(forms.ModelForm):
    """A period with its rules; changing the rules of an existing period needs a reason and an open period."""

    rules_reason = forms.CharField(
        label=_("Alasan perubahan aturan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila aturan sampel, integritas atau bobot wilayah periode ini diubah."),
    )

    class Meta:
        model = Period
        fields = ["name", "kind", "start", "end", *actions.PERIOD_RULE_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in actions.PERIOD_RULE_FIELDS:  # a form that leaves a rule out keeps it as it is
            self.fields[name].required = False

    def changed_rules(self) -> list[str]:
        if self.instance.pk is None:
            return []
        return [
            name for name in actions.PERIOD_RULE_FIELDS if name in self.data and name in self.changed_data
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in actions.PERIOD_RULE_FIELDS:
            if name not in self.data:
                data[name] = getattr(self.instance, name)
        if self.changed_rules():
            if self.instance.has_ended():
                raise forms.ValidationError(
                    _(
                        "Periode ini sudah berakhir: aturannya tidak dapat diubah agar angka yang sudah "
                        "dilaporkan tetap sama."
                    )
                )
            if not (data.get("rules_reason") or "").strip():
                self.add_error("rules_reason", _("Tuliskan alasan perubahan aturan."))
        return data


@admin.register(Period)
class PeriodAdmin(RefusalsAsMessages):
    form = PeriodForm
    list_display = ["name", "kind", "start", "end", "target_method", "target_margin", "target_floor"]
    list_filter = ["kind"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "start", "end"]}),
        (
            _("Aturan yang menentukan hasil periode ini"),
            {
                "fields": [
                    "target_method",
                    "target_margin",
                    "target_floor",
                    "integrity_rules",
                    "regional_weights",
                    "rules_reason",
                ]
            },
        ),
    ]

    def save_model(self, request: HttpRequest, obj: Period, form: Any, change: bool) -> None:
        actor = acting_user(request)
        rules = {name: getattr(obj, name) for name in form.changed_rules()}
        actions.save_period(actor, obj)  # keeps the stored rules of an existing period
        if rules:
            actions.set_period_rules(actor, obj, reason=form.cleaned_data["rules_reason"], **rules)

    def delete_model(self, request: HttpRequest, obj: Period) -> None:
        actions.delete_periods(acting_user(request), [obj])

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actions.delete_periods(acting_user(request), queryset)


class UserCountInline(admin.TabularInline):
    model = ServiceUserCount
    extra = 0
    fields = ["period", "users", "source"]


@admin.register(Service)
class ServiceAdmin(ScopedAdmin):
    list_display = ["name", "unit", "year", "category", "channel", "active"]
    list_filter = ["year", "category", "channel", "active"]
    search_fields = ["name", "unit__name", "unit__code"]
    autocomplete_fields = ["unit"]
    inlines = [UserCountInline]
    list_select_related = ["unit"]

    def save_model(self, request: HttpRequest, obj: Service, form: Any, change: bool) -> None:
        access_for(request.user).require_write(obj.unit)
        actions.save_service(acting_user(request), obj)

    def delete_model(self, request: HttpRequest, obj: Service) -> None:
        actions.delete_services(acting_user(request), [obj])

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actions.delete_services(acting_user(request), queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # save(commit=False) writes nothing; it sorts the rows (and gives the admin its change message).
        actor = acting_user(request)
        counts = formset.save(commit=False)
        actions.delete_user_counts(actor, formset.deleted_objects)
        for count in counts:
            actions.set_user_count(actor, form.instance, count.period, count.users, count.source)


@admin.register(ServiceUserCount)
class ServiceUserCountAdmin(ScopedAdmin):
    unit_lookup = "service__unit"
    list_display = ["service", "period", "users", "source"]
    list_filter = ["period"]
    list_select_related = ["service__unit", "period"]
    search_fields = ["service__name", "service__unit__name"]

    def save_model(self, request: HttpRequest, obj: ServiceUserCount, form: Any, change: bool) -> None:
        access_for(request.user).require_write(obj.service.unit)
        saved = actions.set_user_count(acting_user(request), obj.service, obj.period, obj.users, obj.source)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: ServiceUserCount) -> None:
        actions.delete_user_counts(acting_user(request), [obj])

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actions.delete_user_counts(acting_user(request), queryset)
